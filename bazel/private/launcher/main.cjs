'use strict';
// Source of ../weaver_launcher.cjs (bundled by build.mjs so that no node_modules is needed
// inside actions). It finds the weaver bundle and its assets through the runfiles library
// and runs the bundle with the same arguments.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { runfiles } = require('@bazel/runfiles');

function resolveBundle(rloc) {
  try {
    const found = runfiles.resolve(rloc);
    return fs.existsSync(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

// Mirrors the CLI's `weave -o DIR` contract without weaving; used only while the repository
// has no built bundle, so that the rules still produce a correct (unwoven) build.
function copyThrough(argv) {
  let out;
  let report;
  const files = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-o') out = argv[++i];
    else if (arg === '--report') report = argv[++i];
    else if (arg === '-c' || arg === '-p') i++;
    else files.push(arg);
  }
  if (argv[0] !== 'weave' || out === undefined) {
    process.stderr.write('go-weave launcher: no weaver bundle, and only `weave -o DIR` can be passed through\n');
    return 2;
  }
  fs.mkdirSync(out, { recursive: true });
  for (const file of files) fs.copyFileSync(file, path.join(out, path.basename(file)));
  if (report !== undefined) {
    fs.writeFileSync(report, JSON.stringify({ files: [], addedImports: [], linkDeps: [], joinPoints: 0 }) + '\n');
  }
  process.stderr.write('go-weave launcher: weaver bundle not built (dist/weaver/go-weave.cjs); sources copied unwoven\n');
  return 0;
}

function main() {
  const rloc = process.env.GOWEAVE_BUNDLE_RLOCATION;
  if (!rloc) {
    process.stderr.write('go-weave launcher: GOWEAVE_BUNDLE_RLOCATION is not set\n');
    return 2;
  }
  const bundle = resolveBundle(rloc);
  const argv = process.argv.slice(2);
  if (bundle === undefined) return copyThrough(argv);
  const env = { ...process.env, GOWEAVE_ASSETS: path.dirname(bundle) };
  const child = spawnSync(process.execPath, [bundle, ...argv], { stdio: 'inherit', env });
  if (child.error) {
    process.stderr.write(`go-weave launcher: cannot run ${bundle}: ${child.error.message}\n`);
    return 2;
  }
  return child.status ?? 1;
}

process.exitCode = main();
