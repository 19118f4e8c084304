// Cold-build cost of the Bazel rules on examples/bazel, as ratios measured in one run:
//   woven    go_weaved_binary with the built-in aspects (std and user packages woven)
//   unwoven  the same targets with an empty aspect set (--@go_weave//bazel:default_aspects=...:no_aspects)
//   go build the plain toolchain on the same sources (fresh GOCACHE; it compiles only the std
//            packages the program needs, where Bazel compiles all of std once per configuration)
// Target (issue #5): woven / unwoven <= 1.2. Run: [BENCH_ROUNDS=2] node --import tsx bench/bazel-build.ts
// (best of BENCH_ROUNDS alternating cold builds per variant)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bazelEnv, copyExample, mustSucceed, requireBazel, startBazelRun } from '../test/support/bazel-harness.ts';

async function main(): Promise<void> {
  requireBazel();
  const run = startBazelRun();
  try {
    const ws = copyExample(run.root);
    // Start the server first so that JVM start-up is not part of either measurement.
    mustSucceed('bazel info', await run.bazel(ws, 'info', ['release']));
    const timeBuild = async (label: string, flags: string[]): Promise<number> => {
      mustSucceed('bazel clean', await run.bazel(ws, 'clean', []));
      const t0 = performance.now();
      mustSucceed(label, await run.bazel(ws, 'build', [...flags, '//cmd/server'], { diskCache: false }));
      return (performance.now() - t0) / 1000;
    };
    // Alternating rounds, best of each: on a shared machine one round is mostly noise.
    const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? '2'));
    let unwoven = Infinity;
    let woven = Infinity;
    for (let i = 0; i < rounds; i++) {
      unwoven = Math.min(unwoven, await timeBuild('unwoven build', ['--@go_weave//bazel:default_aspects=@go_weave//bazel:no_aspects']));
      woven = Math.min(woven, await timeBuild('woven build', []));
    }

    const mod = mkdtempSync(join(tmpdir(), 'go-weave-bench-go-'));
    cpSync(join(ws, 'cmd'), join(mod, 'cmd'), { recursive: true });
    cpSync(join(ws, 'internal'), join(mod, 'internal'), { recursive: true });
    writeFileSync(join(mod, 'go.mod'), 'module example.com/service\n\ngo 1.25\n');
    const env = { ...bazelEnv(), GOCACHE: join(mod, '.cache'), GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };
    const t0 = performance.now();
    const go = spawnSync('go', ['build', '-trimpath', '-o', join(mod, 'server'), './cmd/server'], { cwd: mod, env, encoding: 'utf8' });
    if (go.status !== 0) throw new Error(`go build failed:\n${go.stderr}`);
    const plain = (performance.now() - t0) / 1000;
    spawnSync('chmod', ['-R', 'u+w', mod]);

    const rows: [string, number][] = [['go build (plain toolchain)', plain], ['bazel unwoven', unwoven], ['bazel woven', woven]];
    for (const [name, secs] of rows) console.log(`${name.padEnd(28)} ${secs.toFixed(1).padStart(7)} s`);
    console.log(`woven / unwoven   ${(woven / unwoven).toFixed(2)}x  (target <= 1.20x; best of ${rounds} rounds)`);
    console.log(`unwoven / go build ${(unwoven / plain).toFixed(2)}x`);
    console.log(`woven / go build   ${(woven / plain).toFixed(2)}x`);
  } finally {
    await run.dispose();
  }
}

await main();
