// A dependency that lives in the module cache is woven like any other package: the go command
// refuses -overlay beneath GOMODCACHE, so go-weave serves the woven module at a pseudo-version
// of its own from a file:// module proxy (or, where it cannot, builds it from a directory copy).
// Real core, real go toolchain, a private module cache filled from a loopback GOPROXY.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGoProxy, MODULE, VERSION, type GoProxy } from './support/action-goproxy.ts';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { goWeave, GO } from './support/go-shop.ts';

const GREET = `package greet

import "strings"

// Hello greets; an empty name is a programming error.
func Hello(name string) string {
	if name == "" {
		panic("greet: no name")
	}
	return "hello, " + strings.TrimSpace(name)
}
`;

// Not woven: compiled from the module's copy all the same.
const CHECK = `package greet

// Check refuses names that are not names.
func Check(name string) {
	if name == "!" {
		panic("greet: not a name")
	}
}
`;

const MAIN = `package main

import (
	"fmt"
	"os"

	"${MODULE}"
)

func main() {
	name := ""
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	greet.Check(name)
	fmt.Println(greet.Hello(name))
}
`;

const ASPECTS = `aspects:
  - id: dep.greet
    join-point:
      all-of:
        - import-path: ${MODULE}
        - function-body:
            function: [{name: Hello}]
    advice:
      - prepend-statements:
          imports: {fmt: fmt}
          template: fmt.Println("woven greet", {{ printf "%q" .Package.ImportPath }})
`;

// dep <module> v1.0.0, then => <module> v1.0.1-0.<release time>-<12 hex> h1:…
const servedDep = new RegExp(`\\tdep\\t${MODULE.replace('.', '\\.')}\\tv1\\.0\\.0\\n\\t=>\\t${MODULE.replace('.', '\\.')}\\tv1\\.0\\.1-0\\.20260101000000-[0-9a-f]{12}\\th1:\\S+\\n`);

describe('weaving a module-cache dependency', () => {
  let proxy: GoProxy;
  let root: string;
  let mod: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    proxy = await startGoProxy({ 'go.mod': `module ${MODULE}\n\ngo 1.22\n`, 'greet.go': GREET, 'check.go': CHECK });
    root = writeTree({
      'app/go.mod': `module example.com/app\n\ngo 1.25\n\nrequire ${MODULE} ${VERSION}\n`,
      'app/main.go': MAIN,
      'app/go-weave.yml': ASPECTS,
    }, 'gw-modcache-');
    mod = join(root, 'app');
    env = {
      GOMODCACHE: join(root, 'gomodcache'), GOWEAVE_CACHE: join(root, 'weave'),
      GOPROXY: proxy.url, GOSUMDB: 'off', GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local',
    };
    const dl = await run(GO, ['mod', 'download', MODULE], { cwd: mod, env: { ...process.env, ...env, GOFLAGS: '-mod=mod' } });
    assert.equal(dl.code, 0, dl.stderr);
    const tidy = await run(GO, ['mod', 'tidy'], { cwd: mod, env: { ...process.env, ...env } });
    assert.equal(tidy.code, 0, tidy.stderr);
  });

  after(async () => {
    await proxy.close();
    // The module cache is read-only by design; go clean -modcache knows how to remove it.
    await run(GO, ['clean', '-modcache'], { env: { ...process.env, ...env } });
    removeTree(root);
  });

  test('the dependency is woven, its panic names its own file and line, and nothing the user owns changes', async () => {
    const goMod = readFileSync(join(mod, 'go.mod'), 'utf8');
    const goSum = readFileSync(join(mod, 'go.sum'), 'utf8');
    const depFile = join(env.GOMODCACHE as string, `${MODULE}@${VERSION}`, 'greet.go');
    const depBefore = statSync(depFile).mtimeMs;

    const b = await goWeave(['build', '-o', join(root, 'woven'), '.'], { cwd: mod, env });
    assert.equal(b.code, 0, b.stderr);
    assert.doesNotMatch(b.stderr, /not weaving/);
    // go-weave's served version is fetched without go announcing it as a download.
    assert.doesNotMatch(b.stderr, /go: downloading/, b.stderr);
    const ok = await run(join(root, 'woven'), ['world'], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } });
    assert.equal(ok.stdout, `woven greet ${MODULE}\nhello, world\n`);
    // What binary scanners read: the release the woven module came from, replaced by a version
    // that sorts right after it (so advisories bounded by releases apply as to v1.0.0), with its
    // sum, never a directory of unknown version.
    const info = await run(GO, ['version', '-m', join(root, 'woven')]);
    assert.match(info.stdout, servedDep, info.stdout);
    assert.doesNotMatch(info.stdout, /modlines|modsrc/, info.stdout);

    const boom = await run(join(root, 'woven'), [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } });
    assert.notEqual(boom.code, 0);
    assert.match(boom.stderr, /panic: greet: no name/);
    const panicLine = GREET.split('\n').findIndex((l) => l.includes('panic(')) + 1;
    // The woven copy compiles, but positions still name the module cache's file and its lines,
    // for the module's files that are not woven too.
    assert.ok(boom.stderr.includes(`${depFile}:${panicLine} `), boom.stderr);
    const refused = await run(join(root, 'woven'), ['!'], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } });
    assert.match(refused.stderr, /panic: greet: not a name/);
    const checkLine = CHECK.split('\n').findIndex((l) => l.includes('panic(')) + 1;
    assert.match(refused.stderr, new RegExp(`\\t${join(env.GOMODCACHE as string, `${MODULE}@${VERSION}`, 'check.go').replaceAll('.', '\\.')}:${checkLine}\\b`));
    assert.doesNotMatch(refused.stderr, /modsrc|modlines/);

    assert.equal(readFileSync(join(mod, 'go.mod'), 'utf8'), goMod);
    assert.equal(readFileSync(join(mod, 'go.sum'), 'utf8'), goSum);
    assert.equal(readFileSync(depFile, 'utf8'), GREET);
    assert.equal(statSync(depFile).mtimeMs, depBefore);

    // A plain build of the same module is untouched by the woven one.
    const plain = await run(GO, ['build', '-o', join(root, 'plain'), '.'], { cwd: mod, env: { ...process.env, ...env } });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal((await run(join(root, 'plain'), ['world'])).stdout, 'hello, world\n');
  });

  test('with -trimpath the woven dependency is named module@version/file, as in the plain build', async () => {
    const panicLine = GREET.split('\n').findIndex((l) => l.includes('panic(')) + 1;
    // A frame of an inlined call ends at the line number, others go on with " +0x…".
    const trimmedPos = new RegExp(`\\t${MODULE.replace('.', '\\.')}@${VERSION}/greet\\.go:${panicLine}\\b`);
    const checkLine = CHECK.split('\n').findIndex((l) => l.includes('panic(')) + 1;
    const trimmedCheck = new RegExp(`\\t${MODULE.replace('.', '\\.')}@${VERSION}/check\\.go:${checkLine}\\b`);
    const plain = await run(GO, ['build', '-trimpath', '-o', join(root, 'plain-trimmed'), '.'], { cwd: mod, env: { ...process.env, ...env } });
    assert.equal(plain.code, 0, plain.stderr);
    const plainBoom = await run(join(root, 'plain-trimmed'), []);
    assert.match(plainBoom.stderr, trimmedPos);
    // On the command line, and in GOFLAGS.
    for (const [name, args, extra] of [['flag', ['-trimpath'], {}], ['goflags', [], { GOFLAGS: '-buildvcs=false -trimpath' }]] as const) {
      const out = join(root, `woven-trimmed-${name}`);
      const b = await goWeave(['build', ...args, '-o', out, '.'], { cwd: mod, env: { ...env, ...extra } });
      assert.equal(b.code, 0, b.stderr);
      const boom = await run(out, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } });
      assert.match(boom.stdout, /^woven greet /);
      assert.match(boom.stderr, trimmedPos);
      assert.match((await run(out, ['!'], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } })).stderr, trimmedCheck);
      // Neither the module cache nor the weave cache is in the binary's file names.
      const binary = readFileSync(out, 'latin1');
      assert.ok(!binary.includes(env.GOMODCACHE as string), `${name}: the module cache path is in the binary`);
      assert.ok(!binary.includes(env.GOWEAVE_CACHE as string), `${name}: the weave cache path is in the binary`);
      assert.match((await run(GO, ['version', '-m', out])).stdout, servedDep);
    }
    // The served version is named by what it holds, not by where the weave cache is: another
    // cache builds the same bytes.
    const elsewhere = join(root, 'woven-trimmed-elsewhere');
    const again = await goWeave(['build', '-trimpath', '-o', elsewhere, '.'], { cwd: mod, env: { ...env, GOWEAVE_CACHE: join(root, 'weave-elsewhere') } });
    assert.equal(again.code, 0, again.stderr);
    assert.ok(readFileSync(elsewhere).equals(readFileSync(join(root, 'woven-trimmed-flag'))), 'two weave caches built different binaries');
  });

  test('a second woven build compiles nothing, and cache clean removes the served versions', async () => {
    const again = await goWeave(['build', '-v', '-o', join(root, 'woven'), '.'], { cwd: mod, env });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr.trim(), '', 'a package was recompiled');
    // One version whose files name the module cache's, one as the module has them for -trimpath
    // builds; the go command extracted both into the module cache, as any download.
    const served = join(env.GOWEAVE_CACHE as string, 'v1', 'modproxy', MODULE, '@v');
    assert.equal(readdirSync(served).filter((f) => f.endsWith('.zip')).length, 2, readdirSync(served).join(' '));
    assert.equal(readdirSync(join(env.GOMODCACHE as string, 'example.test')).filter((d) => d.startsWith('greet@v1.0.1-0.')).length, 2);
    const clean = await goWeave(['cache', 'clean'], { cwd: mod, env });
    assert.equal(clean.code, 0, clean.stderr);
    assert.ok(!existsSync(served), served);
    // Gone from the weave cache: the next build serves it again.
    const rebuilt = await goWeave(['build', '-o', join(root, 'woven'), '.'], { cwd: mod, env });
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    assert.match((await run(GO, ['version', '-m', join(root, 'woven')])).stdout, servedDep);
  });

  test('a module the go command fetches around proxies (GOPRIVATE) builds from a directory copy', async () => {
    for (const extra of [{ GOPRIVATE: 'example.test' }, { GOWEAVE_MODULE_PROXY: '0' }]) {
      const out = join(root, 'woven-private');
      const b = await goWeave(['build', '-o', out, '.'], { cwd: mod, env: { ...env, ...extra } });
      assert.equal(b.code, 0, b.stderr);
      assert.equal((await run(out, ['you'], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } })).stdout, `woven greet ${MODULE}\nhello, you\n`);
      const info = (await run(GO, ['version', '-m', out])).stdout;
      assert.match(info, new RegExp(`=>\\t${join(env.GOWEAVE_CACHE as string, 'v1', 'modlines').replaceAll('.', '\\.')}/${MODULE.replace('.', '\\.')}@v1\\.0\\.0\\t`), JSON.stringify(extra) + '\n' + info);
    }
    const copy = join(env.GOWEAVE_CACHE as string, 'v1', 'modlines', `${MODULE}@${VERSION}`, 'go.mod');
    assert.ok(existsSync(copy), copy);
  });

  test('in a workspace, the go.work copy selects the served version', async () => {
    const ws = join(root, 'go.work');
    writeFileSync(ws, 'go 1.25\n\nuse ./app\n');
    try {
      const b = await goWeave(['build', '-o', join(root, 'woven-ws'), '.'], { cwd: mod, env });
      assert.equal(b.code, 0, b.stderr);
      const ok = await run(join(root, 'woven-ws'), ['work'], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } });
      assert.equal(ok.stdout, `woven greet ${MODULE}\nhello, work\n`);
      assert.match((await run(GO, ['version', '-m', join(root, 'woven-ws')])).stdout, servedDep);
      assert.equal(readFileSync(ws, 'utf8'), 'go 1.25\n\nuse ./app\n');
    } finally {
      rmSync(ws, { force: true });
    }
  });

  test('go-weave diff -deps shows the dependency under its module-cache path', async () => {
    const d = await goWeave(['diff', '-deps', '.'], { cwd: mod, env });
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, new RegExp(`\\+\\+\\+ .*${MODULE.replace('.', '\\.')}@${VERSION}/greet\\.go \\(woven\\)`));
    assert.match(d.stdout, /\+.*Println\("woven greet"/);
  });
});
