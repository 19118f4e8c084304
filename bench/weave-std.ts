// Weaving throughput over the installed Go's standard library, split into parse, match and
// print, with the weaving overhead printed as a ratio to parse time (target: ≤ 1.20×).
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAspectFiles, weavePackage } from '../weaver/src/index.ts';
import { parseGo } from '../weaver/src/parse/parser.ts';
import { tempDir } from '../test/support/go-tool.ts';
import { stdPackages } from '../test/support/std-packages.ts';

const dir = tempDir('bench');
const aspectsFile = (name: string, body: string) => { const p = join(dir, name); writeFileSync(p, body); return p; };
// Same join point, but a name no function has: every body is enumerated and tested, nothing printed.
const matchOnly = loadAspectFiles([aspectsFile('match.yml', `aspects:
  - id: none
    join-point: {function-body: {function: [{name: __never_a_function_name}]}}
    advice: [{prepend-statements: {template: 'println()'}}]
`)]);
const everywhere = loadAspectFiles([aspectsFile('all.yml', `aspects:
  - id: all
    join-point: {function-body: {function: []}}
    advice: [{prepend-statements: {template: 'if false { println({{ printf "%q" .Function.Name }}) }'}}]
`)]);

const pkgs = stdPackages().filter((p) => p.files.length);
const files = pkgs.flatMap((p) => p.files);
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.source), 0);
await parseGo('package warmup\n');

const ROUNDS = Number(process.env.ROUNDS ?? 2);

/** Best of ROUNDS runs: the machine is shared, and the minimum is the least disturbed figure. */
async function time(label: string, fn: () => Promise<void>): Promise<number> {
  let s = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    await fn();
    s = Math.min(s, (performance.now() - t0) / 1000);
  }
  console.log(`${label.padEnd(28)} ${s.toFixed(2)} s   ${(bytes / 1e6 / s).toFixed(2)} MB/s   ${(files.length / s).toFixed(0)} files/s`);
  return s;
}

console.log(`corpus: ${pkgs.length} packages, ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB (Go std of the installed toolchain)`);
const parse = await time('parse only', async () => { for (const f of files) (await parseGo(f.source)).delete(); });
const match = await time('parse + match', async () => {
  for (const p of pkgs) await weavePackage(matchOnly, { importPath: p.importPath, name: p.name, files: p.files });
});
let woven = 0;
const full = await time('parse + match + print', async () => {
  woven = 0;
  for (const p of pkgs) woven += (await weavePackage(everywhere, { importPath: p.importPath, name: p.name, files: p.files })).joinPoints;
});
console.log(`function bodies woven: ${woven}`);
console.log(`match:  +${((match - parse) / parse * 100).toFixed(1)}% over parse`);
console.log(`print:  +${((full - match) / parse * 100).toFixed(1)}% over parse`);
console.log(`ratio weave ÷ parse: ${(full / parse).toFixed(2)}x (target ≤ 1.20x)`);
