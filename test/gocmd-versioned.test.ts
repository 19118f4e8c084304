// go-weave install pkg@version and go-weave run pkg@version: the module that provides the
// package, served by a GOPROXY on loopback, is built woven as the main module, as go builds it,
// from outside any module of the user's. The binary's spans reach a receiver on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGoProxy, MODULE, VERSION, type GoProxy } from './support/action-goproxy.ts';
import { removeTree, run } from './support/go-fixture.ts';
import { goWeave } from './support/go-shop.ts';
import { tempDir } from './support/go-tool.ts';
import { startReceiver } from './support/otlp-receiver.ts';
import { runTraced } from './support/traced-run.ts';

const TOOL = `${MODULE}/cmd/greeter`;

const FILES: Record<string, string> = {
  'go.mod': `module ${MODULE}\n\ngo 1.22\n`,
  'greet.go': 'package greet\n\n//weave:span\nfunc Hello(name string) string { return "hello, " + name }\n',
  'cmd/greeter/main.go': `package main

import (
	"fmt"
	"os"

	"${MODULE}"
)

func main() {
	name := "tool"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	fmt.Println(greet.Hello(name))
	if name == "fail" {
		os.Exit(3)
	}
}
`,
};

let proxy: GoProxy;
let dir = '';
let env: NodeJS.ProcessEnv = {};

before(async () => {
  proxy = await startGoProxy(FILES);
  dir = tempDir('versioned');
  // Outside any module, as such a command usually runs.
  mkdirSync(join(dir, 'elsewhere'));
  const noOtel = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('OTEL_')).map((k) => [k, undefined]));
  env = {
    ...noOtel, GOPROXY: proxy.url, GOSUMDB: 'off', GOMODCACHE: join(dir, 'modcache'), GOFLAGS: '-modcacherw',
    GOWEAVE_CACHE: join(dir, 'weave'), GOBIN: join(dir, 'bin'),
  };
});

after(async () => {
  await proxy.close();
  removeTree(dir);
});

test('go-weave install pkg@version installs the woven tool into GOBIN, built from its module as the main module', async () => {
  const r = await goWeave(['install', `${TOOL}@${VERSION}`], { cwd: join(dir, 'elsewhere'), env });
  assert.equal(r.code, 0, r.stderr);
  const bin = join(dir, 'bin', 'greeter');
  assert.ok(existsSync(bin), r.stderr);
  // //weave:span holds in the tool's own module: it is the main module of the build.
  const { stdout, spans } = await runTraced(bin, { args: ['install'] });
  assert.equal(stdout, 'hello, install\n');
  assert.deepEqual(spans.map((s) => s.name), ['greet.Hello']);
  const info = await run('go', ['version', '-m', bin]);
  assert.match(info.stdout, new RegExp(`\\tpath\\t${TOOL}\\n\\tmod\\t${MODULE}\\t`));
  // A pattern installs every command below it, as go install does.
  const pattern = await goWeave(['install', `${MODULE}/cmd/...@${VERSION}`], { cwd: join(dir, 'elsewhere'), env: { ...env, GOBIN: join(dir, 'pattern-bin') } });
  assert.equal(pattern.code, 0, pattern.stderr);
  assert.ok(readFileSync(join(dir, 'pattern-bin', 'greeter')).includes('go-weave.dev/runtime'));
  // The plain install of the same tool has no runtime.
  const plain = await run('go', ['install', `${TOOL}@${VERSION}`], { cwd: join(dir, 'elsewhere'), env: { ...process.env, ...env, GOBIN: join(dir, 'plain-bin') } });
  assert.equal(plain.code, 0, plain.stderr);
  assert.ok(!readFileSync(join(dir, 'plain-bin', 'greeter')).includes('go-weave.dev/runtime'));
});

test('go-weave run pkg@version runs the woven tool with its arguments, in the caller\'s directory, and reports its exit as go run does', async () => {
  const receiver = await startReceiver();
  try {
    const traced = { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
    const ok = await goWeave(['run', `${TOOL}@latest`, 'world'], { cwd: join(dir, 'elsewhere'), env: traced });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, 'hello, world\n');
    // os.Exit in the tool's main module flushes first (runtime.exit).
    const failed = await goWeave(['run', `${TOOL}@${VERSION}`, 'fail'], { cwd: join(dir, 'elsewhere'), env: traced });
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stderr, /^exit status 3$/m);
    const spans = await receiver.waitFor((s) => s.filter((x) => x.name === 'greet.Hello').length >= 2, 10_000);
    assert.equal(spans.filter((s) => s.name === 'greet.Hello').length, 2);
  } finally {
    await receiver.close();
  }
});

test('go-weave install pkg@version names a package its module does not have, and refuses a go.mod with replace directives as go does', async () => {
  const missing = await goWeave(['install', `${MODULE}/cmd/nosuch@${VERSION}`], { cwd: join(dir, 'elsewhere'), env });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, new RegExp(`go-weave: ${MODULE}/cmd/nosuch@${VERSION}: module ${MODULE}@${VERSION} found, but does not contain package ${MODULE}/cmd/nosuch`));
  const replacing = await startGoProxy({ ...FILES, 'go.mod': `module ${MODULE}\n\ngo 1.22\n\nreplace example.test/other => ./other\n` });
  try {
    const r = await goWeave(['install', `${TOOL}@${VERSION}`], { cwd: join(dir, 'elsewhere'), env: { ...env, GOPROXY: replacing.url, GOMODCACHE: join(dir, 'modcache-replacing') } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /its go\.mod contains replace directives, which go install and go run refuse for pkg@version/);
  } finally {
    await replacing.close();
  }
  // A module the proxy has but this Go cannot build: go's reason, not a longer path's "not found".
  const newer = await startGoProxy({ ...FILES, 'go.mod': `module ${MODULE}\n\ngo 1.99\n` });
  try {
    const r = await goWeave(['install', `${TOOL}@${VERSION}`], { cwd: join(dir, 'elsewhere'), env: { ...env, GOPROXY: newer.url, GOMODCACHE: join(dir, 'modcache-newer'), GOTOOLCHAIN: 'local' } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`go-weave: ${TOOL}@${VERSION}: ${MODULE}@${VERSION} requires go >= 1\\.99 \\(running go 1\\.\\d+`), r.stderr);
  } finally {
    await newer.close();
  }
});
