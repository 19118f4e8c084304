// Builds the committed bundles: dist/weaver/go-weave.cjs and go-weave-core.cjs with their data files beside them, a copy of
// the Go runtime module in dist/runtime, and the GitHub Action (scripts/bundle-action.mjs).
// Output is deterministic so CI can check that dist/ is up to date.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const weaverOut = join(dist, 'weaver');

/** The core's own modules, as the CLI half imports them on demand (by specifier and importer). */
const CORE_IMPORTS = [
  { path: '../index.js', from: join('weaver', 'src', 'gocmd') },
  { path: './weave-command.js', from: join('weaver', 'src', 'cli') },
  { path: './aspects-command.js', from: join('weaver', 'src', 'cli') },
];
export const CORE_FILE = 'go-weave-core.cjs';

/**
 * The CLI in two files: go-weave.cjs (command line, go-command integration, weaving pool) and
 * go-weave-core.cjs (the core), which the first requires only when a package must be woven or a
 * core command runs. A no-op build then starts by parsing a tenth of the code.
 */
export async function bundleWeaverTo(outDir, opts = {}) {
  const common = {
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false,
    legalComments: 'none', logLevel: 'warning', absWorkingDir: root,
    define: { 'import.meta.url': '__goweave_import_meta_url', 'import.meta.dirname': '__dirname' },
  };
  const banner = 'const __goweave_import_meta_url = require("url").pathToFileURL(__filename).href;';
  const splitCore = {
    name: 'split-core',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\/(index|weave-command|aspects-command)\.js$/ }, (a) => {
        const hit = CORE_IMPORTS.some((c) => c.path === a.path && dirname(relative(root, a.importer)) === c.from);
        return hit ? { path: `./${CORE_FILE}`, external: true } : undefined;
      });
    },
  };
  const cli = await esbuild.build({ ...common, entryPoints: [join(root, 'weaver', 'src', 'cli', 'run.ts')], plugins: [splitCore], banner: { js: `#!/usr/bin/env node\n${banner}` } });
  const core = await esbuild.build({ ...common, entryPoints: [join(root, 'weaver', 'src', 'core-bundle.ts')], banner: { js: banner } });
  // esbuild keeps import() for an external module; Node would then load the core through its ES
  // module loader, which scans a CommonJS file for its exports first (about twice as slow as
  // require on this half-megabyte file).
  const dynamic = `import("./${CORE_FILE}")`;
  const cliText = cli.outputFiles[0].text;
  if (!cliText.includes(dynamic)) throw new Error(`bundle: expected ${dynamic} in the CLI half`);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'go-weave.cjs'), cliText.split(dynamic).join(`Promise.resolve().then(() => require("./${CORE_FILE}"))`), { mode: 0o755 });
  writeFileSync(join(outDir, CORE_FILE), core.outputFiles[0].contents);
  if (opts.assets === false) return;
  cpSync(join(root, 'node_modules', 'tree-sitter-go', 'tree-sitter-go.wasm'), join(outDir, 'tree-sitter-go.wasm'));
  cpSync(join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'), join(outDir, 'web-tree-sitter.wasm'));
  cpSync(join(root, 'weaver', 'aspects'), join(outDir, 'aspects'), { recursive: true });
}

async function bundleWeaver() {
  rmSync(weaverOut, { recursive: true, force: true });
  await bundleWeaverTo(weaverOut);
}

/** The runtime module without its tests: what woven programs compile against. */
function copyRuntime() {
  const out = join(dist, 'runtime');
  rmSync(out, { recursive: true, force: true });
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) { if (name !== 'testdata') walk(p); continue; }
      if (name.endsWith('_test.go')) continue;
      if (!/\.(go|s)$/.test(name) && name !== 'go.mod') continue;
      const target = join(out, relative(join(root, 'runtime'), p));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(p, target);
    }
  };
  walk(join(root, 'runtime'));
}

async function bundleAll() {
  await bundleWeaver();
  copyRuntime();
  if (existsSync(join(root, 'scripts', 'bundle-action.mjs'))) {
    const { bundleAction } = await import('./bundle-action.mjs');
    if (typeof bundleAction === 'function') await bundleAction();
  }
  // The Bazel rules run their own launcher over the same core; it is committed next to the rules.
  const { buildLauncher, launcherPath } = await import('../bazel/private/launcher/build.mjs');
  writeFileSync(launcherPath, await buildLauncher());
  console.log('bundled dist/weaver, dist/runtime, dist/action and bazel/private/weaver_launcher.cjs');
}

// Imported by the benchmarks for bundleWeaverTo; run, it writes every committed bundle.
if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleAll();
