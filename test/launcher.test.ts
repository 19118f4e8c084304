// The native launcher behind go-weave's command (dist/weaver/go-weave → launcher/): an unchanged
// woven build is replayed without Node, and anything that could change the plan or the woven
// files (an edit, a new file, another environment, a cleaned cache) goes back through Node.
// Everything runs as a user would: the committed entry script, the real go, the woven binary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, watch, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { goListing } from '../weaver/src/gocmd/listing.ts';
import { racyWindowNs } from '../weaver/src/gocmd/racy.ts';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { age, processesWith, runConsoleTraced, until } from './support/go-weave-cli.ts';
import { REPO } from './support/go-shop.ts';

const ENTRY = join(REPO, 'dist', 'weaver', 'go-weave');

const main = (span: string) => `package main

import "fmt"

//weave:span ${span}
func answer() int { return 42 }

func main() { fmt.Println(answer()) }
`;

const NODE_LINE = /go-weave: \d+ woven packages \(/;
/** Answered without Node: go replayed, or left out when it would find nothing to do (uptodate.test.ts). */
const REPLAYED = /go-weave: \d+ woven packages, \d+ join points; (replayed by the launcher|up to date, go not run)/;
/**
 * A build after a save the weave server wove: answered by the server, or, once the save is older
 * than the racy window (50 ms on ext4 or tmpfs) and the server has stamped it, replayed by the
 * launcher alone. Either way without Node.
 */
const WOVEN_ON_SAVE = /woven by the weave server: [01] woven on save|replayed by the launcher, nothing it depends on changed/;

let dir = '';
let bin = '';
let report = '';
let env: NodeJS.ProcessEnv = {};


function build(extra: NodeJS.ProcessEnv = {}) {
  return run(ENTRY, ['build', '-o', bin, '.'], { cwd: dir, env: { ...process.env, ...env, ...extra } });
}

/** The woven binary's output and the span names it printed (console exporter). */
function runBinary(): Promise<{ stdout: string; spans: string[] }> {
  return runConsoleTraced(bin);
}

function launcherDir(): string {
  const root = join(dir, '.weave', 'v1', 'launcher');
  const ids = readdirSync(root);
  assert.equal(ids.length, 1, `one launcher build expected in ${root}`);
  return join(root, ids[0]);
}

before(() => {
  dir = writeTree({ 'go.mod': 'module example.com/launch\n\ngo 1.22\n', 'main.go': main('first') }, 'gw-launch-');
  for (const f of ['go.mod', 'main.go', '.']) age(join(dir, f), 60);
  bin = join(dir, 'out', 'launch');
  report = join(dir, 'report.jsonl');
  // The weave server has tests of its own below; here every miss goes to Node. Its builds
  // ahead of a save have theirs (build-ahead.test.ts): here a build after a save runs go.
  env = { GOWEAVE_CACHE: join(dir, '.weave'), GOFLAGS: '-buildvcs=false', GOWEAVE_VERBOSE: '1', GOWEAVE_REPORT: report, GOWEAVE_SERVER: '0', GOWEAVE_BUILD_AHEAD: '0' };
});
after(() => removeTree(dir));

test('the second woven build runs through Node, which builds the launcher and leaves a record', async () => {
  // The first one never pays for the launcher: a one-off (cold, CI) build does not need it.
  const first = await build();
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, NODE_LINE);
  assert.equal(existsSync(join(launcherDir(), 'go-weave-launch')), false);
  const r = await build();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, NODE_LINE);
  assert.ok(existsSync(join(launcherDir(), 'go-weave-launch')));
  const records = readdirSync(join(dir, '.weave', 'v1', 'replay', readdirSync(join(dir, '.weave', 'v1', 'launcher'))[0]));
  assert.equal(records.length, 1);
  assert.deepEqual(await runBinary(), { stdout: '42\n', spans: ['first'] });
});

test('an unchanged build is replayed by the launcher alone: same go command, same report', async () => {
  rmSync(bin);
  // A node that cannot start proves Node is not involved.
  const r = await build({ GOWEAVE_NODE: join(dir, 'no-node') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, REPLAYED);
  assert.doesNotMatch(r.stderr, NODE_LINE);
  // The binary was linked again by the replayed go command, woven.
  assert.deepEqual(await runBinary(), { stdout: '42\n', spans: ['first'] });
  const lines = readFileSync(report, 'utf8').trim().split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[2], lines[1]);
  assert.equal(JSON.parse(lines[2]).joinPoints > 0, true);
});

test('an edited woven file is planned and woven again, then replayed', async () => {
  writeFileSync(join(dir, 'main.go'), main('second'));
  age(join(dir, 'main.go'), 30);
  const r = await build();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /planning again: .*main\.go changed since the last build/);
  assert.match(r.stderr, NODE_LINE);
  assert.deepEqual((await runBinary()).spans, ['second']);
  const again = await build();
  assert.match(again.stderr, REPLAYED);
  assert.deepEqual((await runBinary()).spans, ['second']);
});

test('a file modified just before a build is never trusted by the next one', async () => {
  // Its mtime is within the file system's clock granularity of the build: an edit while the
  // weaver read it could keep the same mtime, so the record must not vouch for it. A whole
  // second stands for a file system that keeps whole seconds: 2 s of doubt.
  writeFileSync(join(dir, 'main.go'), main('third'));
  const now = Math.floor(Date.now() / 1000);
  utimesSync(join(dir, 'main.go'), now, now);
  const first = await build();
  assert.match(first.stderr, NODE_LINE);
  const second = await build();
  assert.match(second.stderr, /planning again: .*main\.go changed/);
  assert.deepEqual((await runBinary()).spans, ['third']);
  age(join(dir, 'main.go'), 20);
});

test('a save a moment before a build is trusted at once where the file system keeps fine times', async (t) => {
  const file = join(dir, 'main.go');
  writeFileSync(file, main('third'));
  if (racyWindowNs(file, statSync(file, { bigint: true }).mtimeNs) !== 50_000_000n) return t.skip(`${tmpdir()} is not a local Linux file system with fine times`);
  // Half a second is ten times the doubt of a clock that moves in ticks of at most 10 ms.
  await new Promise((r) => setTimeout(r, 500));
  assert.match((await build()).stderr, NODE_LINE);
  assert.match((await build({ GOWEAVE_NODE: join(dir, 'no-node') })).stderr, REPLAYED);
  // Dated in the future (a clock set back), it is doubted again.
  const ahead = Date.now() / 1000 + 30.5;
  utimesSync(file, ahead, ahead);
  assert.match((await build()).stderr, NODE_LINE);
  assert.match((await build()).stderr, /planning again: .*main\.go changed/);
  age(file, 20);
});

test('a new file in a package directory is planned again', async () => {
  await build();
  writeFileSync(join(dir, 'extra.go'), 'package main\n\n//weave:span extra\nfunc extra() {}\n\nfunc init() { extra() }\n');
  age(join(dir, 'extra.go'), 10);
  const r = await build();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, NODE_LINE);
  assert.deepEqual((await runBinary()).spans.sort(), ['extra', 'third']);
});

test('another environment or argument list has a record of its own', async () => {
  await build();
  assert.match((await build()).stderr, REPLAYED);
  const tagged = { GOFLAGS: '-buildvcs=false -tags=other' };
  assert.match((await build(tagged)).stderr, NODE_LINE);
  assert.match((await build(tagged)).stderr, REPLAYED);
  // Both records stay valid side by side.
  assert.match((await build()).stderr, REPLAYED);
  const vet = await run(ENTRY, ['vet', '.'], { cwd: dir, env: { ...process.env, ...env } });
  assert.equal(vet.code, 0, vet.stderr);
  assert.match(vet.stderr, NODE_LINE);
});

/** Every file and directory beneath root, as if last touched secondsAgo. */
function ageTree(root: string, secondsAgo: number): void {
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const p = join(root, e.name);
    if (e.isDirectory()) ageTree(p, secondsAgo);
    age(p, secondsAgo);
  }
  age(root, secondsAgo);
}

test('the daily trim keeps what replays use and removes woven files of old edits', async () => {
  await build();
  const root = join(dir, '.weave', 'v1');
  const wovenFiles = () => readdirSync(join(root, 'src')).flatMap((xx) => readdirSync(join(root, 'src', xx)));
  const before = wovenFiles().length;
  // Everything in the cache was last used six days ago, but the launcher replays this build.
  ageTree(root, 6 * 86400);
  assert.match((await build({ GOWEAVE_NODE: join(dir, 'no-node') })).stderr, REPLAYED);
  // Records of this build, of vet and of -tags=other; the last is not used again. Beside the
  // builds' records, what vouches for leaving go out (<record>.up, uptodate.test.ts).
  const replays = () => readdirSync(join(root, 'replay', basename(launcherDir())));
  const records = replays().filter((n) => n.endsWith('.json'));
  assert.equal(records.length, 3);
  assert.equal(replays().filter((n) => n.endsWith('.json.up')).length, 2);
  // A day after the last trim, the next command through Node trims.
  writeFileSync(join(root, 'trim.txt'), `${Math.floor(Date.now() / 1000) - 86400 - 60}\n`);
  const vet = await run(ENTRY, ['vet', '.'], { cwd: dir, env: { ...process.env, ...env, GOWEAVE_NO_REPLAY: '1' } });
  assert.equal(vet.code, 0, vet.stderr);
  assert.ok(Number(readFileSync(join(root, 'trim.txt'), 'utf8')) > Date.now() / 1000 - 60, 'the trim ran');
  // main.go was woven as "first", "second", "third": only the current one (and extra.go) stays.
  assert.ok(before >= 4, `woven files before: ${before}`);
  assert.equal(wovenFiles().length, 2);
  assert.ok(existsSync(join(launcherDir(), 'go-weave-launch')));
  const left = replays().filter((n) => n.endsWith('.json'));
  assert.ok(left.length < records.length, `the unused record is gone: ${left}`);
  // The build that was left out marked its vouching used; the unused build's went with it.
  assert.equal(replays().filter((n) => n.endsWith('.json.up')).length, 1);
  // What the replay used is whole: it replays again, and the binary has the current spans.
  rmSync(bin);
  assert.match((await build({ GOWEAVE_NODE: join(dir, 'no-node') })).stderr, REPLAYED);
  assert.deepEqual((await runBinary()).spans.sort(), ['extra', 'third']);
});

test('GOWEAVE_NO_REPLAY and a cleaned weave cache go through Node again', async () => {
  assert.match((await build({ GOWEAVE_NO_REPLAY: '1' })).stderr, NODE_LINE);
  const clean = await run(ENTRY, ['cache', 'clean'], { cwd: dir, env: { ...process.env, ...env } });
  assert.equal(clean.code, 0, clean.stderr);
  assert.equal(existsSync(join(dir, '.weave', 'v1')), false);
  for (let i = 0; i < 2; i++) {
    const r = await build();
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, NODE_LINE);
  }
  assert.ok(existsSync(join(launcherDir(), 'go-weave-launch')), 'the launcher is built again');
  assert.match((await build()).stderr, REPLAYED);
  assert.deepEqual((await runBinary()).spans.sort(), ['extra', 'third']);
});


/** go-weave cache clean, which removes the socket: the server on it notices and quits. */
async function cleanCacheAndServer(sock: string): Promise<void> {
  const clean = await run(ENTRY, ['cache', 'clean'], { cwd: dir, env: { ...process.env, ...env } });
  assert.equal(clean.code, 0, clean.stderr);
  await until('the weave server to quit', async () => (await processesWith(sock)) === 0);
}

/**
 * Saves main.go with a span of that name, waits for the server to weave the save (the record is
 * written again), then builds without Node: the build finds the save woven. The spans it prints.
 */
async function saveThenBuild(span: string, serverEnv: NodeJS.ProcessEnv, recordMtime: () => bigint): Promise<string[]> {
  const before = recordMtime();
  writeFileSync(join(dir, 'main.go'), main(span));
  await until('the save to be woven', () => recordMtime() !== before);
  const r = await build({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') });
  assert.equal(r.code, 0, r.stderr);
  // An editor's save can come as several events, and so as more than one plan.
  assert.match(r.stderr, WOVEN_ON_SAVE);
  const spans = (await runBinary()).spans;
  assert.ok(spans.includes(span), `spans ${spans.join(',')}`);
  return spans;
}

test('after an edit, the weave server weaves and the launcher replays: no Node process starts', async () => {
  const serverEnv = { GOWEAVE_SERVER: '', GOWEAVE_SERVER_IDLE: '30' };
  const sock = join(launcherDir(), 'weaver.sock');
  writeFileSync(join(dir, 'main.go'), main('fourth'));
  age(join(dir, 'main.go'), 15);
  // No server yet: Node plans, and starts one for the builds that follow.
  const first = await build(serverEnv);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, NODE_LINE);
  await until('the weave server to listen', () => existsSync(sock));
  // An edit just now (too recent to vouch for later builds) is woven by the server for this one.
  writeFileSync(join(dir, 'main.go'), main('fifth'));
  const r = await build({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') });
  assert.equal(r.code, 0, r.stderr);
  // The server may have woven the edit already: in a training round right after it started, or
  // as a save of the sources of the Node run's request, which it plans first.
  assert.match(r.stderr, /join points; woven by the weave server: [01] woven (now|on save)/);
  assert.deepEqual((await runBinary()).spans.sort(), ['extra', 'fifth']);
  const lines = readFileSync(report, 'utf8').trim().split('\n');
  assert.match(lines[lines.length - 1], /"joinPoints":\d+/);
  // A change the server cannot plan (an aspect file with an error) goes to Node, which reports it.
  writeFileSync(join(dir, 'go-weave.yml'), 'disable: [no.such.aspect]\n');
  const bad = await build(serverEnv);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /go-weave\.yml:1:\d+: .*no\.such\.aspect/);
  rmSync(join(dir, 'go-weave.yml'));
  age(join(dir, 'main.go'), 5);
  assert.equal((await build(serverEnv)).code, 0);
  // Cleaning the cache removes the socket: the server notices and quits.
  assert.equal(await processesWith(sock), 1);
  await cleanCacheAndServer(sock);
  // The second build after the clean builds the launcher again (for the test below).
  for (let i = 0; i < 2; i++) assert.equal((await build()).code, 0);
});

test('the record contract: every stamp kind, the directory listing, environment changes, warnings and report', async () => {
  const launcher = join(launcherDir(), 'go-weave-launch');
  const t = writeTree({
    'pkg/A.go': '', 'pkg/\u00e4.go': '', 'pkg/b.go/x': '', 'pkg/sub/c.go': '', 'pkg/testdata/t.go': '',
    'pkg/_skip.go': '', 'pkg/.hidden.go': '', 'pkg/notes.txt': '', 'file.txt': 'abc',
  }, 'gw-record-');
  try {
    // A stand-in go shows the arguments and environment it got; a stand-in node shows a fallback.
    const fakeGo = join(t, 'fake-go');
    writeFileSync(fakeGo, '#!/bin/sh\necho "go $* FOO=$FOO BAR=${BAR-unset}"\n', { mode: 0o755 });
    const cmdEnv = { ...process.env, GOWEAVE_ENTRY: ENTRY, GOWEAVE_NODE: '/bin/echo', GOWEAVE_REPORT: join(t, 'r.jsonl'), FOO: 'mine', BAR: 'mine' };
    const args = ['build', './x'];
    const where = await run(launcher, ['-goweave-record-path', ...args], { cwd: t, env: cmdEnv });
    assert.equal(where.code, 0, where.stderr);
    const recordPath = where.stdout.trim();
    const file = join(t, 'file.txt');
    age(file, 30);
    const st = statSync(file, { bigint: true });
    const pkg = join(t, 'pkg');
    const good = [`${st.mtimeNs} 3 ${file}`, `d ${goListing(pkg).hash} ${pkg}`, `- 0 ${join(t, 'absent')}`, `+ 0 ${file}`];
    const attempt = async (stamps: string[]) => {
      mkdirSync(dirname(recordPath), { recursive: true });
      writeFileSync(recordPath, JSON.stringify({ v: 1, go: fakeGo, args: ['build', '-overlay=o.json'], set: { FOO: 'woven' }, unset: ['BAR'], stamps, stderr: 'go-weave: warning: w\n', report: '{"r":1}', summary: 's' }));
      return run(launcher, args, { cwd: t, env: cmdEnv });
    };
    const ok = await attempt(good);
    assert.equal(ok.stdout, 'go build -overlay=o.json FOO=woven BAR=unset\n');
    assert.equal(ok.stderr, 'go-weave: warning: w\n');
    assert.equal(readFileSync(join(t, 'r.jsonl'), 'utf8'), '{"r":1}\n');
    const fallback = `${join(REPO, 'dist', 'weaver', 'go-weave.cjs')} build ./x\n`;
    const broken: [number, string][] = [
      [0, `${st.mtimeNs + 1n} 3 ${file}`],
      [0, `${st.mtimeNs} 4 ${file}`],
      [0, `racy 0 ${file}`],
      [1, `d ${goListing(join(pkg, 'sub')).hash} ${pkg}`],
      [2, `- 0 ${file}`],
      [3, `+ 0 ${join(t, 'absent')}`],
    ];
    for (const [i, stamp] of broken) {
      const r = await attempt(good.map((g, j) => (j === i ? stamp : g)));
      assert.equal(r.stdout, fallback, `stamp ${stamp} should not hold`);
    }
    // The listing is of Go files and visible subdirectories...
    writeFileSync(join(pkg, 'other.txt'), '');
    assert.equal((await attempt(good)).stdout, ok.stdout);
    writeFileSync(join(pkg, 'new.go'), '');
    assert.equal((await attempt(good)).stdout, fallback);
    // ...and of the other files go reads: assembly, C, .syso, default.pgo.
    rmSync(join(pkg, 'new.go'));
    writeFileSync(join(pkg, 'asm_amd64.s'), '');
    assert.equal((await attempt(good)).stdout, fallback);
  } finally {
    removeTree(t);
  }
});

/**
 * An edit the launcher hands to Node, which starts a weave server on sock; then a second edit,
 * the server's first request, planned as it arrives (its sources are watched from then on).
 */
async function serverWithFirstRequest(serverEnv: NodeJS.ProcessEnv, sock: string, spans: [string, string]): Promise<string> {
  writeFileSync(join(dir, 'main.go'), main(spans[0]));
  age(join(dir, 'main.go'), 15);
  assert.match((await build(serverEnv)).stderr, NODE_LINE);
  await until('the weave server to listen', () => existsSync(sock));
  writeFileSync(join(dir, 'main.go'), main(spans[1]));
  const first = await build({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') });
  assert.equal(first.code, 0, first.stderr);
  return first.stderr;
}

test('a save is woven by the weave server before the build that follows it', async () => {
  const serverEnv = { GOWEAVE_SERVER: '', GOWEAVE_SERVER_IDLE: '30' };
  const sock = join(launcherDir(), 'weaver.sock');
  const launcher = join(launcherDir(), 'go-weave-launch');
  // The last test cleaned the cache, and so stopped its server.
  // The new server plans the Node run's request first: the edit may be woven as a save.
  assert.match(await serverWithFirstRequest(serverEnv, sock, ['sixth', 'seventh']), /woven by the weave server: [01] woven (now|on save)/);

  const where = await run(launcher, ['-goweave-record-path', 'build', '-o', bin, '.'], { cwd: dir, env: { ...process.env, ...env, ...serverEnv, GOWEAVE_ENTRY: ENTRY } });
  const record = where.stdout.trim();
  const recordMtime = () => statSync(record, { bigint: true }).mtimeNs;
  for (const span of ['eighth', 'ninth']) {
    assert.ok(!(await saveThenBuild(span, serverEnv, recordMtime)).includes('seventh'));
  }
  // A save right before a build, and a change beside the sources the plan never read.
  writeFileSync(join(dir, 'notes.txt'), 'not a source');
  writeFileSync(join(dir, 'main.go'), main('tenth'));
  const r = await build({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /woven by the weave server: [01] woven (on save|now)/);
  assert.ok((await runBinary()).spans.includes('tenth'));
  await cleanCacheAndServer(sock);
});

test('a save of function bodies is planned from the last plan; a new import, a new file and a removed one are planned whole', async () => {
  // The last test cleaned the cache: two builds make the launcher again.
  for (let i = 0; i < 2; i++) assert.equal((await build()).code, 0);
  const serverEnv = { GOWEAVE_SERVER: '', GOWEAVE_SERVER_IDLE: '30' };
  const sock = join(launcherDir(), 'weaver.sock');
  await serverWithFirstRequest(serverEnv, sock, ['body1', 'body2']);
  // Saved right before the build, as a watch tool does: the build waits for the save's plan.
  const saveAndBuild = async (write: () => void) => {
    write();
    const r = await build({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') });
    assert.equal(r.code, 0, r.stderr);
    return { stderr: r.stderr, spans: (await runBinary()).spans };
  };
  const body = await saveAndBuild(() => writeFileSync(join(dir, 'main.go'), main('body3')));
  assert.match(body.stderr, /woven (on save|now); from the last plan, 1 edited file: weaving \d+ ms/);
  assert.ok(body.spans.includes('body3'), body.spans.join(','));
  // A package main does not import yet, then an import of it: only a new listing of the graph
  // weaves the package (an edit below the imports would have kept the old one).
  // (A new directory is a change the watch sees: the server plans it, no Node starts.)
  const lib = await saveAndBuild(() => {
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'lib.go'), 'package lib\n\n//weave:span libspan\nfunc Name() string { return "lib" }\n');
  });
  assert.ok(!lib.spans.includes('libspan'), lib.spans.join(','));
  const withLib = (span: string) => main(span).replace('import "fmt"', 'import (\n\t"fmt"\n\n\t"example.com/launch/lib"\n)\n\nvar _ = lib.Name()');
  const imported = await saveAndBuild(() => writeFileSync(join(dir, 'main.go'), withLib('imported')));
  assert.ok(imported.spans.includes('imported') && imported.spans.includes('libspan'), imported.spans.join(','));
  // A file added to the package, then removed.
  const added = await saveAndBuild(() => writeFileSync(join(dir, 'added.go'), 'package main\n\n//weave:span added\nfunc added() {}\n\nfunc init() { added() }\n'));
  assert.ok(added.spans.includes('added'), added.spans.join(','));
  const removed = await saveAndBuild(() => rmSync(join(dir, 'added.go')));
  assert.ok(!removed.spans.includes('added'), removed.spans.join(','));
  // After whole plans, body edits take the short way again, in either package.
  const again = await saveAndBuild(() => writeFileSync(join(dir, 'main.go'), withLib('body4')));
  assert.match(again.stderr, /from the last plan, 1 edited file/);
  assert.ok(again.spans.includes('body4') && !again.spans.includes('imported'), again.spans.join(','));
  const inLib = await saveAndBuild(() => writeFileSync(join(dir, 'lib', 'lib.go'), 'package lib\n\n//weave:span libspan2\nfunc Name() string { return "lib" }\n'));
  assert.match(inLib.stderr, /from the last plan, 1 edited file/);
  assert.ok(inLib.spans.includes('libspan2') && !inLib.spans.includes('libspan'), inLib.spans.join(','));
  rmSync(join(dir, 'lib'), { recursive: true });
  writeFileSync(join(dir, 'main.go'), main('body5'));
  await cleanCacheAndServer(sock);
});

test('saves keep the weave server up; it quits once nobody builds or saves', async () => {
  // The last test cleaned the cache: two builds make the launcher again.
  for (let i = 0; i < 2; i++) assert.equal((await build()).code, 0);
  const serverEnv = { GOWEAVE_SERVER: '', GOWEAVE_SERVER_IDLE: '3' };
  const sock = join(launcherDir(), 'weaver.sock');
  assert.match(await serverWithFirstRequest(serverEnv, sock, ['eleventh', 'twelfth']), /woven by the weave server/);
  // Five seconds of saves, each well within the 3 s idle time of the one before.
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    writeFileSync(join(dir, 'main.go'), main(`save${i}`));
  }
  assert.equal(await processesWith(sock), 1, 'the server quit while the sources were being saved');
  await until('the idle weave server to quit', async () => (await processesWith(sock)) === 0);
  assert.equal(existsSync(sock), false);
});

test('two command lines in turn, a build and a vet: a save is woven for both before they come', async () => {
  const serverEnv = { GOWEAVE_SERVER: '', GOWEAVE_SERVER_IDLE: '30' };
  const sock = join(launcherDir(), 'weaver.sock');
  const launcher = join(launcherDir(), 'go-weave-launch');
  // The last test's server quit when idle; the launcher stays.
  assert.match(await serverWithFirstRequest(serverEnv, sock, ['pair1', 'pair2']), /woven by the weave server/);
  const vet = (extra: NodeJS.ProcessEnv = {}) => run(ENTRY, ['vet', '.'], { cwd: dir, env: { ...process.env, ...env, ...extra } });
  const first = await vet({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /woven by the weave server/);
  const recordOf = async (args: string[]) => (await run(launcher, ['-goweave-record-path', ...args], { cwd: dir, env: { ...process.env, ...env, ...serverEnv, GOWEAVE_ENTRY: ENTRY } })).stdout.trim();
  const records = [await recordOf(['build', '-o', bin, '.']), await recordOf(['vet', '.'])];
  assert.notEqual(records[0], records[1]);
  const mtimes = () => records.map((r) => statSync(r, { bigint: true }).mtimeNs);
  for (const span of ['pair3', 'pair4']) {
    const before = mtimes();
    writeFileSync(join(dir, 'main.go'), main(span));
    await until('the save to be woven for both command lines', () => mtimes().every((m, i) => m !== before[i]));
    // Each is answered from its own plan on save, whichever came last before the save.
    const v = await vet({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') });
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stderr, WOVEN_ON_SAVE);
    const b = await build({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') });
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stderr, WOVEN_ON_SAVE);
    assert.ok((await runBinary()).spans.includes(span));
  }
  // A save dated a few whole seconds ahead stays too recent to stamp until both builds are done:
  // neither is replayed by the launcher alone, each asks the server, which answers from its plan
  // on save. The build came last, so the next save plans it first. The server writes one record
  // after the other, and inotify reports the writes in that order.
  const ahead = Math.ceil(Date.now() / 1000) + 4;
  const before = mtimes();
  writeFileSync(join(dir, 'main.go'), main('pair5'));
  utimesSync(join(dir, 'main.go'), ahead, ahead);
  await until('the save to be woven for both command lines', () => mtimes().every((m, i) => m !== before[i]));
  for (const r of [await vet({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') }), await build({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') })]) {
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /woven by the weave server: [01] woven on save/);
  }
  const names = records.map((r) => basename(r));
  const written: string[] = [];
  const watcher = watch(dirname(records[0]), (_event, name) => {
    if (name && names.includes(name) && !written.includes(name)) written.push(name);
  });
  try {
    writeFileSync(join(dir, 'main.go'), main('pair6'));
    await until('the save to be woven for both command lines', () => written.length === 2);
  } finally {
    watcher.close();
  }
  assert.deepEqual(written, names, 'the build, run last, is planned first on a save');
  await cleanCacheAndServer(sock);
});

/**
 * After a cleaned cache: builds the launcher again, then has Node start a server with main.go
 * spanned `span`, and waits for the server to plan the request it started with.
 */
async function serverStartedByNode(span: string): Promise<{ serverEnv: NodeJS.ProcessEnv; sock: string; record: string; recordMtime: () => bigint }> {
  for (let i = 0; i < 2; i++) assert.equal((await build()).code, 0);
  const serverEnv = { GOWEAVE_SERVER: '', GOWEAVE_SERVER_IDLE: '30' };
  const sock = join(launcherDir(), 'weaver.sock');
  const launcher = join(launcherDir(), 'go-weave-launch');
  const record = (await run(launcher, ['-goweave-record-path', 'build', '-o', bin, '.'], { cwd: dir, env: { ...process.env, ...env, ...serverEnv, GOWEAVE_ENTRY: ENTRY } })).stdout.trim();
  const recordMtime = () => statSync(record, { bigint: true }).mtimeNs;
  writeFileSync(join(dir, 'main.go'), main(span));
  age(join(dir, 'main.go'), 15);
  // No server answers: Node plans, and starts one with the request the launcher would have sent.
  assert.match((await build(serverEnv)).stderr, NODE_LINE);
  const afterNode = recordMtime();
  await until('the new server to plan the request it started with', () => recordMtime() !== afterNode);
  return { serverEnv, sock, record, recordMtime };
}

test('the first save after Node started the weave server is woven before the build that follows it', async () => {
  const { serverEnv, sock, recordMtime } = await serverStartedByNode('start');
  for (const span of ['firstSave', 'secondSave']) await saveThenBuild(span, serverEnv, recordMtime);
  await cleanCacheAndServer(sock);
});

test('a save that has aged unchanged is stamped by the server: later builds replay from the launcher alone', async () => {
  const { serverEnv, sock, record, recordMtime } = await serverStartedByNode('aged0');
  const racy = () => (JSON.parse(readFileSync(record, 'utf8')) as { stamps: string[] }).stamps.filter((s) => s.startsWith('racy '));
  // Just after a save its file is too recent to stamp: the record written on save says so.
  const before = recordMtime();
  writeFileSync(join(dir, 'main.go'), main('aged1'));
  await until('the save to be woven', () => recordMtime() !== before);
  const saved = statSync(join(dir, 'main.go'), { bigint: true }).mtimeNs;
  await until('the server to stamp the aged save', () => racy().length === 0, 8000);
  // ...and stamped once a later write would show (ext4, tmpfs and the like: 50 ms after it).
  const stamp = (JSON.parse(readFileSync(record, 'utf8')) as { stamps: string[] }).stamps.find((s) => s.endsWith(` ${join(dir, 'main.go')}`));
  assert.equal(stamp, `${saved} ${main('aged1').length} ${join(dir, 'main.go')}`);
  const r = await build({ ...serverEnv, GOWEAVE_NODE: join(dir, 'no-node') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /replayed by the launcher, nothing it depends on changed/);
  assert.deepEqual((await runBinary()).spans.sort(), ['aged1', 'extra']);
  // The stamp is the launcher's to check again: a later save is seen, and woven.
  await saveThenBuild('aged3', serverEnv, recordMtime);
  await cleanCacheAndServer(sock);
});

test('a weave cache too deep for a socket path: the server listens in a private directory of TMPDIR', async () => {
  // 104 bytes is all a socket path may take; this cache puts weaver.sock well past it.
  const cache = join(dir, 'c'.repeat(Math.max(1, 100 - dir.length)));
  const deepEnv = { GOWEAVE_CACHE: cache, GOWEAVE_SERVER: '', GOWEAVE_SERVER_IDLE: '30' };
  writeFileSync(join(dir, 'main.go'), main('deep'));
  age(join(dir, 'main.go'), 15);
  // Node twice (the second builds the launcher), then an edit the launcher sends to Node, which
  // starts the server.
  for (let i = 0; i < 2; i++) assert.equal((await build(deepEnv)).code, 0);
  const launcherRoot = join(cache, 'v1', 'launcher');
  const [id] = readdirSync(launcherRoot);
  const ldir = join(launcherRoot, id);
  assert.ok(Buffer.byteLength(join(ldir, 'weaver.sock')) >= 104);
  const sock = join(tmpdir(), `go-weave-${process.getuid?.() ?? 0}`, createHash('sha256').update(ldir).digest('hex').slice(0, 16) + '.sock');
  writeFileSync(join(dir, 'main.go'), main('deeper'));
  age(join(dir, 'main.go'), 10);
  assert.match((await build(deepEnv)).stderr, NODE_LINE);
  await until('the weave server to listen', () => existsSync(sock));
  assert.equal(statSync(dirname(sock)).mode & 0o777, 0o700);
  writeFileSync(join(dir, 'main.go'), main('deepest'));
  const r = await build({ ...deepEnv, GOWEAVE_NODE: join(dir, 'no-node') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /woven by the weave server/);
  assert.ok((await runBinary()).spans.includes('deepest'));
  // Nothing was left where a socket path cut short would have landed.
  assert.deepEqual(readdirSync(ldir).sort(), ['go-weave-launch', 'wanted']);
  rmSync(sock);
  await until('the weave server to quit', async () => (await processesWith(sock)) === 0);
  removeTree(cache);
});

test('an unchanged go test is replayed by the launcher alone: its test main, which go writes in its cache, is no file of the package', async () => {
  const tdir = writeTree({
    'go.mod': 'module example.com/launchtest\n\ngo 1.22\n',
    'lib/lib.go': 'package lib\n\n//weave:span answer\nfunc Answer() int { return 42 }\n',
    'lib/lib_test.go': 'package lib\n\nimport "testing"\n\nfunc TestAnswer(t *testing.T) {\n\tif Answer() != 42 {\n\t\tt.Fatal(Answer())\n\t}\n}\n',
  }, 'gw-launch-test-');
  for (const f of ['go.mod', 'lib/lib.go', 'lib/lib_test.go', 'lib', '.']) age(join(tdir, f), 60);
  const testEnv = { ...process.env, ...env, GOWEAVE_CACHE: join(tdir, '.weave'), GOWEAVE_REPORT: '' };
  const goTest = (extra: NodeJS.ProcessEnv = {}) => run(ENTRY, ['test', './lib'], { cwd: tdir, env: { ...testEnv, ...extra } });
  try {
    // Node twice (the second builds the launcher and leaves the record).
    for (let i = 0; i < 2; i++) {
      const r = await goTest();
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, NODE_LINE);
    }
    const r = await goTest({ GOWEAVE_NODE: join(tdir, 'no-node') });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, REPLAYED);
    assert.match(r.stdout, /^ok\s+example\.com\/launchtest\/lib/m);
    // The record stamps the package's own files, and no path made of the test main's.
    const records = join(tdir, '.weave', 'v1', 'replay');
    const [id] = readdirSync(records);
    const recordFile = readdirSync(join(records, id)).find((f) => f.endsWith('.json'));
    const stamps = (JSON.parse(readFileSync(join(records, id, recordFile!), 'utf8')) as { stamps: string[] }).stamps;
    const libDir = join(tdir, 'lib') + '/';
    const inLib = stamps.map((s) => s.split(' ').slice(2).join(' ')).filter((p) => p.startsWith(libDir)).map((p) => p.slice(libDir.length));
    assert.ok(inLib.includes('lib_test.go'), inLib.join(', '));
    assert.deepEqual(inLib.filter((f) => f.includes('/')), []);
    assert.deepEqual(stamps.filter((s) => s.startsWith('racy ')), []);
  } finally {
    removeTree(tdir);
  }
});
