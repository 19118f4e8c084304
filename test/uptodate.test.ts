// A woven `go build` that nothing changed since go last ran for it is left out by the launcher
// (launcher/uptodate.go, weaver/src/gocmd/uptodate.ts): these tests build through the bundled
// go-weave with a go that logs each build it runs, change what go reads, and check that go runs
// again exactly when it must, and that the binary is then what go builds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { age, goWeaveAssets, loggingGo, processesWith, runConsoleTraced, until } from './support/go-weave-cli.ts';
import { REPO } from './support/go-shop.ts';
import { embedRoot, execName } from '../weaver/src/gocmd/uptodate.ts';

const ENTRY = join(REPO, 'dist', 'weaver', 'go-weave');
const SKIPPED = /up to date, go not run/;

const main = (span: string) => `package main

import "fmt"

//weave:span ${span}
func work() int { return 42 }

func main() { fmt.Println(work()) }
`;

let dir = '';
let bin = '';
let goLog = '';
let env: NodeJS.ProcessEnv = {};

before(async () => {
  dir = writeTree({ 'go.mod': 'module example.com/uptodate\n\ngo 1.22\n', 'main.go': main('first') }, 'gw-uptodate-');
  bin = join(dir, 'out', 'uptodate');
  goLog = join(dir, 'go.log');
  // A go that notes each build and install it runs, then is the real one. With a file named slow
  // beside it, a build is a long sleep instead (the signal test).
  const wrapper = join(dir, 'go-logged');
  await loggingGo(wrapper, goLog, [`if [ "$1" = build ] && [ -f '${join(dir, 'slow')}' ]; then echo > '${join(dir, 'slow-started')}'; exec sleep 31; fi`]);
  age(join(dir, 'main.go'));
  age(join(dir, 'go.mod'));
  // go-weave's data files, with a runtime module of the test's own to edit.
  const assets = goWeaveAssets(join(dir, '.assets'));
  env = { GOWEAVE_ASSETS: assets, GOWEAVE_CACHE: join(dir, '.weave'), GOWEAVE_GO: wrapper, GOWEAVE_VERBOSE: '1', GOWEAVE_SERVER: '0', OTEL_TRACES_EXPORTER: 'console' };
  // VCS stamping as go does by default (a machine's go env file may turn it off).
  env.GOFLAGS = '-buildvcs=auto';
});
after(() => removeTree(dir));


const goRuns = () => (existsSync(goLog) ? readFileSync(goLog, 'utf8').trim().split('\n').length : 0);

type Outcome = { code: number; stderr: string; ranGo: boolean };

/** A go-weave command line, and whether it ran go. */
async function goWeave(argv: string[], opts: { cwd?: string; extra?: NodeJS.ProcessEnv } = {}): Promise<Outcome> {
  const before = goRuns();
  const r = await run(ENTRY, argv, { cwd: opts.cwd ?? dir, env: { ...process.env, ...env, ...opts.extra } });
  return { code: r.code, stderr: r.stderr, ranGo: goRuns() > before };
}

const build = (args: string[] = [], extra: NodeJS.ProcessEnv = {}) => goWeave(['build', ...args, '-o', bin, '.'], { extra });

/** Repeats a command until go is left out; returns how many times it ran go first (fewer than 4). */
async function settle(step: () => Promise<Outcome> = () => build()): Promise<number> {
  const most = 4;
  for (let i = 0; i < most; i++) {
    const r = await step();
    assert.equal(r.code, 0, r.stderr);
    if (!r.ranGo) {
      assert.match(r.stderr, SKIPPED);
      return i;
    }
  }
  assert.fail(`go still ran after ${most} unchanged commands`);
}

async function spans(): Promise<string[]> {
  const r = await runConsoleTraced(bin);
  assert.equal(r.stdout, '42\n');
  return r.spans;
}

/** The VCS settings go stamped into the binary. */
async function vcs(): Promise<Record<string, string>> {
  const r = await run('go', ['version', '-m', bin]);
  const out: Record<string, string> = {};
  for (const m of r.stdout.matchAll(/^\s+build\s+(vcs[.\w]*)=(.*)$/gm)) out[m[1]] = m[2];
  return out;
}

test('what the guard derives: where an embed pattern can match, what go names an executable', () => {
  assert.equal(embedRoot('/p', 'static'), '/p/static');
  assert.equal(embedRoot('/p', 'templates/*.html'), '/p/templates');
  assert.equal(embedRoot('/p', 'all:*.txt'), '/p');
  assert.equal(embedRoot('/p', 'a/b[0-9]/c.txt'), '/p/a');
  assert.equal(embedRoot('/p', 'docs/x\\?.md'), '/p/docs');
  assert.equal(execName('example.com/cmd/server'), 'server');
  assert.equal(execName('example.com/tool/v2'), 'tool');
  assert.equal(execName('example.com/tool/v1'), 'v1');
  assert.equal(execName('v2'), 'v2');
});

test('an unchanged woven build leaves go out once go has run for its record and said nothing', async () => {
  // Node twice (the second builds the launcher), then the launcher runs go and vouches.
  assert.equal(await settle(), 3);
  const before = statSync(bin).mtimeMs;
  await new Promise((r) => setTimeout(r, 20));
  const r = await build();
  assert.equal(r.ranGo, false);
  assert.match(r.stderr, SKIPPED);
  // go touches an output it finds up to date; so does the launcher.
  assert.ok(statSync(bin).mtimeMs > before);
  assert.deepEqual(await spans(), ['first']);
  // GOWEAVE_NO_SKIP runs go, and changes nothing else.
  assert.equal((await build([], { GOWEAVE_NO_SKIP: '1' })).ranGo, true);
  assert.equal((await build()).ranGo, false);
});

test('an edited source is woven again and built by go', async () => {
  writeFileSync(join(dir, 'main.go'), main('second'));
  age(join(dir, 'main.go'));
  const r = await build();
  assert.equal(r.ranGo, true);
  assert.deepEqual(await spans(), ['second']);
  assert.ok((await settle()) >= 1);
});

test('an output replaced, removed or rebuilt plainly is built again', async () => {
  // A plain go build writes the same path: another build ID.
  assert.equal((await run('go', ['build', '-o', bin, '.'], { cwd: dir, env: { ...process.env, GOFLAGS: '' } })).code, 0);
  assert.deepEqual(await spans(), []);
  assert.equal((await build()).ranGo, true);
  assert.deepEqual(await spans(), ['second']);
  await settle();
  rmSync(bin);
  assert.equal((await build()).ranGo, true);
  assert.deepEqual(await spans(), ['second']);
  await settle();
});

test('go.sum, an assembly file and default.pgo are read by go: each change runs it', async () => {
  writeFileSync(join(dir, 'go.sum'), '');
  age(join(dir, 'go.sum'));
  assert.equal((await build()).ranGo, true);
  await settle();
  // An assembly file beside the Go files changes the plan's directory listing, and go reads it.
  writeFileSync(join(dir, 'nothing_amd64.s'), '// no code\n');
  age(join(dir, 'nothing_amd64.s'));
  assert.equal((await build()).ranGo, true);
  await settle();
  writeFileSync(join(dir, 'nothing_amd64.s'), '// still no code\n');
  age(join(dir, 'nothing_amd64.s'));
  assert.equal((await build()).ranGo, true);
  await settle();
  // A profile for profile-guided optimization, which -pgo=auto (the default) reads.
  const prof = await run('go', ['test', '-run=^$', '-bench=.', '-benchtime=1x', '-cpuprofile', join(dir, 'default.pgo'), 'sort'], { cwd: dir, env: { ...process.env, GOFLAGS: '' } });
  assert.equal(prof.code, 0, prof.stderr);
  age(join(dir, 'default.pgo'));
  assert.equal((await build()).ranGo, true);
  assert.match((await run('go', ['version', '-m', bin])).stdout, /-pgo=.*default\.pgo/);
  await settle();
  rmSync(join(dir, 'default.pgo'));
  rmSync(join(dir, 'nothing_amd64.s'));
  assert.equal((await build()).ranGo, true);
  await settle();
});

test('the C compiler is read by go (the woven runtime reaches net, which uses cgo): a new one runs it', async () => {
  const cc = join(dir, 'cc-wrapper');
  writeFileSync(cc, '#!/bin/sh\nexec gcc "$@"\n');
  chmodSync(cc, 0o755);
  age(cc);
  const withCC = { CC: cc, CGO_ENABLED: '1' };
  const first = await build([], withCC);
  assert.equal(first.code, 0, first.stderr);
  for (let i = 0; i < 4 && (await build([], withCC)).ranGo; i++);
  assert.equal((await build([], withCC)).ranGo, false);
  // Another compiler at the same path (an upgrade): go asks it for its version again.
  writeFileSync(cc, '#!/bin/sh\n# upgraded\nexec gcc "$@"\n');
  age(cc);
  assert.equal((await build([], withCC)).ranGo, true);
});

test('the runtime module go-weave brings in is read by go: an edit to it runs go', async () => {
  await settle();
  const file = join(dir, '.assets', 'runtime', 'trace', 'span.go');
  appendFileSync(file, '\nfunc init() { println("edited runtime") }\n');
  age(file);
  assert.equal((await build()).ranGo, true);
  const r = await run(bin, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } });
  assert.match(r.stderr, /edited runtime/);
  await settle();
});

test('a save the weave server plans from its last plan vouches for nothing else: a runtime edited since is in the build', async () => {
  const mainGo = join(dir, 'main.go');
  const original = readFileSync(mainGo, 'utf8');
  const serverEnv = { GOWEAVE_SERVER: '', GOWEAVE_SERVER_IDLE: '2', GOWEAVE_BUILD_AHEAD: '0' };
  const launcherRoot = join(dir, '.weave', 'v1', 'launcher');
  try {
    // Node starts the weave server (once the launcher is built, on a build it sends to Node),
    // which plans this command line and watches the module.
    const listening = () => existsSync(launcherRoot) && readdirSync(launcherRoot).some((id) => existsSync(join(launcherRoot, id, 'weaver.sock')));
    for (let i = 0; i < 3 && !listening(); i++) {
      writeFileSync(mainGo, main(`served1${i}`));
      assert.equal((await build([], serverEnv)).code, 0);
    }
    await until('the weave server to listen', listening);
    writeFileSync(mainGo, main('served2'));
    assert.match((await build([], serverEnv)).stderr, /woven by the weave server/);
    // The runtime, which the server does not watch, changes; then a save of a function body,
    // which the server plans from its last plan (the runtime's version as that plan served it).
    const file = join(dir, '.assets', 'runtime', 'trace', 'span.go');
    appendFileSync(file, '\nfunc init() { println("runtime edited while served") }\n');
    age(file);
    writeFileSync(mainGo, main('served3'));
    const r = await build([], serverEnv);
    assert.equal(r.code, 0, r.stderr);
    const out = await run(bin, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' } });
    assert.match(out.stderr, /runtime edited while served/, r.stderr);
    assert.match(out.stderr, /"name":"served3"/);
  } finally {
    writeFileSync(mainGo, original);
    age(mainGo);
    await until('the idle weave server to quit', async () => (await processesWith(launcherRoot)) === 0);
  }
  await settle();
});

test('go install: a command installed and unchanged since is not built again; a removed one is', async () => {
  const gobin = join(dir, 'out', 'gobin');
  const install = async () => {
    const r = await goWeave(['install', '.'], { extra: { GOBIN: gobin } });
    assert.equal(r.code, 0, r.stderr);
    return r;
  };
  await settle(install);
  assert.match((await install()).stderr, SKIPPED);
  const installed = join(gobin, 'uptodate');
  const ran = await run(installed, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' } });
  assert.equal(ran.stdout, '42\n');
  assert.match(ran.stderr, /"name":"second"/);
  rmSync(installed);
  assert.equal((await install()).ranGo, true);
  assert.ok(existsSync(installed));
});

test('a go run that fails or prints is never left out', async () => {
  writeFileSync(join(dir, 'bad_amd64.s'), 'this is not assembly\n');
  age(join(dir, 'bad_amd64.s'));
  for (let i = 0; i < 4; i++) {
    const r = await build();
    assert.notEqual(r.code, 0);
    assert.equal(r.ranGo, true);
    assert.match(r.stderr, /bad_amd64\.s/);
  }
  rmSync(join(dir, 'bad_amd64.s'));
  await settle();
  // go warns on every run when GOPATH is GOROOT: a run that printed is not vouched for.
  const goroot = (await run('go', ['env', 'GOROOT'])).stdout.trim();
  for (let i = 0; i < 4; i++) {
    const r = await build([], { GOPATH: goroot });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.ranGo, true);
    assert.match(r.stderr, /GOPATH and GOROOT are the same|GOPATH set to GOROOT/);
  }
});

test('flags that print (-x, -work) always run go', async () => {
  for (const flag of ['-x', '-work']) {
    for (let i = 0; i < 3; i++) assert.equal((await build([flag])).ranGo, true, `${flag} build ${i}`);
  }
});

test('embedded files: an edit, a new file in an embedded tree, a new //go:embed line and its file each run go', async () => {
  const emb = join(dir, 'emb');
  const out = join(dir, 'out', 'emb');
  const files: Record<string, string> = {
    'go.mod': 'module example.com/emb\n\ngo 1.22\n',
    'main.go': `package main

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed static
var static embed.FS

//weave:span list
func list() (out []string) {
	fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := static.ReadFile(p)
			out = append(out, p+"="+string(b))
		}
		return nil
	})
	return out
}

func main() {
	for _, l := range list() {
		fmt.Println(l)
	}
}
`,
    'static/a.txt': 'one',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(emb, name, '..'), { recursive: true });
    writeFileSync(join(emb, name), text);
  }
  const ageAll = (...names: string[]) => names.forEach((n) => age(join(emb, n)));
  ageAll('go.mod', 'main.go', 'static/a.txt', 'static', '.');
  const buildEmb = async () => {
    const r = await goWeave(['build', '-o', out, '.'], { cwd: emb });
    assert.equal(r.code, 0, r.stderr);
    return r;
  };
  const settleEmb = () => settle(buildEmb);
  const printed = async () => (await run(out, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' } })).stdout;
  await settleEmb();
  assert.equal(await printed(), 'static/a.txt=one\n');
  writeFileSync(join(emb, 'static', 'a.txt'), 'uno');
  ageAll('static/a.txt');
  assert.equal((await buildEmb()).ranGo, true);
  assert.equal(await printed(), 'static/a.txt=uno\n');
  await settleEmb();
  // A new directory with a file, deep in the embedded tree.
  mkdirSync(join(emb, 'static', 'sub'));
  writeFileSync(join(emb, 'static', 'sub', 'b.txt'), 'two');
  ageAll('static/sub/b.txt', 'static/sub', 'static');
  assert.equal((await buildEmb()).ranGo, true);
  assert.equal(await printed(), 'static/a.txt=uno\nstatic/sub/b.txt=two\n');
  await settleEmb();
  // A second //go:embed below the imports, which stay as they were: go list must be asked again.
  writeFileSync(join(emb, 'extra.txt'), 'three');
  writeFileSync(join(emb, 'main.go'), files['main.go'].replace('var static embed.FS', 'var static embed.FS\n\n//go:embed extra.txt\nvar extra string').replace('func main() {', 'func main() {\n\tfmt.Println(extra)'));
  ageAll('extra.txt', 'main.go', '.');
  await settleEmb();
  assert.equal(await printed(), 'three\nstatic/a.txt=uno\nstatic/sub/b.txt=two\n');
  writeFileSync(join(emb, 'extra.txt'), 'tres');
  ageAll('extra.txt');
  assert.equal((await buildEmb()).ranGo, true);
  assert.equal(await printed(), 'tres\nstatic/a.txt=uno\nstatic/sub/b.txt=two\n');
});

test('a signal to go-weave while it runs go to vouch for it reaches go, and go-weave ends as go does', async () => {
  await settle();
  // Without its output the build needs go, which the launcher runs as a child to vouch for it.
  rmSync(bin);
  writeFileSync(join(dir, 'slow'), '');
  const child = spawn(ENTRY, ['build', '-o', bin, '.'], { cwd: dir, env: { ...process.env, ...env }, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  for (let i = 0; i < 200 && !existsSync(join(dir, 'slow-started')); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(existsSync(join(dir, 'slow-started')), 'go started');
  child.kill('SIGTERM');
  assert.equal(await exited, 'SIGTERM');
  // The go command (here a sleep standing in for it) got the signal too.
  await new Promise((r) => setTimeout(r, 100));
  assert.equal((await run('pgrep', ['-f', 'sleep 31'])).stdout.trim(), '');
  rmSync(join(dir, 'slow'));
  rmSync(join(dir, 'slow-started'));
  assert.equal((await build()).ranGo, true);
  assert.deepEqual(await spans(), ['second']);
});

test('Git: a commit or an uncommitted change runs go, which stamps the new state', async (t) => {
  const git = (...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
  if ((await git('--version')).code !== 0) return t.skip('git is not installed');
  writeFileSync(join(dir, '.gitignore'), 'out/\n.weave/\n.assets/\nemb/\ngo.log\ngo-logged\ncc-wrapper\n*.test\n');
  assert.equal((await git('init', '-q')).code, 0);
  await git('add', '-A');
  assert.equal((await git('commit', '-qm', 'one')).code, 0);
  // A repository appeared: go stamps it.
  assert.equal((await build()).ranGo, true);
  const head = async () => (await git('rev-parse', 'HEAD')).stdout.trim();
  assert.deepEqual({ rev: (await vcs())['vcs.revision'], modified: (await vcs())['vcs.modified'] }, { rev: await head(), modified: 'false' });
  await settle();
  // A change to a file no package reads still changes what go stamps.
  writeFileSync(join(dir, 'README'), 'notes\n');
  assert.equal((await build()).ranGo, true);
  assert.equal((await vcs())['vcs.modified'], 'true');
  await settle();
  await git('add', '-A');
  assert.equal((await git('commit', '-qm', 'two')).code, 0);
  assert.equal((await build()).ranGo, true);
  assert.deepEqual({ rev: (await vcs())['vcs.revision'], modified: (await vcs())['vcs.modified'] }, { rev: await head(), modified: 'false' });
  await settle();
  assert.deepEqual(await spans(), ['second']);
  appendFileSync(join(dir, 'README'), 'more\n');
  assert.equal((await build()).ranGo, true);
  assert.equal((await vcs())['vcs.modified'], 'true');
});
