// Builds the committed bundles: dist/weaver/go-weave.cjs with its data files beside it, a copy of
// the Go runtime module in dist/runtime, and the GitHub Action (scripts/bundle-action.mjs).
// Output is deterministic so CI can check that dist/ is up to date.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const weaverOut = join(dist, 'weaver');

async function bundleWeaver() {
  rmSync(weaverOut, { recursive: true, force: true });
  mkdirSync(weaverOut, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [join(root, 'weaver', 'src', 'cli', 'run.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false,
    legalComments: 'none', logLevel: 'warning', absWorkingDir: root,
    define: { 'import.meta.url': '__goweave_import_meta_url', 'import.meta.dirname': '__dirname' },
    banner: { js: '#!/usr/bin/env node\nconst __goweave_import_meta_url = require("url").pathToFileURL(__filename).href;' },
  });
  writeFileSync(join(weaverOut, 'go-weave.cjs'), result.outputFiles[0].contents, { mode: 0o755 });
  cpSync(join(root, 'node_modules', 'tree-sitter-go', 'tree-sitter-go.wasm'), join(weaverOut, 'tree-sitter-go.wasm'));
  cpSync(join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm'), join(weaverOut, 'web-tree-sitter.wasm'));
  cpSync(join(root, 'weaver', 'aspects'), join(weaverOut, 'aspects'), { recursive: true });
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

await bundleWeaver();
copyRuntime();
if (existsSync(join(root, 'scripts', 'bundle-action.mjs'))) {
  const { bundleAction } = await import('./bundle-action.mjs');
  if (typeof bundleAction === 'function') await bundleAction();
}
// The Bazel rules run their own launcher over the same core; it is committed next to the rules.
{
  const { buildLauncher, launcherPath } = await import('../bazel/private/launcher/build.mjs');
  writeFileSync(launcherPath, await buildLauncher());
}
console.log('bundled dist/weaver, dist/runtime, dist/action and bazel/private/weaver_launcher.cjs');
