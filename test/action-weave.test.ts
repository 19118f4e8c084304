// Weaving through the action: the woven `go` it puts on PATH, run the way a workflow's
// later steps run it, with the real weaver bundle (dist/weaver).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Job, REPO, rmTree } from './support/action-runner.ts';
import { sharedToolchain, type PackedToolchain } from './support/action-toolchain.ts';
import { startDlServer, type DlServer } from './support/action-dl-server.ts';
import { startCacheServer, type CacheServer } from './support/action-cache-server.ts';
import { MODULE, VERSION, startGoProxy, type GoProxy } from './support/action-goproxy.ts';
import { writePinger } from './support/action-example.ts';

const bundle = path.join(REPO, 'dist', 'weaver', 'go-weave.cjs');
const skip = fs.existsSync(bundle) ? false : `the weaver bundle ${bundle} is not built (run npm run build)`;

let tmp: string;
let tc: PackedToolchain;
let dl: DlServer;
let cs: CacheServer;
let proxy: GoProxy;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-action-weave-'));
  tc = sharedToolchain();
  dl = await startDlServer(tc);
  cs = await startCacheServer(path.join(tmp, 'cache-store'));
  proxy = await startGoProxy();
});

after(async () => {
  await Promise.all([dl?.close(), cs?.close(), proxy?.close()]);
  if (tmp) rmTree(tmp);
});

const project = writePinger;

describe('woven go commands', { skip }, () => {
  let job: Job;

  test('go build through the job PATH is woven; post reports woven packages in outputs and summary', async () => {
    job = new Job({ root: path.join(tmp, 'woven'), env: { ...cs.env, GOPROXY: proxy.url, GOSUMDB: 'off', GOFLAGS: '-mod=mod' } });
    project(job.workspace);
    const inputs = { 'go-version': tc.semver, 'go-download-base-url': dl.baseUrl };
    const main = await job.main(inputs);
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.ok(job.env.GOWEAVE_REPORT, 'GOWEAVE_REPORT not exported');
    assert.equal(job.env.GOWEAVE_GO, path.join(main.outputs['go-root'], 'bin', 'go'));
    assert.equal(job.env.GOWEAVE_SERVER, '0', 'no weave server lingers in a CI job');

    const which = await job.sh('command -v go');
    assert.match(which.stdout.trim(), /go-weave-shim-[0-9a-f]+\/go$/);

    const b = await job.sh('go build -o pinger . && ./pinger', undefined, { OTEL_TRACES_EXPORTER: 'none' });
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, /^status 200$/m);
    const lines = fs.readFileSync(job.env.GOWEAVE_REPORT, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { wovenPackages: number; joinPoints: number });
    assert.equal(lines.length, 1);
    assert.ok(lines[0].wovenPackages > 0 && lines[0].joinPoints > 0, JSON.stringify(lines[0]));

    const post = await job.post(inputs);
    assert.equal(post.code, 0, post.stdout);
    assert.equal(post.outputs['woven-packages'], String(lines[0].wovenPackages));
    assert.match(post.summary, new RegExp(`Woven packages</td><td>${lines[0].wovenPackages}</td>`));
    assert.match(post.summary, new RegExp(`Join points hit</td><td>${lines[0].joinPoints}</td>`));
    const weaveKey = cs.finalized().map((e) => e.key).find((k) => k.startsWith('go-weave-weave-'));
    assert.ok(weaveKey, `no weave cache saved: ${cs.finalized().map((e) => e.key).join(' ')}`);
    assert.match(weaveKey, /-a[0-9a-f]{16}-/);
  });

  test('go install of an unrelated tool@version runs the real go, unwoven', async () => {
    const before = fs.readFileSync(job.env.GOWEAVE_REPORT, 'utf8');
    const r = await job.sh(`go install ${MODULE}/cmd/greeter@${VERSION} && greeter`, os.tmpdir());
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'hello, tool\n');
    assert.ok(fs.existsSync(path.join(job.env.HOME, 'go', 'bin', 'greeter')));
    assert.equal(fs.readFileSync(job.env.GOWEAVE_REPORT, 'utf8'), before, 'the weaver must not see go install pkg@version');
  });

  test('a second job on a fresh disk restores all three caches; the woven build compiles nothing', async () => {
    const saved = cs.finalized().length;
    assert.equal(saved, 2, `job 1 should have saved the build and weave caches: ${cs.finalized().map((e) => e.key).join(' ')}`);
    for (const d of ['home', 'runner-temp']) rmTree(path.join(tmp, 'woven', d));
    const again = new Job({ root: path.join(tmp, 'woven'), env: { ...cs.env, GOPROXY: 'off', GOFLAGS: '-mod=mod' } });
    const inputs = { 'go-version': tc.semver, 'go-download-base-url': dl.baseUrl };
    const main = await again.main(inputs);
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.equal(main.outputs['cache-hit-build'], 'true');
    assert.equal(main.outputs['cache-hit-weave'], 'true');
    const b = await again.sh('go build -x -o pinger . && ./pinger', undefined, { OTEL_TRACES_EXPORTER: 'none' });
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, /^status 200$/m);
    assert.equal(b.stderr.split('\n').filter((l) => /\/compile( |$)/.test(l)).length, 0, 'nothing should be compiled on a full cache hit');
    const post = await again.post(inputs);
    assert.equal(post.code, 0);
    // Exact hits are not saved again (the module cache of a std-only program stays empty).
    assert.equal(cs.finalized().length, saved);
    assert.match(post.stdout, /weave cache: exact key .* was restored; not saving/);
  });

  test('aspect errors become annotations with file and line', async () => {
    const j = new Job({ root: path.join(tmp, 'bad-aspects'), toolCache: job.env.RUNNER_TOOL_CACHE });
    project(j.workspace);
    fs.writeFileSync(path.join(j.workspace, 'go-weave.yml'), 'aspects:\n  - id: broken\n    join: {bogus: 1}\n');
    const inputs = { 'go-version': tc.semver, 'go-download-base-url': dl.baseUrl, cache: 'false' };
    assert.equal((await j.main(inputs)).code, 0);
    assert.equal(j.env.GOWEAVE_CONFIG, path.join(j.workspace, 'go-weave.yml'));
    const b = await j.sh('go build -o pinger .');
    assert.notEqual(b.code, 0);
    assert.match(b.stderr, /go-weave\.yml:3:5: unknown key "join"/);
    const post = await j.post(inputs);
    assert.equal(post.code, 0);
    assert.match(post.stdout, /^::error title=go-weave aspect error,file=go-weave\.yml,line=3,col=5::unknown key "join"/m);
    assert.match(post.summary, /Aspect errors<\/td><td>1</);
  });

  test('the aspect part of the cache keys follows go-weave.yml; a missing config input is an error', async () => {
    const keyOf = async (name: string, yml: string | null, extra: Record<string, string> = {}) => {
      const j = new Job({ root: path.join(tmp, name), toolCache: job.env.RUNNER_TOOL_CACHE, env: cs.env });
      project(j.workspace);
      if (yml !== null) fs.writeFileSync(path.join(j.workspace, 'go-weave.yml'), yml);
      // A suffix of its own keeps each job from restoring the others' caches.
      const main = await j.main({ 'go-version': tc.semver, 'go-download-base-url': dl.baseUrl, 'cache-key-suffix': name, ...extra });
      return { main, key: /build cache: miss \(key (\S+)\)/.exec(main.stdout)?.[1] ?? '' };
    };
    const none = await keyOf('cfg-none', null);
    const one = await keyOf('cfg-one', 'disable: [runtime.exit]\n');
    const two = await keyOf('cfg-two', 'disable: [runtime.main]\n');
    for (const r of [none, one, two]) assert.equal(r.main.code, 0, r.main.stdout);
    const aspectPart = (k: string) => /-a([0-9a-f]{16})-/.exec(k)?.[1];
    assert.ok(aspectPart(none.key) && aspectPart(one.key) && aspectPart(two.key), `${none.key} ${one.key} ${two.key}`);
    assert.equal(new Set([aspectPart(none.key), aspectPart(one.key), aspectPart(two.key)]).size, 3);
    const missing = await keyOf('cfg-missing', null, { config: 'ci/nope.yml' });
    assert.equal(missing.main.code, 1);
    assert.match(missing.main.stdout, /::error::config \S+\/ci\/nope\.yml: no such file \(expected a go-weave\.yml\)/);
  });
});
