// A -trimpath build is meant to carry no path of the machine that made it. Woven, it must not
// carry go-weave's install directory either: two installs in different directories build the same
// bytes. The build info names the runtime module at the version go-weave's module proxy serves,
// named by the runtime's content; where that proxy is not used, by a path inside the module.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { REPO } from './support/go-shop.ts';
import { goWeaveAssets, runConsoleTraced } from './support/go-weave-cli.ts';

const ENTRY = join(REPO, 'dist', 'weaver', 'go-weave');

let dir = '';

before(() => {
  dir = writeTree({
    'go.mod': 'module example.com/repro\n\ngo 1.22\n',
    'main.go': 'package main\n\nimport "fmt"\n\n//weave:span\nfunc work() int { return 7 }\n\nfunc main() { fmt.Println(work()) }\n',
  }, 'gw-repro-');
});
after(() => removeTree(dir));

async function build(assets: string, out: string, flags: string[], extra: NodeJS.ProcessEnv = {}): Promise<void> {
  const env = { ...process.env, GOWEAVE_ASSETS: assets, GOWEAVE_CACHE: join(dir, '.weave'), GOWEAVE_SERVER: '0', GOFLAGS: '-buildvcs=false', ...extra };
  const r = await run(ENTRY, ['build', ...flags, '-o', out, '.'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /downloading/, 'the served runtime is fetched quietly');
}

const SERVED = /dep\tgo-weave\.dev\/runtime\tv0\.1\.1-0\.20000101000000-[0-9a-f]{12}\th1:[A-Za-z0-9+/]{43}=\n/;

test('-trimpath: the same woven bytes from installs in two directories, the runtime at a version of its own', async () => {
  const a = goWeaveAssets(join(dir, 'one'));
  const b = goWeaveAssets(join(dir, 'another', 'install'));
  await build(a, join(dir, 'a.bin'), ['-trimpath']);
  await build(b, join(dir, 'b.bin'), ['-trimpath']);
  assert.ok(readFileSync(join(dir, 'a.bin')).equals(readFileSync(join(dir, 'b.bin'))), 'two installs built different bytes');
  const info = (await run('go', ['version', '-m', join(dir, 'a.bin')])).stdout;
  assert.match(info, SERVED);
  assert.ok(!readFileSync(join(dir, 'a.bin')).includes(Buffer.from(dir)), 'a path of the build machine is in the binary');
  // Woven and working: the span is there.
  const r = await runConsoleTraced(join(dir, 'a.bin'));
  assert.equal(r.stdout.trim(), '7');
  assert.ok(r.spans.includes('main.work'), `spans ${r.spans.join(',')}`);
  // Without -trimpath the build names its files by their paths, but the runtime's version is the same.
  await build(a, join(dir, 'c.bin'), []);
  const plainInfo = (await run('go', ['version', '-m', join(dir, 'c.bin')])).stdout;
  assert.equal(plainInfo.match(SERVED)?.[0], info.match(SERVED)?.[0]);
  assert.ok(!plainInfo.includes(a), 'the install directory is in the build info');
});

test('-trimpath without go-weave\'s module proxy: the runtime named by a path inside the module', async () => {
  const a = goWeaveAssets(join(dir, 'np-one'));
  const b = goWeaveAssets(join(dir, 'np', 'another'));
  await build(a, join(dir, 'np-a.bin'), ['-trimpath'], { GOWEAVE_MODULE_PROXY: '0' });
  await build(b, join(dir, 'np-b.bin'), ['-trimpath'], { GOWEAVE_MODULE_PROXY: '0' });
  assert.ok(readFileSync(join(dir, 'np-a.bin')).equals(readFileSync(join(dir, 'np-b.bin'))), 'two installs built different bytes');
  assert.match((await run('go', ['version', '-m', join(dir, 'np-a.bin')])).stdout, /dep\tgo-weave\.dev\/runtime\tv0\.0\.0\n\t=>\t\.\/\.go-weave\/runtime\t\(devel\)/);
  // Without -trimpath the replacement is the install's directory.
  await build(a, join(dir, 'np-c.bin'), [], { GOWEAVE_MODULE_PROXY: '0' });
  assert.match((await run('go', ['version', '-m', join(dir, 'np-c.bin')])).stdout, new RegExp(`=>\\t${join(a, 'runtime').replace(/[.]/g, '\\.')}\\t\\(devel\\)`));
});

test('-trimpath in a workspace: the same woven bytes from installs in two directories', async () => {
  const ws = writeTree({
    'go.work': 'go 1.22\n\nuse ./app\n',
    'app/go.mod': 'module example.com/app\n\ngo 1.22\n',
    'app/main.go': 'package main\n\nimport "fmt"\n\n//weave:span\nfunc work() int { return 8 }\n\nfunc main() { fmt.Println(work()) }\n',
  }, 'gw-repro-ws-');
  try {
    const bins: Buffer[] = [];
    for (const at of [join(dir, 'ws-one'), join(dir, 'ws', 'another')]) {
      const assets = goWeaveAssets(at);
      const env = { ...process.env, GOWEAVE_ASSETS: assets, GOWEAVE_CACHE: join(dir, '.weave'), GOWEAVE_SERVER: '0', GOFLAGS: '-buildvcs=false' };
      const out = join(at, 'app.bin');
      const r = await run(ENTRY, ['build', '-trimpath', '-o', out, '.'], { cwd: join(ws, 'app'), env });
      assert.equal(r.code, 0, r.stderr);
      bins.push(readFileSync(out));
    }
    assert.ok(bins[0].equals(bins[1]), 'two installs built different bytes');
    for (const path of [dir, ws]) assert.ok(!bins[0].includes(Buffer.from(path)), `${path} is in the binary`);
  } finally {
    removeTree(ws);
  }
});
