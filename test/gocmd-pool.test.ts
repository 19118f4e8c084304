// Weaving on the worker pool (weaver/src/gocmd/pool.ts) gives exactly what weaving on the main
// thread gives: the same woven files, the same weave-cache entries, the same located errors; from
// source and from the bundle's worker entry, and through the bundled CLI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { removeTree, writeTree } from './support/go-fixture.ts';
import { REPO, run } from './support/go-tool.ts';
import { unitsOf, weaveWithCore } from './support/pool-fixture.ts';
import { stdPackages, type StdPackage } from './support/std-packages.ts';
import type { WeaveUnit } from '../weaver/src/gocmd/plan.ts';
import { bundleFingerprint } from '../weaver/src/gocmd/fingerprint.ts';

const BUNDLE = join(REPO, 'dist', 'weaver', 'go-weave.cjs');
const noBundle = existsSync(BUNDLE) ? false : `the weaver bundle ${BUNDLE} is not built (run npm run build)`;

const MODULE = {
  'go.mod': 'module example.com/pooled\n\ngo 1.25\n',
  'main.go': `package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	"example.com/pooled/work"
)

//weave:span
func double(ctx context.Context, n int) int {
	return work.Twice(ctx, n)
}

func main() {
	_ = http.DefaultClient
	_ = sql.Drivers()
	fmt.Println(double(context.Background(), 21))
}
`,
  'work/work.go': `package work

import "context"

//weave:span
func Twice(ctx context.Context, n int) int {
	return n * 2
}
`,
};

/** An aspect whose template is not Go, and a package the parser rejects: both fail while weaving. */
const BROKEN = {
  'go.mod': 'module example.com/broken\n\ngo 1.25\n',
  'go-weave.yml': `aspects:
  - id: bad.template
    join-point:
      function-body:
        function: [{name: Broken}]
    advice:
      - prepend-statements:
          template: 'if {'
`,
  'bad/bad.go': 'package bad\n\nfunc Broken() {}\n',
  // The aspect's function is here too, so the file is parsed (and rejected).
  'syntax/syntax.go': 'package syntax\n\nfunc Broken() {}\n\nfunc Bad( {\n}\n',
};

/** The module's packages as plan.ts would hand them to the weaver. */
function moduleUnits(root: string, dirs: Record<string, string>): WeaveUnit[] {
  const pkgs: StdPackage[] = Object.entries(dirs).map(([dir, importPath]) => {
    const abs = join(root, dir);
    const files = readdirSync(abs).filter((f) => f.endsWith('.go')).sort().map((f) => ({ path: join(abs, f), source: readFileSync(join(abs, f), 'utf8') }));
    return { importPath, name: /^package (\w+)/m.exec(files[0].source)![1], dir: abs, files };
  });
  return unitsOf(pkgs, { mainModule: true });
}

/** Woven sources and manifests of a weave cache, with the cache's own path taken out. */
function wovenEntries(cache: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const sub of ['src', 'pkg']) {
    const walk = (dir: string) => {
      for (const n of readdirSync(dir).sort()) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else out.set(relative(cache, p), readFileSync(p, 'utf8').split(cache).join('<cache>'));
      }
    };
    walk(join(cache, 'v1', sub));
  }
  return out;
}

describe('weaving pool', () => {
  let mod: string;
  let broken: string;
  let tmp: string;
  let units: WeaveUnit[];

  before(() => {
    mod = writeTree(MODULE, 'gw-pool-mod-');
    broken = writeTree(BROKEN, 'gw-pool-broken-');
    tmp = writeTree({}, 'gw-pool-');
    const wanted = new Set(['net/http', 'database/sql', 'net/url', 'os', 'strings', 'encoding/json', 'fmt', 'context']);
    units = [...unitsOf(stdPackages().filter((p) => wanted.has(p.importPath))), ...moduleUnits(mod, { '.': 'example.com/pooled', work: 'example.com/pooled/work' })];
  });
  after(() => {
    for (const d of [mod, broken, tmp]) removeTree(d);
  });

  test('workers weave std and module packages exactly as the main thread does', async () => {
    const opts = { moduleRoot: mod };
    const single = await weaveWithCore(units, join(tmp, 'single'), opts);
    const pooled = await weaveWithCore(units, join(tmp, 'pooled'), opts, 2, { mainThread: false });
    assert.equal(pooled.stats?.byWorkers, units.length, 'every package went to a worker');
    assert.equal(pooled.stats?.failure, undefined);
    assert.deepEqual([...single.outcome.wovenPackages].sort(), ['database/sql', 'example.com/pooled', 'example.com/pooled/work', 'net/http']);
    assert.match(single.files.get(join(mod, 'work', 'work.go')) ?? '', /\/\/line .*work\.go:/);
    assert.deepEqual(pooled.files, single.files);
    // Same keys, same manifests, same content-addressed sources: the cache cannot tell who wove.
    assert.deepEqual(pooled.cache, single.cache);
    // The overlays differ only in the cache directory they point into.
    const rest = (o: typeof single.outcome) => ({ ...o, overlay: [...o.overlay.keys()] });
    assert.deepEqual(rest(pooled.outcome), rest(single.outcome));
    assert.equal(pooled.outcome.weavedNow, units.length);
  });

  test('a weaving error in a worker keeps its message, file, line and column', async () => {
    const bad = moduleUnits(broken, { bad: 'example.com/broken/bad', syntax: 'example.com/broken/syntax' });
    const opts = { moduleRoot: broken };
    const single = await weaveWithCore(bad, join(tmp, 'err-single'), opts);
    const pooled = await weaveWithCore(bad, join(tmp, 'err-pooled'), opts, 1, { mainThread: false });
    assert.equal(pooled.stats?.byWorkers, 2);
    assert.equal(single.outcome.errors.length, 2, JSON.stringify(single.outcome.errors));
    assert.deepEqual(pooled.outcome.errors, single.outcome.errors);
    const [tmpl, syntax] = pooled.outcome.errors;
    assert.equal(tmpl.file, join(broken, 'go-weave.yml'));
    assert.ok(tmpl.line && tmpl.line > 1, JSON.stringify(tmpl));
    assert.match(tmpl.message, /go-weave\.yml:\d+: template produced invalid Go/);
    assert.equal(syntax.file, join(broken, 'syntax', 'syntax.go'));
    assert.equal(syntax.line, 5);
    assert.ok(syntax.message.startsWith(`${syntax.file}:5:`), syntax.message);
  });

  test('a worker that dies hands its packages back to the main thread', async () => {
    const own = moduleUnits(mod, { '.': 'example.com/pooled', work: 'example.com/pooled/work' });
    const opts = { moduleRoot: mod };
    const spawn = () => new Worker('throw new Error("worker broke")', { eval: true });
    const single = await weaveWithCore(own, join(tmp, 'dead-single'), opts);
    const pooled = await weaveWithCore(own, join(tmp, 'dead-pooled'), opts, 2, { mainThread: false, spawn });
    assert.match(pooled.stats?.failure ?? '', /worker broke/);
    assert.equal(pooled.stats?.byMain, own.length);
    assert.deepEqual(pooled.files, single.files);
  });

  test('the bundle is its own worker entry and weaves the same', { skip: noBundle }, async () => {
    const opts = { moduleRoot: mod };
    const spawn = (data: unknown, env: NodeJS.ProcessEnv) => new Worker(BUNDLE, { workerData: data, env });
    const single = await weaveWithCore(units, join(tmp, 'b-single'), opts);
    // The bundle's fingerprint is its own hash (fingerprint.ts), not that of these sources.
    const fingerprint = bundleFingerprint(dirname(BUNDLE));
    const refused = await weaveWithCore(units.slice(-1), join(tmp, 'b-refused'), opts, 1, { mainThread: false, spawn });
    assert.match(refused.stats?.failure ?? '', /different weaver code/);
    const pooled = await weaveWithCore(units, join(tmp, 'b-pooled'), opts, 2, { mainThread: false, spawn, fingerprint });
    assert.equal(pooled.stats?.failure, undefined);
    assert.equal(pooled.stats?.byWorkers, units.length);
    assert.deepEqual(pooled.files, single.files);
  });

  test('bundled CLI: a cold woven build on the pool runs, and matches a build on the main thread', { skip: noBundle }, () => {
    const build = (name: string, workers: string) => {
      const cache = join(tmp, `cli-${name}`);
      const r = run(process.execPath, [BUNDLE, 'build', '-o', join(tmp, `bin-${name}`), '.'], {
        cwd: mod, env: { GOWEAVE_CACHE: cache, GOWEAVE_WORKERS: workers, GOWEAVE_VERBOSE: '1', GOFLAGS: '-buildvcs=false' },
      });
      assert.equal(r.code, 0, r.stderr);
      return { cache, stderr: r.stderr };
    };
    const pooled = build('pooled', '2');
    assert.match(pooled.stderr, /weaving \d+ ms on the main thread \+ [12] worker threads? \(\d+ \+ \d+ packages\)/);
    assert.doesNotMatch(pooled.stderr, /weaving worker/);
    const single = build('single', '0');
    assert.match(single.stderr, /weaving \d+ ms on the main thread\n/);
    assert.deepEqual(wovenEntries(pooled.cache), wovenEntries(single.cache));
    const out = run(join(tmp, 'bin-pooled'), [], { env: { OTEL_TRACES_EXPORTER: 'console' } });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, '42\n');
    assert.match(out.stderr, /"name":"main\.double"/);
    assert.match(out.stderr, /"name":"work\.Twice"/);
  });

  test('closing the pool while a worker is still starting returns at once', () => {
    // In a process of its own: there nothing but the pool keeps the event loop alive, as in the CLI,
    // where a close() waiting on a starting worker ended the process before the go command ran.
    const script = join(tmp, 'close-early.mts');
    writeFileSync(script, `
import { loadRealCore } from ${JSON.stringify(join(REPO, 'weaver/src/gocmd/realcore.ts'))};
import { WeavePool } from ${JSON.stringify(join(REPO, 'weaver/src/gocmd/pool.ts'))};
const core = await loadRealCore();
const aspects = await core.loadConfig({});
const pool = new WeavePool(core, 1, process.env);
const weave = pool.weaveWith(aspects, {});
const tiny = (n) => ({ importPath: 'example.com/t' + n, name: 'p', mainModule: true, files: [{ path: '/t' + n + '/p.go', source: 'package p\\n' }] });
// Two packages at once start a worker; the main thread weaves both long before it is ready.
await Promise.all([weave(tiny(1)), weave(tiny(2))]);
console.log('workers', pool.stats.workers, 'main', pool.stats.byMain);
// Busy, as while weaving a big package: the worker is now part way through starting.
const t0 = Date.now();
while (Date.now() - t0 < 600) { /* spin */ }
await pool.close();
console.log('closed');
`);
    const r = run(process.execPath, ['--import', 'tsx', script], { cwd: REPO });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'workers 1 main 2\nclosed\n');
  });
});

