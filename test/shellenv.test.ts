// go-weave shellenv: a shell that evaluates its line finds go-weave on PATH (no npx in between)
// and, with --go, a go whose builds are woven while every other go command is the real one.
// Run as a user would: the committed entry script, a POSIX shell, the real go, the woven binary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { REPO } from './support/go-shop.ts';

const ENTRY = join(REPO, 'dist', 'weaver', 'go-weave');

let dir = '';
let env: NodeJS.ProcessEnv = {};

before(() => {
  dir = writeTree({
    'go.mod': 'module example.com/shellenv\n\ngo 1.22\n',
    'main.go': 'package main\n\nimport "fmt"\n\n//weave:span greet\nfunc greet() string { return "hello" }\n\nfunc main() { fmt.Println(greet()) }\n',
  }, 'gw-shellenv-');
  env = { ...process.env, GOWEAVE_CACHE: join(dir, '.weave'), GOFLAGS: '-buildvcs=false', GOWEAVE_SERVER: '0', OTEL_TRACES_EXPORTER: 'console' };
});
after(() => removeTree(dir));

/** Runs a script in sh after evaluating `go-weave shellenv` with args. */
function shell(args: string, script: string) {
  return run('sh', ['-c', `eval "$('${ENTRY}' shellenv ${args})" || exit 9\n${script}`], { cwd: dir, env, timeoutMs: 120_000 });
}

test('shellenv --go: go builds are woven, go-weave runs without npx, other go commands are the real go', async () => {
  const realGo = (await run('sh', ['-c', 'command -v go'], { env })).stdout.trim();
  const r = await shell('--go', [
    'command -v go',
    'command -v go-weave',
    'go env GOROOT',
    'go build -o app . && ./app',
    'go-weave build -o app2 . && ./app2',
  ].join('\n'));
  assert.equal(r.code, 0, r.stderr);
  const [go, goWeave, goroot, out1, out2] = r.stdout.trim().split('\n');
  assert.match(go, /\/\.weave\/v1\/bin\/[0-9a-f]{16}\/go$/);
  assert.match(goWeave, /\/\.weave\/v1\/bin\/[0-9a-f]{16}\/go-weave$/);
  assert.equal(goroot, (await run(realGo, ['env', 'GOROOT'], { env })).stdout.trim());
  assert.deepEqual([out1, out2], ['hello', 'hello']);
  // Both binaries were woven: each printed its span on the console exporter.
  assert.equal([...r.stderr.matchAll(/"name":"greet"/g)].length, 2, r.stderr);
  // The shim runs the go that was on PATH before it.
  assert.match(readFileSync(go, 'utf8'), new RegExp(`real_go='${realGo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`));
});

test('shellenv evaluated twice: one PATH entry, and the shim still runs the real go, not itself', async () => {
  const r = await shell('--go', `eval "$(go-weave shellenv --go)" || exit 9\necho "$PATH"\ncommand -v go\ngo version`);
  assert.equal(r.code, 0, r.stderr);
  const [path, go, version] = r.stdout.trim().split('\n');
  const ours = path.split(':').filter((p) => p.includes('/.weave/v1/bin/'));
  assert.deepEqual(ours, [go.slice(0, -'/go'.length)]);
  assert.match(version, /^go version go1\.\d+/);
});

test('go-weave cache clean empties the weave cache but keeps the shell\'s woven go working', async () => {
  const r = await shell('--go', 'go-weave cache clean || exit 8\nls .weave/v1\ncommand -v go\ngo build -o app3 . && ./app3');
  assert.equal(r.code, 0, r.stderr);
  const [left, go, out] = r.stdout.trim().split('\n');
  assert.equal(left, 'bin', 'cache clean left more than the shellenv directories');
  assert.match(go, /\/\.weave\/v1\/bin\/[0-9a-f]{16}\/go$/);
  assert.equal(out, 'hello');
  assert.match(r.stderr, /"name":"greet"/, 'the build after cache clean was not woven');
});

test('shellenv without --go puts go-weave alone on PATH; a wrong argument or GOWEAVE_GO is refused', async () => {
  const r = await shell('', 'command -v go\ncommand -v go-weave');
  assert.equal(r.code, 0, r.stderr);
  const [go, goWeave] = r.stdout.trim().split('\n');
  assert.doesNotMatch(go, /\.weave/);
  assert.match(goWeave, /\/\.weave\/v1\/bin\/[0-9a-f]{16}\/go-weave$/);
  const bad = await run(ENTRY, ['shellenv', '--fish'], { cwd: dir, env });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /shellenv: unknown argument "--fish" \(expected --go or nothing\)/);
  const noGo = await run(ENTRY, ['shellenv', '--go'], { cwd: dir, env: { ...env, GOWEAVE_GO: join(dir, 'no-such-go') } });
  assert.equal(noGo.code, 1);
  assert.match(noGo.stderr, /GOWEAVE_GO=.*no-such-go is not an executable file/);
});
