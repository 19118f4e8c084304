// The three caches against a loopback cache service speaking @actions/cache's v2
// protocol: a first job misses and saves, a second job on a fresh disk restores them and
// neither downloads modules nor compiles; a changed dependency file restores by prefix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Job, listFiles, REPO, rmTree, run } from './support/action-runner.ts';
import { machineGoroot, sharedToolchain, type PackedToolchain } from './support/action-toolchain.ts';
import { startDlServer, type DlServer } from './support/action-dl-server.ts';
import { startCacheServer, type CacheServer } from './support/action-cache-server.ts';
import { MODULE, VERSION, startGoProxy, type GoProxy } from './support/action-goproxy.ts';

let tmp: string;
let tc: PackedToolchain;
let dl: DlServer;
let cs: CacheServer;
let proxy: GoProxy;
let project: string;

before(async () => {
  assert.ok(fs.existsSync(path.join(REPO, 'dist', 'action', 'main.cjs')), 'dist/action is not built: run node scripts/bundle-action.mjs');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-action-cache-'));
  tc = sharedToolchain();
  dl = await startDlServer(tc);
  cs = await startCacheServer(path.join(tmp, 'cache-store'));
  proxy = await startGoProxy();
  // The job's project, with a go.sum written by the real go command.
  project = path.join(tmp, 'root', 'workspace');
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, 'go.mod'), `module example.com/app\n\ngo 1.25\n\nrequire ${MODULE} ${VERSION}\n`);
  fs.writeFileSync(path.join(project, 'main.go'), `package main\n\nimport "${MODULE}"\n\n// println, not fmt: a cold build then compiles little beyond the runtime.\nfunc main() { println(greet.Hello("cache")) }\n`);
  fs.writeFileSync(path.join(project, 'deps.txt'), 'one\n');
  const prep = path.join(tmp, 'prep');
  // Asynchronously: the proxy answering it lives in this process.
  const tidy = await run(path.join(machineGoroot(), 'bin', 'go'), ['mod', 'tidy'], {
    cwd: project,
    env: { PATH: process.env.PATH ?? '', HOME: prep, GOPROXY: proxy.url, GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOMODCACHE: path.join(prep, 'mod'), GOCACHE: path.join(prep, 'cache') },
  });
  assert.equal(tidy.code, 0, tidy.stderr);
  rmTree(prep);
  proxy.requests.length = 0;
});

after(async () => {
  await Promise.all([dl?.close(), cs?.close(), proxy?.close()]);
  if (tmp) rmTree(tmp);
});

/** A job on the same paths as before but a fresh disk: only the tool cache survives. */
function freshJob(extraEnv: Record<string, string> = {}): Job {
  const root = path.join(tmp, 'root');
  rmTree(path.join(root, 'home'));
  rmTree(path.join(root, 'runner-temp'));
  return new Job({ root, env: { GOPROXY: proxy.url, GOSUMDB: 'off', ...cs.env, ...extraEnv } });
}

const inputs = () => ({ 'go-version': tc.semver, 'go-download-base-url': dl.baseUrl, weave: 'false' });
const compiles = (stderr: string) => stderr.split('\n').filter((l) => /\/compile( |$)/.test(l)).length;

describe('module and build caches', () => {
  test('first job misses, builds, and saves each cache under its own key', async () => {
    const job = freshJob();
    const main = await job.main(inputs());
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.equal(main.outputs['cache-hit'], 'false');
    assert.equal(main.outputs['cache-hit-mod'], 'false');
    assert.equal(main.outputs['cache-hit-build'], 'false');
    assert.equal(dl.archiveRequests(), 1);

    const b = await job.sh('go build -x -o app .');
    assert.equal(b.code, 0, b.stderr);
    assert.equal((await job.sh('./app')).stderr, 'hello, cache\n');
    assert.ok(proxy.requests.some((r) => r.endsWith('.zip')), 'the module was not downloaded');
    assert.ok(compiles(b.stderr) > 5, 'expected a cold build to compile');

    const post = await job.post(inputs());
    assert.equal(post.code, 0, post.stdout + post.stderr);
    const keys = cs.finalized().map((e) => e.key).sort();
    assert.equal(keys.length, 2, keys.join(' '));
    assert.match(keys[0], new RegExp(`^go-weave-build-linux-amd64-go${tc.semver.replace(/\./g, '\\.')}-gw\\d[^-]*-aplain-[0-9a-f]{20}$`));
    assert.match(keys[1], new RegExp(`^go-weave-mod-linux-amd64-go${tc.semver.replace(/\./g, '\\.')}-[0-9a-f]{20}$`));
    assert.ok(cs.calls.some((c) => c.startsWith('PutBlob')), 'no blob upload');
    assert.match(post.summary, /<table>/);
    assert.match(post.summary, new RegExp(`Go toolchain</td><td>${tc.goName} \\(http://127\\.0\\.0\\.1:\\d+/dl/${tc.filename} \\(sha256 verified\\)\\)`));
    assert.match(post.summary, /mod cache<\/td><td>miss, saved/);
    assert.match(post.summary, /build cache<\/td><td>miss, saved/);
  });

  test('second job on a fresh disk hits every cache: no toolchain or module download, no compile', async () => {
    const job = freshJob();
    const saved = cs.finalized().length;
    const proxyBefore = proxy.requests.length;
    const main = await job.main(inputs());
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.equal(main.outputs['cache-hit'], 'true');
    assert.equal(main.outputs['cache-hit-mod'], 'true');
    assert.equal(main.outputs['cache-hit-build'], 'true');
    assert.equal(dl.archiveRequests(), 1, 'the toolchain came from the tool cache');

    const b = await job.sh('go build -x -o app .');
    assert.equal(b.code, 0, b.stderr);
    assert.equal((await job.sh('./app')).stderr, 'hello, cache\n');
    assert.equal(proxy.requests.length, proxyBefore, `module requests: ${proxy.requests.slice(proxyBefore).join(' ')}`);
    assert.equal(compiles(b.stderr), 0, 'nothing should be compiled with a restored build cache');

    const post = await job.post(inputs());
    assert.equal(post.code, 0);
    assert.equal(cs.finalized().length, saved, 'exact hits must not be saved again');
    assert.match(post.stdout, /mod cache: exact key .* was restored; not saving/);
  });

  test('a changed dependency file restores by prefix and saves under the new key', async () => {
    fs.writeFileSync(path.join(project, 'deps.txt'), 'two\n');
    const job = freshJob();
    const saved = cs.finalized().length;
    const inp = { ...inputs(), 'cache-dependency-path': 'go.sum\ndeps.txt' };
    const main = await job.main(inp);
    assert.equal(main.code, 0, main.stdout + main.stderr);
    assert.equal(main.outputs['cache-hit-build'], 'false');
    assert.match(main.stdout, /build cache: restored from go-weave-build-/);
    const b = await job.sh('go build -x -o app .');
    assert.equal(compiles(b.stderr), 0, 'the prefix-restored build cache still serves the build');
    const post = await job.post(inp);
    assert.equal(post.code, 0);
    assert.equal(cs.finalized().length, saved + 2);
    assert.match(post.stdout, /build cache: dropped \d+ entries unused by this job/);
  });

  test('cache-save: false restores but never saves', async () => {
    fs.writeFileSync(path.join(project, 'deps.txt'), 'three\n');
    const job = freshJob();
    const saved = cs.finalized().length;
    const inp = { ...inputs(), 'cache-dependency-path': 'go.sum\ndeps.txt', 'cache-save': 'false' };
    assert.equal((await job.main(inp)).code, 0);
    const post = await job.post(inp);
    assert.equal(post.code, 0);
    assert.equal(cs.finalized().length, saved);
    assert.match(post.summary, /not saved \(cache-save: false\)/);
  });

  test('an unreachable cache service is a warning, not a failure', async () => {
    const job = freshJob({ ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/' });
    const main = await job.main(inputs());
    assert.equal(main.code, 0, main.stdout);
    assert.match(main.stdout, /::warning::Failed to restore/);
    const mod = path.join(job.env.HOME, 'go', 'pkg', 'mod', 'cache');
    fs.mkdirSync(mod, { recursive: true });
    fs.writeFileSync(path.join(mod, 'x'), 'x');
    const post = await job.post(inputs());
    assert.equal(post.code, 0, post.stdout);
    assert.match(post.stdout, /::warning::mod cache: not saved/);
    assert.deepEqual(listFiles(path.join(job.env.RUNNER_TOOL_CACHE)).filter((f) => f.endsWith('.complete')).length, 1);
  });
});
