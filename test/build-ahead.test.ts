// Building ahead (launcher/ahead.go, weaver/src/gocmd/ahead.ts): after a save, the weave server
// runs the last woven go build into a private output, and the build the user starts afterwards
// installs that output instead of running go. These tests build through the bundled go-weave
// with a go that logs every build it runs (a build ahead writes to <record>.ahead-out, the
// user's to out/ahead), save main.go as an editor would, and check the binary that results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTree, run, writeTree, type RunResult } from './support/go-fixture.ts';
import { age, loggingGo, processesWith, runConsoleTraced, until as waitUntil } from './support/go-weave-cli.ts';
import { REPO } from './support/go-shop.ts';

const ENTRY = join(REPO, 'dist', 'weaver', 'go-weave');
const AHEAD = /built ahead by the weave server after the save, go not run/;

const main = (word: string, extra = '') => `package main

import "fmt"

//weave:span work
func work() string { return "${word}" }

func main() { fmt.Println(work()) }
${extra}`;

const lib = (word: string) => `package lib\n\nfunc Word() string { return "${word}" }\n`;
const command = (name: string) => `package main\n\nimport (\n\t"fmt"\n\n\t"example.com/ahead/lib"\n)\n\nfunc main() { fmt.Println("${name}", lib.Word()) }\n`;

let dir = '';
let bin = '';
let goLog = '';
let record = '';
let env: NodeJS.ProcessEnv = {};

/** The go builds run so far: the user's (to out/) and the builds ahead (to the private output). */
function goRuns(): { user: number; ahead: number } {
  const lines = existsSync(goLog) ? readFileSync(goLog, 'utf8').trim().split('\n').filter(Boolean) : [];
  const ahead = lines.filter((l) => l.includes('.ahead-out')).length;
  return { user: lines.length - ahead, ahead };
}

/** The go run, test and vet commands run so far, the user's and those ahead (with -exec=true, or a vet). */
function goCacheRuns(): string[] {
  return existsSync(goLog + '.run') ? readFileSync(goLog + '.run', 'utf8').trim().split('\n').filter(Boolean) : [];
}

async function build(extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string; userGo: number }> {
  const before = goRuns().user;
  const r = await run(ENTRY, ['build', '-o', bin, '.'], { cwd: dir, env: { ...process.env, ...env, ...extra } });
  return { code: r.code, stderr: r.stderr, userGo: goRuns().user - before };
}

async function runBinary(path = bin): Promise<{ stdout: string; spans: string[] }> {
  const r = await runConsoleTraced(path);
  return { stdout: r.stdout.trim(), spans: r.spans };
}

/** The record the launcher keeps for a go-weave command line in the fixture's environment. */
async function recordOf(argv: string[], extra: NodeJS.ProcessEnv = {}): Promise<string> {
  const launcher = (await run('sh', ['-c', `ls -d '${join(dir, '.weave', 'v1', 'launcher')}'/*/go-weave-launch`])).stdout.trim();
  return (await run(launcher, ['-goweave-record-path', ...argv], { cwd: dir, env: { ...process.env, ...env, ...extra, GOWEAVE_ENTRY: ENTRY } })).stdout.trim();
}

/** Saves are followed closely: a build ahead takes a fraction of a second. */
const until = (what: string, cond: () => Promise<boolean> | boolean, ms = 30_000) => waitUntil(what, cond, ms, 25);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const mtimeNs = (path: string) => (existsSync(path) ? statSync(path, { bigint: true }).mtimeNs : -1n);

/** Saves main.go (now, as an editor does) and waits for a build ahead to leave its result. */
async function saveAndWaitAhead(text: string): Promise<void> {
  const before = mtimeNs(record + '.ahead');
  writeFileSync(join(dir, 'main.go'), text);
  await until('the build ahead of the save', () => mtimeNs(record + '.ahead') > before);
}

before(async () => {
  dir = writeTree({
    'go.mod': 'module example.com/ahead\n\ngo 1.22\n',
    'main.go': main('one'),
    'lib/lib.go': lib('ten'),
    'cmd/a/main.go': command('a'),
    'cmd/b/main.go': command('b'),
  }, 'gw-ahead-');
  bin = join(dir, 'out', 'ahead');
  goLog = join(dir, 'go.log');
  // A go that notes each build it runs, then is the real one; with a file named slow beside it,
  // a build ahead is a long sleep instead; with a file named hold, the user's go build waits
  // (having left a file named held) until hold is gone.
  const wrapper = join(dir, 'go-logged');
  const [hold, held] = [join(dir, 'hold'), join(dir, 'held')];
  await loggingGo(wrapper, goLog, [
    `case "$*" in *.ahead-out*) if [ -f '${join(dir, 'slow')}' ]; then exec sleep 37; fi ;; esac`,
    `case "$1" in run|test|vet) echo "$*" >> '${goLog}.run' ;; esac`,
    `case "$1 $*" in build*.ahead-out*) ;; build*) if [ -f '${hold}' ]; then : > '${held}'; while [ -f '${hold}' ]; do sleep 0.02; done; fi ;; esac`,
  ]);
  for (const f of ['go.mod', 'main.go', '.', 'lib/lib.go', 'lib', 'cmd/a/main.go', 'cmd/a', 'cmd/b/main.go', 'cmd/b', 'cmd']) age(join(dir, f));
  env = { GOWEAVE_CACHE: join(dir, '.weave'), GOWEAVE_GO: wrapper, GOWEAVE_VERBOSE: '1', GOWEAVE_SERVER_IDLE: '60', GOFLAGS: '-buildvcs=false', OTEL_TRACES_EXPORTER: 'none' };
  // Node twice (the second builds the launcher); then an edit, which Node plans and which
  // starts the weave server.
  for (let i = 0; i < 2; i++) assert.equal((await build({ GOWEAVE_SERVER: '0' })).code, 0);
  record = await recordOf(['build', '-o', bin, '.']);
  assert.match(record, /\.json$/);
  writeFileSync(join(dir, 'main.go'), main('two'));
  age(join(dir, 'main.go'), 30);
  assert.equal((await build()).code, 0);
  // Saves are seen once the new server has planned the request it started with.
  const afterNode = mtimeNs(record);
  await until('the weave server to plan its first request', () => mtimeNs(record) !== afterNode);
});

after(async () => {
  await run(ENTRY, ['cache', 'clean'], { cwd: dir, env: { ...process.env, ...env } });
  await until('the weave server to quit', async () => (await processesWith(join(dir, '.weave'))) === 0);
  removeTree(dir);
});

test('a save is built ahead: the build that follows installs what go would write, without running go', async () => {
  await saveAndWaitAhead(main('three'));
  const r = await build({ GOWEAVE_NODE: join(dir, 'no-node') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, AHEAD);
  assert.equal(r.userGo, 0);
  assert.deepEqual(await runBinary(), { stdout: 'three', spans: ['work'] });
  // Byte for byte the executable a go-weave build through Node writes, with go's mode.
  const ref = join(dir, 'ref');
  const node = await run(ENTRY, ['build', '-o', ref, '.'], { cwd: dir, env: { ...process.env, ...env, GOWEAVE_NO_REPLAY: '1' } });
  assert.equal(node.code, 0, node.stderr);
  assert.ok(readFileSync(ref).equals(readFileSync(bin)), 'the installed output differs from a build through Node');
  assert.equal(statSync(bin).mode & 0o777, 0o777 & ~process.umask());
  // And vouched for: the next build has nothing to do.
  const again = await build();
  assert.match(again.stderr, /up to date, go not run/);
  assert.equal(again.userGo, 0);
});

test('the same text saved again: the output built ahead is the one in place, which the build only touches', async () => {
  const before = readFileSync(bin);
  const touched = statSync(bin).mtimeMs;
  const aheadRuns = goRuns().ahead;
  await saveAndWaitAhead(main('three'));
  assert.equal(goRuns().ahead, aheadRuns + 1);
  const r = await build();
  assert.match(r.stderr, AHEAD);
  assert.equal(r.userGo, 0);
  assert.ok(readFileSync(bin).equals(before));
  assert.ok(statSync(bin).mtimeMs > touched, 'the output is touched, as go touches an output it finds up to date');
});

test('the output is installed as a link to the one built ahead, and the next build ahead leaves it as it is', async () => {
  // Installing links instead of copying (a millisecond per megabyte saved at each build); the
  // next build ahead replaces its own output, as go does, and never writes into the shared one.
  assert.equal(statSync(bin).nlink, 2);
  const before = readFileSync(bin);
  await saveAndWaitAhead(main('four'));
  assert.ok(readFileSync(bin).equals(before), 'a build ahead changed the installed output');
  assert.equal(statSync(bin).nlink, 1);
  assert.deepEqual(await runBinary(), { stdout: 'three', spans: ['work'] });
  const r = await build();
  assert.match(r.stderr, AHEAD);
  assert.deepEqual(await runBinary(), { stdout: 'four', spans: ['work'] });
});

test('a build started right after a save runs go itself, and no build ahead competes with it', async () => {
  const aheadRuns = goRuns().ahead;
  writeFileSync(join(dir, 'main.go'), main('four'));
  const r = await build();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /woven by the weave server/);
  assert.equal(r.userGo, 1);
  assert.equal((await runBinary()).stdout, 'four');
  // The save's plan is stamped for good 50 ms after it: a build ahead would start then.
  await sleep(1500);
  assert.equal(goRuns().ahead, aheadRuns);
});

test('a build right after a save the server could stamp at once: one go build in all, the user\'s or the one ahead', async () => {
  // Dated a second back, the save is stamped by the plan itself, which so would start a build
  // ahead at once (as on a large program, whose plan outlasts the 50 ms a save stays racy).
  const before = goRuns();
  writeFileSync(join(dir, 'main.go'), main('four-b'));
  age(join(dir, 'main.go'), 1);
  const r = await build();
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await runBinary()).stdout, 'four-b');
  await sleep(1500);
  const after = goRuns();
  assert.equal(after.user - before.user + after.ahead - before.ahead, 1, r.stderr);
});

test('a build that connects while a long plan of its save runs: the server counts it before it builds ahead', async () => {
  // Hundreds of spans to weave: the plan of the save runs for tens of milliseconds without an
  // asynchronous read, so the build's connection is accepted only once the plan is done, right
  // when the save (dated back, so firm at once) could be built ahead.
  const spans = Array.from({ length: 400 }, (_, i) => `//weave:span f${i}\nfunc f${i}() int { return ${i} }\n`).join('\n');
  for (const word of ['long-a', 'long-b']) {
    const before = goRuns();
    writeFileSync(join(dir, 'main.go'), main(word, spans));
    age(join(dir, 'main.go'), 1);
    const r = await build();
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await runBinary()).stdout, word);
    await sleep(1500);
    const after = goRuns();
    assert.equal(after.user - before.user + after.ahead - before.ahead, 1, r.stderr);
  }
});

test('a save stops the build ahead of the one before; a build waits for the one still running', async () => {
  writeFileSync(join(dir, 'slow'), '');
  const aheadRuns = goRuns().ahead;
  writeFileSync(join(dir, 'main.go'), main('five'));
  await until('a build ahead to start', () => goRuns().ahead > aheadRuns);
  assert.equal(await processesWith('sleep 37'), 1);
  rmSync(join(dir, 'slow'));
  writeFileSync(join(dir, 'main.go'), main('six', 'var added = 6\n'));
  await until('the stopped build ahead to end', async () => (await processesWith('sleep 37')) === 0, 10_000);
  // The build ahead of this save links; a build started meanwhile waits for it.
  await until('the next build ahead to start', () => goRuns().ahead > aheadRuns + 1);
  const r = await build();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, AHEAD);
  assert.equal(r.userGo, 0);
  assert.equal((await runBinary()).stdout, 'six');
});

test('a save that does not compile leaves nothing built ahead: the build shows go\'s error at the original line', async () => {
  const aheadRuns = goRuns().ahead;
  writeFileSync(join(dir, 'main.go'), main('seven').replace('return "seven"', 'return 7'));
  await until('the build ahead of the save', () => goRuns().ahead > aheadRuns);
  await until('the build ahead to end', async () => (await processesWith('-goweave-ahead')) === 0);
  assert.equal(existsSync(record + '.ahead'), false);
  const r = await build();
  assert.equal(r.code, 1);
  assert.match(r.stderr, /main\.go:6:\d+: cannot use 7/);
  assert.doesNotMatch(r.stderr, AHEAD);
});

/**
 * Runs a go-weave command line twice (a record, then go vouched for), saves lib.go with the word,
 * waits for the build ahead of that command line, and runs it again: it installs what was built
 * ahead, without running go.
 */
async function libSaveBuiltAhead(argv: string[], extra: NodeJS.ProcessEnv, word: string): Promise<void> {
  const cmdEnv = { ...process.env, ...env, ...extra };
  for (let i = 0; i < 2; i++) assert.equal((await run(ENTRY, argv, { cwd: dir, env: cmdEnv })).code, 0);
  const rec = await recordOf(argv, extra);
  const before = mtimeNs(rec + '.ahead');
  writeFileSync(join(dir, 'lib', 'lib.go'), lib(word));
  await until('the build ahead of the save', () => mtimeNs(rec + '.ahead') > before);
  const userBefore = goRuns().user;
  const r = await run(ENTRY, argv, { cwd: dir, env: cmdEnv });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, AHEAD);
  assert.equal(goRuns().user, userBefore);
}

test('several executables (-o dir/): a save of a package they share is built ahead for both', async () => {
  await libSaveBuiltAhead(['build', '-o', join(dir, 'multi') + '/', './cmd/...'], {}, 'eleven');
  for (const name of ['a', 'b']) assert.equal((await runBinary(join(dir, 'multi', name))).stdout, `${name} eleven`);
});

test('go install is built ahead too: the command lands in GOBIN as go install would put it', async () => {
  const gobin = join(dir, 'gobin');
  await libSaveBuiltAhead(['install', './cmd/a'], { GOBIN: gobin }, 'twelve');
  assert.equal((await runBinary(join(gobin, 'a'))).stdout, 'a twelve');
  // What go install itself writes, byte for byte.
  const ref = join(dir, 'gobin-ref');
  const node = await run(ENTRY, ['install', './cmd/a'], { cwd: dir, env: { ...process.env, ...env, GOBIN: ref, GOWEAVE_NO_REPLAY: '1' } });
  assert.equal(node.code, 0, node.stderr);
  assert.ok(readFileSync(join(ref, 'a')).equals(readFileSync(join(gobin, 'a'))));
});

test('only the command line run last is built ahead, though the launcher built it alone; GOWEAVE_BUILD_AHEAD=0 is never', async () => {
  const off = { GOWEAVE_BUILD_AHEAD: '0' };
  writeFileSync(join(dir, 'main.go'), main('p'));
  age(join(dir, 'main.go'), 20);
  assert.equal((await build(off)).code, 0);
  // The default command line, asked for right after a save: the server knows it ran last.
  writeFileSync(join(dir, 'main.go'), main('q'));
  assert.match((await build()).stderr, /woven by the weave server/);
  // A moment later the other one runs from its record alone, which the server planned on that save.
  await sleep(300);
  const other = await build(off);
  assert.match(other.stderr, /replayed by the launcher, nothing it depends on changed/);
  // So a save builds nothing ahead: not the default command line, which did not run last, nor
  // the one that did, with building ahead off.
  const aheadRuns = goRuns().ahead;
  writeFileSync(join(dir, 'main.go'), main('nine'));
  await sleep(1500);
  assert.equal(goRuns().ahead, aheadRuns);
  const r = await build(off);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, AHEAD);
  assert.equal(r.userGo, 1);
  assert.equal((await runBinary()).stdout, 'nine');
});

test('go run is built ahead into go\'s cache: the go run after a save starts the program without linking it', async () => {
  const argv = ['run', '-x', '.'];
  const goRunsAhead = () => goCacheRuns().filter((l) => l.includes('-exec=true')).length;
  const goRun = () => run(ENTRY, argv, { cwd: dir, env: { ...process.env, ...env } });
  const linked = /\/link -o /;
  writeFileSync(join(dir, 'main.go'), main('run-one'));
  age(join(dir, 'main.go'), 20);
  const first = await goRun();
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stdout.trim(), 'run-one');
  assert.match(first.stderr, linked);
  // Saved a moment before the go run: the server runs it ahead with -exec=true, and the user's
  // go run (which waits for that to end) finds the executable in go's cache.
  const aheadRuns = goRunsAhead();
  writeFileSync(join(dir, 'main.go'), main('run-two'));
  await until('the go run ahead of the save', () => goRunsAhead() > aheadRuns);
  const userRuns = goCacheRuns().length;
  const second = await goRun();
  assert.equal(second.code, 0, second.stderr);
  assert.equal(second.stdout.trim(), 'run-two');
  assert.doesNotMatch(second.stderr, linked, 'go linked the program again');
  assert.equal(goCacheRuns().length, userRuns + 1, 'the user\'s go run runs go (to start the program)');
  // Started right after the save, the go run has nothing built ahead and links it itself.
  writeFileSync(join(dir, 'main.go'), main('run-three'));
  const third = await goRun();
  assert.equal(third.code, 0, third.stderr);
  assert.equal(third.stdout.trim(), 'run-three');
  assert.match(third.stderr, linked);
});

test('go test is built ahead into go\'s cache: the go test after a save compiles nothing and runs every test', async () => {
  const argv = ['test', '-x', './lib'];
  const testsAhead = () => goCacheRuns().filter((l) => l.startsWith('test ') && l.includes('-exec=true')).length;
  const goTest = () => run(ENTRY, argv, { cwd: dir, env: { ...process.env, ...env } });
  const compiled = /\/compile /;
  // The test checks the word lib.go has: a test that would fail were it not run again. Through
  // a variable: inlined, the comparison of two constants would fold away, and a binary for
  // another word that passes would be the same bytes (a cached result, rightly).
  const libTest = (word: string) => `package lib\n\nimport "testing"\n\nvar word = Word\n\nfunc TestWord(t *testing.T) {\n\tif word() != "${word}" {\n\t\tt.Fatalf("Word() = %q", word())\n\t}\n}\n`;
  writeFileSync(join(dir, 'lib', 'lib.go'), lib('t1'));
  writeFileSync(join(dir, 'lib', 'lib_test.go'), libTest('t1'));
  for (const f of ['lib/lib.go', 'lib/lib_test.go', 'lib']) age(join(dir, f), 20);
  const first = await goTest();
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^ok\s+example\.com\/ahead\/lib\s/m);
  assert.match(first.stderr, compiled);
  // Saved a moment before the test: the server runs the go test ahead with -exec=true.
  const aheadRuns = testsAhead();
  writeFileSync(join(dir, 'lib', 'lib.go'), lib('t2'));
  await until('the go test ahead of the save', () => testsAhead() > aheadRuns);
  const second = await goTest();
  // The test ran (and failed: it still wants t1), and go compiled nothing.
  assert.equal(second.code, 1, second.stderr);
  assert.match(second.stdout, /Word\(\) = "t2"/);
  assert.doesNotMatch(second.stderr, compiled, 'go compiled again what the go test ahead compiled');
  // Fixed, a moment later: compiled ahead again, run by the user's go test, which passes and
  // is not a cached result.
  const again = testsAhead();
  writeFileSync(join(dir, 'lib', 'lib_test.go'), libTest('t2'));
  await until('the go test ahead of the save', () => testsAhead() > again);
  const third = await goTest();
  assert.equal(third.code, 0, third.stderr);
  assert.match(third.stdout, /^ok\s+example\.com\/ahead\/lib\s+\d/m);
  assert.doesNotMatch(third.stderr, compiled);
  // Started right after a save, the go test compiles itself.
  writeFileSync(join(dir, 'lib', 'lib.go'), lib('t3'));
  const fourth = await goTest();
  assert.equal(fourth.code, 1);
  assert.match(fourth.stderr, compiled);
});

test('go vet is run ahead: the go vet after a save finds its findings in go\'s cache and runs no check', async () => {
  const argv = ['vet', '-x', './lib'];
  const vetsAhead = () => goCacheRuns().filter((l) => l.startsWith('vet ')).length;
  const goVet = () => run(ENTRY, argv, { cwd: dir, env: { ...process.env, ...env } });
  const checked = /\/vet /;
  const first = await goVet();
  assert.equal(first.code, 0, first.stderr);
  // A save that vet finds fault with: the go vet ahead checks it, the user's prints its finding.
  const before = vetsAhead();
  writeFileSync(join(dir, 'lib', 'lib.go'), lib('v1').replace('return "v1"', 'return fmt.Sprintf("%d", "v1")').replace('package lib\n', 'package lib\n\nimport "fmt"\n'));
  await until('the go vet ahead of the save', () => vetsAhead() > before);
  const second = await goVet();
  assert.equal(second.code, 1, second.stderr);
  assert.match(second.stderr, /lib\.go:\d+:\d+: fmt\.Sprintf format %d has arg "v1" of wrong type string/);
  assert.doesNotMatch(second.stderr, checked, 'go vet ran its checks again');
  // At once, the go vet checks itself.
  writeFileSync(join(dir, 'lib', 'lib.go'), lib('v2'));
  const third = await goVet();
  assert.equal(third.code, 0, third.stderr);
  assert.match(third.stderr, checked);
});

/**
 * Starts a go-weave command whose go waits (the wrapper's hold file) until `during` is done, and
 * returns its result once it has gone on and ended.
 */
async function withGoHeld(start: () => Promise<RunResult>, during: () => Promise<void>): Promise<RunResult> {
  const [hold, held] = [join(dir, 'hold'), join(dir, 'held')];
  writeFileSync(hold, '');
  const building = start();
  try {
    await until('the build\'s go to start', () => existsSync(held));
    await during();
  } finally {
    rmSync(hold, { force: true });
  }
  const r = await building;
  rmSync(held, { force: true });
  return r;
}

test('a build\'s go runs alone: the plans of other command lines its save put off wait until go has ended', async () => {
  const argv = ['build', '-o', join(dir, 'multi') + '/', './cmd/...'];
  const goBuild = () => run(ENTRY, argv, { cwd: dir, env: { ...process.env, ...env } });
  const vetRecord = await recordOf(['vet', '-x', './lib']);
  assert.ok(existsSync(vetRecord), 'the go vet of the last test has a record');
  // Run last, the build is planned first on a save of lib, which go vet ./lib reads too.
  assert.equal((await goBuild()).code, 0);
  // Hundreds of spans: the build connects while the save's plan of its own command line runs,
  // so the server puts off the others; a save planned in full before the build came shows
  // nothing, and is saved again.
  const spans = Array.from({ length: 400 }, (_, i) => `//weave:span g${i}\nfunc G${i}() int { return ${i} }\n`).join('\n');
  let word = '';
  for (let round = 0; ; round++) {
    const beforeSave = mtimeNs(vetRecord);
    word = `held${round}`;
    let plannedFirst = false;
    const saveThenBuild = () => {
      writeFileSync(join(dir, 'lib', 'lib.go'), lib(word) + spans);
      return goBuild();
    };
    const r = await withGoHeld(saveThenBuild, async () => {
      const atGo = mtimeNs(vetRecord);
      plannedFirst = atGo !== beforeSave;
      if (plannedFirst) return;
      await sleep(1000);
      assert.equal(mtimeNs(vetRecord), atGo, 'the weave server planned go vet while the build\'s go ran');
    });
    assert.equal(r.code, 0, r.stderr);
    if (plannedFirst) {
      assert.ok(round < 3, 'the save was planned in full before the build connected, each time');
      continue;
    }
    await until('the plan of go vet, once the build has ended', () => mtimeNs(vetRecord) > beforeSave);
    break;
  }
  for (const name of ['a', 'b']) assert.equal((await runBinary(join(dir, 'multi', name))).stdout, `${name} ${word}`);
});

test('a save made while the go of a build the launcher replayed alone runs is planned once that go has ended', async () => {
  const argv = ['build', '-o', join(dir, 'multi') + '/', './cmd/...'];
  // A record of its own (go-weave's variables are part of its key), on which the launcher runs
  // go rather than leave it out.
  const goBuild = () => run(ENTRY, argv, { cwd: dir, env: { ...process.env, ...env, GOWEAVE_NO_SKIP: '1' } });
  const vetRecord = await recordOf(['vet', '-x', './lib']);
  assert.equal((await goBuild()).code, 0);
  // Past the racy window: the next build is the launcher's alone, and its notice names its process.
  await sleep(300);
  let before = -1n;
  const r = await withGoHeld(goBuild, async () => {
    before = mtimeNs(vetRecord);
    writeFileSync(join(dir, 'lib', 'lib.go'), lib('alone'));
    await sleep(1000);
    assert.equal(mtimeNs(vetRecord), before, 'the weave server planned the save while the build\'s go ran');
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /replayed by the launcher/);
  await until('the plan of go vet, once the build has ended', () => mtimeNs(vetRecord) > before);
});
