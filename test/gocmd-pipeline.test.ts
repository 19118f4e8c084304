// The go-command integration driven by a small fake weaver (test/support/go-fixture.ts) against
// the real go toolchain: planning, overlay, modfile, weave cache, build-cache behaviour.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fakeCore, fakeRuntime, removeTree, run, snapshot, writeTree } from './support/go-fixture.ts';
import { prepare } from '../weaver/src/gocmd/pipeline.ts';
import { runGoWith, runDiffWith, cleanCache } from '../weaver/src/gocmd/index.ts';

const GO = process.env.GOWEAVE_GO || 'go';

const MODULE = {
  'go.mod': 'module example.com/m\n\ngo 1.25\n',
  'main.go': `package main

import (
	"fmt"

	"example.com/m/a"
	"example.com/m/b"
)

func main() {
	// @weave
	fmt.Println(a.A(), b.B())
}
`,
  'a/a.go': `package a

func A() string {
	// @weave
	return "a"
}
`,
  'a/tagged.go': `//go:build special

package a

func init() {
	// @weave
}
`,
  'a/a_test.go': `package a

import "testing"

func TestA(t *testing.T) {
	// @weave
	if A() != "a" {
		t.Fatal("A")
	}
}
`,
  'b/b.go': `package b

func B() string { return "b" }
`,
};

let rt: string;
let mod: string;
let cache: string;
let env: NodeJS.ProcessEnv;

/** Packages the go command compiled, from `go build -v` (cached packages are not printed). */
function compiled(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^[\w.]+(\/[\w.-]+)*$/.test(l.trim()) && l.trim() !== '').map((l) => l.trim()).sort();
}

/** Captures go-weave's own messages (stderr); the test reporter owns stdout. */
async function captureStderr<T>(fn: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  const origErr = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((c: string | Uint8Array) => ((stderr += String(c)), true)) as typeof process.stderr.write;
  try {
    return { value: await fn(), stderr };
  } finally {
    process.stderr.write = origErr;
  }
}

/** Plans and weaves like runGo, then runs the go command as a child so its output can be read. */
async function wovenGo(tag: string, sub: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const e = { ...env, ...extraEnv };
  const p = await prepare({ core: fakeCore(tag), runtimeDir: rt }, sub, args, e, () => rt);
  const r = await run(p.go, p.goArgs, { cwd: p.cwd, env: p.goEnv as NodeJS.ProcessEnv });
  return { ...r, prepared: p };
}

describe('go-weave build with a fake weaver', () => {
  before(() => {
    rt = fakeRuntime();
    mod = writeTree(MODULE, 'gw-mod-');
    cache = writeTree({}, 'gw-cache-');
    env = { ...process.env, GOWEAVE_CACHE: cache, GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local' };
    process.chdir(mod);
  });
  after(() => {
    removeTree(mod);
    removeTree(rt);
    removeTree(cache);
  });

  test('woven binary runs the woven code; go.mod, go.sum and sources are untouched', async () => {
    const before = snapshot(mod);
    const r = await wovenGo('v1', 'build', ['-o', join(cache, 'm1'), '.']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(snapshot(mod), before, 'the user tree changed');
    const out = await run(join(cache, 'm1'), []);
    assert.equal(out.stdout, 'a b\n');
    assert.equal(out.stderr, 'woven: v1 example.com/m\nwoven: v1 example.com/m/a\n');
    assert.deepEqual(r.prepared.outcome.wovenPackages.sort(), ['example.com/m', 'example.com/m/a']);
    // b has no join point: it is not overlaid, so it keeps its plain build-cache entry.
    assert.ok(![...r.prepared.outcome.overlay.keys()].some((k) => k.includes('/b/')));
  });

  test('plain go build of the same tree is unaffected and prints nothing extra', async () => {
    const r = await run(GO, ['build', '-o', join(cache, 'plain'), '.'], { cwd: mod, env });
    assert.equal(r.code, 0, r.stderr);
    const out = await run(join(cache, 'plain'), []);
    assert.equal(out.stdout, 'a b\n');
    assert.equal(out.stderr, '');
  });

  test('second identical woven build: nothing re-woven, nothing recompiled', async () => {
    await wovenGo('v1', 'build', ['-o', join(cache, 'm2'), '.']);
    const r = await wovenGo('v1', 'build', ['-v', '-o', join(cache, 'm2'), '.']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.prepared.outcome.weavedNow, 0);
    assert.deepEqual(compiled(r.stderr), []);
  });

  test('changing the aspect recompiles exactly the packages it touches', async () => {
    const r = await wovenGo('v2', 'build', ['-v', '-o', join(cache, 'm3'), '.']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(compiled(r.stderr), ['example.com/m', 'example.com/m/a']);
    const out = await run(join(cache, 'm3'), []);
    assert.match(out.stderr, /woven: v2 example.com\/m\/a/);
  });

  test('build tags change the plan: a tagged file is woven only when selected', async () => {
    const r = await wovenGo('v1', 'build', ['-tags', 'special', '-o', join(cache, 'm4'), '.']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok([...r.prepared.outcome.overlay.keys()].some((k) => k.endsWith('/a/tagged.go')));
    const out = await run(join(cache, 'm4'), []);
    assert.equal(out.stderr.split('\n').filter((l) => l.includes('example.com/m/a')).length, 2);
  });

  test('go-weave test weaves test files too', async () => {
    const r = await wovenGo('v1', 'test', ['-count=1', '-v', './a']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /woven: v1 example.com\/m\/a/);
    assert.match(r.stdout, /--- PASS: TestA/);
    assert.ok([...r.prepared.outcome.overlay.keys()].some((k) => k.endsWith('/a/a_test.go')));
  });

  test('runGoWith returns the go exit code and appends a GOWEAVE_REPORT line', async () => {
    const report = join(cache, 'report.jsonl');
    const { value: code } = await captureStderr(() => runGoWith({ core: fakeCore('v1'), runtimeDir: rt }, 'build', ['-o', join(cache, 'm5'), '.'], { ...env, GOWEAVE_REPORT: report }));
    assert.equal(code, 0);
    const lines = readFileSync(report, 'utf8').trim().split('\n');
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]), { wovenPackages: 2, joinPoints: 2, aspects: ['fake.v1'], errors: [], replacedModules: [] });
  });

  test('two woven builds at once on an empty weave cache both succeed', async () => {
    const fresh = writeTree({}, 'gw-cache2-');
    try {
      const [r1, r2] = await Promise.all([
        wovenGo('v3', 'build', ['-o', join(fresh, 'x1'), '.'], { GOWEAVE_CACHE: fresh }),
        wovenGo('v3', 'build', ['-o', join(fresh, 'x2'), '.'], { GOWEAVE_CACHE: fresh }),
      ]);
      assert.equal(r1.code, 0, r1.stderr);
      assert.equal(r2.code, 0, r2.stderr);
      for (const b of ['x1', 'x2']) assert.match((await run(join(fresh, b), [])).stderr, /woven: v3 example.com\/m\n/);
      // No temp files left behind by the atomic writes.
      const leftovers: string[] = [];
      const walk = (d: string) => {
        for (const n of readdirSync(d)) {
          const p = join(d, n);
          if (statSync(p).isDirectory()) walk(p);
          else if (n.includes('.tmp-')) leftovers.push(p);
        }
      };
      walk(fresh);
      assert.deepEqual(leftovers, []);
    } finally {
      removeTree(fresh);
    }
  });

  test('go-weave diff shows the woven change of the named packages as a unified diff', async () => {
    let stdout = '';
    const code = await runDiffWith({ core: fakeCore('v1'), runtimeDir: rt }, ['./a'], env, (s) => (stdout += s));
    assert.equal(code, 0);
    assert.match(stdout, /^--- a\/a\/a\.go\n\+\+\+ b\/a\/a\.go\n@@ -1,6 \+1,8 @@\n-package a\n\+\/\/go-weave:woven\n/m);
    assert.match(stdout, /^-\t\/\/ @weave$/m);
    assert.match(stdout, /^\+\t__gw_trace\.Hello\("v1 example\.com\/m\/a"\)$/m);
    assert.doesNotMatch(stdout, /main\.go/);
  });

  test('workspace mode: a go.work copy is used and the user go.work is untouched', async () => {
    const ws = writeTree({ 'go.work': 'go 1.25\n\nuse ./m\n', ...Object.fromEntries(Object.entries(MODULE).map(([k, v]) => [`m/${k}`, v])) }, 'gw-ws-');
    try {
      const before = snapshot(ws);
      const r = await wovenGo('v1', 'build', ['-C', join(ws, 'm'), '-o', join(ws, 'bin'), '.']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.prepared.goEnv.GOWORK && r.prepared.goEnv.GOWORK !== join(ws, 'go.work'));
      assert.ok(!r.prepared.goArgs.some((a) => a.startsWith('-modfile')));
      const out = await run(join(ws, 'bin'), []);
      assert.match(out.stderr, /woven: v1 example.com\/m\n/);
      const after = snapshot(ws);
      after.delete(join(ws, 'bin'));
      assert.deepEqual(after, before);
    } finally {
      removeTree(ws);
    }
  });

  test('no go.mod: a clear error and exit status 1', async () => {
    const bare = writeTree({ 'main.go': 'package main\n\nfunc main() {}\n' }, 'gw-bare-');
    try {
      const { value: code, stderr } = await captureStderr(() => runGoWith({ core: fakeCore('v1'), runtimeDir: rt }, 'build', ['-C', bare, '.'], { ...env, GO111MODULE: 'on' }));
      assert.equal(code, 1);
      assert.match(stderr, /no go\.mod in .*gw-bare-.* or any parent directory/);
      assert.match(stderr, /go mod init/);
    } finally {
      removeTree(bare);
    }
  });

  test('a weave cache that cannot be written: a clear error naming it and GOWEAVE_CACHE', async () => {
    const blocker = join(mod, 'not-a-dir');
    writeFileSync(blocker, '');
    try {
      const { value: code, stderr } = await captureStderr(() => runGoWith({ core: fakeCore('v1'), runtimeDir: rt }, 'build', ['-C', mod, '.'], { ...env, GOWEAVE_CACHE: join(blocker, 'cache') }));
      assert.equal(code, 1);
      assert.match(stderr, /go-weave: cannot use the weave cache .*not-a-dir\/cache: ENOTDIR.*; set GOWEAVE_CACHE to a writable directory/);
    } finally {
      rmSync(blocker);
    }
  });

  test('cache clean removes the weave cache', async () => {
    assert.ok(existsSync(join(cache, 'v1')));
    await cleanCache({ GOWEAVE_CACHE: cache });
    assert.ok(!existsSync(join(cache, 'v1')));
  });

  test('a user -overlay is honoured: the replaced file is what gets woven', async () => {
    const repl = join(cache, 'a_repl.go');
    writeFileSync(repl, 'package a\n\nfunc A() string {\n\t// @weave\n\treturn "A!"\n}\n');
    const ov = join(cache, 'user-overlay.json');
    writeFileSync(ov, JSON.stringify({ Replace: { [join(mod, 'a/a.go')]: repl } }));
    const r = await wovenGo('v1', 'build', ['-overlay', ov, '-o', join(cache, 'm6'), '.']);
    assert.equal(r.code, 0, r.stderr);
    const out = await run(join(cache, 'm6'), []);
    assert.equal(out.stdout, 'A! b\n');
    assert.match(out.stderr, /woven: v1 example.com\/m\/a/);
  });

  test('a new package imported after a build is planned and woven (the plan cache notices)', async () => {
    const r1 = await wovenGo('v1', 'build', ['-o', join(cache, 'm7'), '.']);
    assert.equal(r1.code, 0, r1.stderr);
    const main = join(mod, 'main.go');
    const orig = readFileSync(main, 'utf8');
    try {
      mkdirSync(join(mod, 'c'), { recursive: true });
      writeFileSync(join(mod, 'c', 'c.go'), 'package c\n\nfunc C() string {\n\t// @weave\n\treturn "c"\n}\n');
      writeFileSync(main, orig.replace('"example.com/m/b"', '"example.com/m/b"\n\t"example.com/m/c"').replace('a.A(), b.B()', 'a.A(), b.B(), c.C()'));
      const r2 = await wovenGo('v1', 'build', ['-o', join(cache, 'm7'), '.']);
      assert.equal(r2.code, 0, r2.stderr);
      const out = await run(join(cache, 'm7'), []);
      assert.equal(out.stdout, 'a b c\n');
      assert.match(out.stderr, /woven: v1 example.com\/m\/c\n/);
    } finally {
      writeFileSync(main, orig);
      removeTree(join(mod, 'c'));
    }
  });

  test('vendor mode: the runtime comes in through the overlay, the vendor tree is untouched', async () => {
    const v = writeTree({
      'go.mod': 'module example.com/v\n\ngo 1.25\n\nrequire github.com/ncruces/julianday v1.0.0\n',
      'main.go': 'package main\n\nimport (\n\t"fmt"\n\t"time"\n\n\t"github.com/ncruces/julianday"\n)\n\nfunc main() {\n\t// @weave\n\tfmt.Println(julianday.Date(time.Unix(0, 0)))\n}\n',
    }, 'gw-vendor-');
    try {
      const e = { ...env, GOFLAGS: '-mod=mod' };
      assert.equal((await run(GO, ['mod', 'tidy'], { cwd: v, env: e })).code, 0);
      assert.equal((await run(GO, ['mod', 'vendor'], { cwd: v, env: e })).code, 0);
      const before = snapshot(v);
      // Vendor mode by default (vendor/modules.txt), and by an explicit -mod=vendor.
      for (const extra of [[], ['-mod=vendor']]) {
        const r = await wovenGo('v1', 'build', ['-C', v, ...extra, '-o', join(v, 'bin'), '.']);
        assert.equal(r.code, 0, r.stderr);
        const out = await run(join(v, 'bin'), []);
        assert.equal(out.stdout, '2440587 43200000000000\n');
        assert.match(out.stderr, /woven: v1 example.com\/v\n/);
        rmSync(join(v, 'bin'));
      }
      assert.deepEqual(snapshot(v), before);
      // -mod=mod leaves vendor/ aside and takes the runtime through the -modfile copy.
      const r = await wovenGo('v1', 'build', ['-C', v, '-mod=mod', '-o', join(v, 'bin'), '.']);
      assert.equal(r.code, 0, r.stderr);
      assert.match((await run(join(v, 'bin'), [])).stderr, /woven: v1 example.com\/v\n/);
    } finally {
      removeTree(v);
    }
  });

  // Here the woven test file says so; a covered package's own files are woven through the cover
  // step, by the real weaver only (gocmd-modes.test.ts).
  test('go-weave vet and test -cover work on woven sources', async () => {
    const vet = await wovenGo('v1', 'vet', ['./a']);
    assert.equal(vet.code, 0, vet.stderr);
    const cover = await wovenGo('v1', 'test', ['-count=1', '-v', '-cover', './a']);
    assert.equal(cover.code, 0, cover.stdout + cover.stderr);
    assert.match(cover.stdout, /coverage: \d+\.\d+% of statements/);
    assert.match(cover.stderr + cover.stdout, /woven: v1 example.com\/m\/a/);
  });

  test('a malformed user -overlay is a clear error', async () => {
    const ov = join(cache, 'bad-overlay.json');
    writeFileSync(ov, '{"Replace": 3}');
    const { value: code, stderr } = await captureStderr(() => runGoWith({ core: fakeCore('v1'), runtimeDir: rt }, 'build', ['-overlay', ov, '.'], env));
    assert.equal(code, 1);
    assert.match(stderr, /bad-overlay\.json: expected a JSON object with a "Replace" field/);
  });

  test('the plan cache survives a body edit but not an import edit', async () => {
    const file = join(mod, 'b', 'b.go');
    const orig = readFileSync(file, 'utf8');
    try {
      const r0 = await wovenGo('v1', 'build', ['-o', join(cache, 'm8'), '.']);
      assert.equal(r0.code, 0, r0.stderr);
      writeFileSync(file, orig.replace('return "b"', 'return "B"'));
      const r1 = await wovenGo('v1', 'build', ['-o', join(cache, 'm8'), '.']);
      assert.equal(r1.code, 0, r1.stderr);
      assert.ok(r1.prepared.planCached, 'a body edit re-ran go list');
      assert.equal((await run(join(cache, 'm8'), [])).stdout, 'a B\n');
      writeFileSync(file, 'package b\n\nimport "strings"\n\nfunc B() string { return strings.ToUpper("bb") }\n');
      const r2 = await wovenGo('v1', 'build', ['-o', join(cache, 'm8'), '.']);
      assert.equal(r2.code, 0, r2.stderr);
      assert.ok(!r2.prepared.planCached, 'an import edit reused the old plan');
      assert.ok(r2.prepared.packages.some((p) => p.ImportPath === 'strings'));
      assert.equal((await run(join(cache, 'm8'), [])).stdout, 'a BB\n');
    } finally {
      writeFileSync(file, orig);
    }
  });

  test('the plan cache survives a binary written beside the sources but not a new Go file', async () => {
    const r0 = await wovenGo('v1', 'build', ['-o', join(cache, 'm9'), '.']);
    assert.equal(r0.code, 0, r0.stderr);
    // What `go build` without -o leaves in the package directory: its mtime changes, its Go files do not.
    const binary = join(mod, 'zz-binary');
    const extra = join(mod, 'b', 'b_extra.go');
    try {
      writeFileSync(binary, 'not go');
      const r1 = await wovenGo('v1', 'build', ['-o', join(cache, 'm9'), '.']);
      assert.ok(r1.prepared.planCached, 'a non-Go file in a package directory re-ran go list');
      writeFileSync(extra, 'package b\n\nfunc Extra() int { return 1 }\n');
      const r2 = await wovenGo('v1', 'build', ['-o', join(cache, 'm9'), '.']);
      assert.equal(r2.code, 0, r2.stderr);
      assert.ok(!r2.prepared.planCached, 'a new Go file reused the old plan');
      assert.ok(r2.prepared.packages.some((p) => p.GoFiles?.includes('b_extra.go')));
    } finally {
      rmSync(binary, { force: true });
      rmSync(extra, { force: true });
    }
  });

  test('a module-cache dependency the weaver leaves unchanged is woven in place: no module copy, no replace', async () => {
    const d = writeTree({
      'go.mod': 'module example.com/d\n\ngo 1.25\n\nrequire github.com/ncruces/julianday v1.0.0\n',
      'main.go': 'package main\n\nimport (\n\t"fmt"\n\t"time"\n\n\t"github.com/ncruces/julianday"\n)\n\nfunc main() {\n\t// @weave\n\tfmt.Println(julianday.Date(time.Unix(0, 0)))\n}\n',
    }, 'gw-modcache-');
    try {
      assert.equal((await run(GO, ['mod', 'tidy'], { cwd: d, env: { ...env, GOFLAGS: '-mod=mod' } })).code, 0);
      const core = fakeCore('v1');
      const everywhere = { ...core, packageMayMatch: (_a: unknown, ref: { importPath: string; standard?: boolean }) => !ref.standard };
      const p = await prepare({ core: everywhere, runtimeDir: rt }, 'build', ['-C', d, '-o', join(d, 'bin'), '.'], env, () => rt);
      assert.deepEqual(p.skipped, []);
      assert.deepEqual(p.moduleCopies, []);
      assert.ok(p.outcome.wovenPackages.includes('example.com/d'));
      const r = await run(p.go, p.goArgs, { cwd: p.cwd, env: p.goEnv as NodeJS.ProcessEnv });
      assert.equal(r.code, 0, r.stderr);
      assert.match((await run(join(d, 'bin'), [])).stderr, /woven: v1 example.com\/d\n/);
    } finally {
      removeTree(d);
    }
  });
});
