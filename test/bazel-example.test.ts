// End-to-end tests of the Bazel rules on examples/bazel with Debian's bazel-bootstrap 4.2.3,
// offline: build, run the service on loopback, read its console spans, rebuild behaviour.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  type BazelRun,
  copyExample,
  exampleDir,
  hashTree,
  mustSucceed,
  readExecLog,
  requireBazel,
  startBazelRun,
} from './support/bazel-harness.ts';

interface ServerRun { status: number; body: string; stdout: string; stderr: string; exitCode: number | null }

/** Starts the service on a free loopback port, fetches `path`, then stops it with SIGTERM. */
async function runServer(binary: string, path: string): Promise<ServerRun> {
  const child = spawn(binary, ['-addr', '127.0.0.1:0'], {
    env: { ...process.env, OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'bazel-example' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const addr = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${stderr}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on (\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
    child.on('exit', () => fail(new Error(`server exited early:\n${stderr}`)));
  });
  let status = 0;
  let body = '';
  try {
    const res = await fetch(`http://${addr}${path}`);
    status = res.status;
    body = await res.text();
  } catch {
    // A dropped connection (the /boom panic) leaves status 0.
  }
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [exitCode] = (await exited) as [number | null];
  return { status, body, stdout, stderr, exitCode };
}

interface SpanLine { name: string; kind: string; traceId: string; spanId: string; parentSpanId?: string }

function spansOf(stderr: string): SpanLine[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"spanId"'))
    .map((l) => JSON.parse(l) as SpanLine);
}

function lineOf(file: string, needle: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${file} has no line containing ${needle}`);
  return i + 1;
}

describe('bazel example (WORKSPACE mode, offline)', () => {
  let run: BazelRun;
  let bin: string;

  before(async () => {
    requireBazel();
    run = startBazelRun();
    mustSucceed('bazel build //... in examples/bazel', await run.bazel(exampleDir, 'build', ['//...']));
    bin = mustSucceed('bazel info', await run.bazel(exampleDir, 'info', ['bazel-bin'])).stdout.trim();
  });
  after(async () => {
    await run?.dispose();
  });

  test('a package\'s assembly sources are assembled into its archive, for the platforms they are for', () => {
    // greet's nameLen is len_amd64.s on amd64 (len_other.go elsewhere): its object is a member
    // of the package's archive, which greet_test (TestWidth, below) links.
    const archive = readFileSync(join(bin, 'internal/greet/greet.a'));
    assert.equal(archive.includes('asm0.o'), process.arch === 'x64');
  });

  test('the built service answers and exports the woven spans', async () => {
    const r = await runServer(join(bin, 'cmd/server/server'), '/hello?lang=fr&name=Ann');
    assert.equal(r.status, 200, r.stderr);
    assert.deepEqual(JSON.parse(r.body), { message: 'Bonjour, Ann!' });
    assert.equal(r.exitCode, 0, r.stderr);
    const spans = spansOf(r.stderr);
    const names = spans.map((s) => s.name);
    // //weave:span functions in two user packages, and the woven net/http server.
    const hello = spans.find((s) => s.name === 'handlers.hello');
    const greeting = spans.find((s) => s.name === 'store.Greeting');
    assert.ok(hello, `no span for handlers.hello in ${JSON.stringify(names)}`);
    assert.ok(greeting, `no span for store.Greeting in ${JSON.stringify(names)}`);
    assert.equal(greeting.traceId, hello.traceId, 'Greeting runs inside hello: one trace');
    assert.equal(greeting.parentSpanId, hello.spanId, 'Greeting is a child of hello');
    const server = spans.find((s) => s.kind === 'SERVER' && s.name === 'GET /hello');
    assert.ok(server, `no SERVER span from the woven net/http in ${JSON.stringify(names)}`);
    assert.equal(hello.parentSpanId, server.spanId, 'hello is a child of the server span');
  });

  test('a panic names the original file and line', async () => {
    const r = await runServer(join(bin, 'cmd/server/server'), '/boom?why=test');
    // net/http recovers the panic, logs its stack and drops the connection.
    assert.equal(r.status, 0);
    const line = lineOf(join(exampleDir, 'internal/handlers/handlers.go'), 'panic("boom: "');
    assert.match(r.stderr, new RegExp(`\\binternal/handlers/handlers\\.go:${line}\\b`), r.stderr);
    assert.doesNotMatch(r.stderr, /\.woven\//, 'positions must not name the woven copies');
  });

  test('bazel test runs the woven tests: internal, external, examples, testdata, spans', async () => {
    const r = mustSucceed(
      'bazel test //...',
      await run.bazel(exampleDir, 'test', [
        '--test_arg=-test.v',
        '--test_arg=-test.bench=.',
        '--test_arg=-test.benchtime=1x',
        '--test_env=OTEL_TRACES_EXPORTER=console',
        '--test_output=all',
        '//...',
      ]),
    );
    const out = r.stdout + r.stderr;
    // greet_test: a test, a fuzz target's seed, an example with output and a benchmark;
    // store_test: the package's own test (package store), external ones (store_test), one
    // reading testdata/ from the package's directory, one using export_test.go's helper beside
    // storetest (which imports store: compiled again against that variant, or the link fails).
    for (const name of ['TestFormat', 'TestLine', 'TestWidth', 'FuzzFormat', 'ExampleFormat', 'TestSeedIsEmbedded', 'TestGreeting', 'TestLanguages', 'TestUnknownLanguage']) {
      assert.match(out, new RegExp(`--- PASS: ${name} `), out);
    }
    assert.match(out, /BenchmarkFormat-\d+\s+1\s+[\d.]+ ns\/op/, out);
    assert.match(out, /Executed 2 out of 2 tests: 2 tests pass/);
    // The test binary starts the runtime and flushes it (runtime.testmain joins go-weave's
    // stand-in TestMain): the //weave:span of store.Greeting reaches the log.
    const spans = spansOf(out.split('\n').map((l) => l.trim()).join('\n'));
    assert.ok(spans.some((s) => s.name === 'store.Greeting'), out);
  });

  test('a second build without clean runs no action', async () => {
    const log = join(run.root, 'noop.exec.json');
    mustSucceed('no-op build', await run.bazel(exampleDir, 'build', [`--execution_log_json_file=${log}`, '//...']));
    assert.deepEqual(readExecLog(log), []);
  });

  test('a build after bazel clean is byte-identical', async () => {
    const first = hashTree(bin);
    assert.ok(first.has('cmd/server/server'));
    assert.ok([...first.keys()].some((k) => k.endsWith('stdlib_pkgs/net/http.a')), 'std archives are outputs');
    mustSucceed('bazel clean', await run.bazel(exampleDir, 'clean', []));
    // No disk cache: every action, the standard library included, really runs again.
    mustSucceed('rebuild', await run.bazel(exampleDir, 'build', ['//...'], { diskCache: false }));
    const second = hashTree(bin);
    assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
    const differing = [...first].filter(([k, v]) => second.get(k) !== v).map(([k]) => k);
    assert.deepEqual(differing, []);
    await run.shutdown(exampleDir);
  });

  describe('in an editable copy of the example', () => {
    let ws: string;
    let copyBin: string;
    const storeBuild = (): string => join(ws, 'internal/store/BUILD.bazel');
    const greetBuild = (): string => join(ws, 'internal/greet/BUILD.bazel');

    before(() => {
      ws = copyExample(run.root);
      // A project aspect file used by two packages; its join point only matches store.
      // A fresh clone has no aspects/ directory (git keeps no empty folders).
      mkdirSync(join(ws, 'aspects'), { recursive: true });
      writeFileSync(join(ws, 'aspects/BUILD.bazel'), 'exports_files(["project.yml"])\n');
      writeFileSync(join(ws, 'aspects/project.yml'), projectAspects('v1'));
      for (const file of [storeBuild(), greetBuild()]) {
        const text = readFileSync(file, 'utf8');
        writeFileSync(file, text.replace('    srcs = [', '    aspects = ["//aspects:project.yml"],\n    srcs = ['));
      }
    });

    test('an aspect file change rebuilds only the packages it touches', async () => {
      mustSucceed('first build of the copy', await run.bazel(ws, 'build', ['//...']));
      copyBin = mustSucceed('bazel info', await run.bazel(ws, 'info', ['bazel-bin'])).stdout.trim();
      const before = hashTree(copyBin);
      writeFileSync(join(ws, 'aspects/project.yml'), projectAspects('v2'));
      const log = join(run.root, 'aspect.exec.json');
      mustSucceed('rebuild', await run.bazel(ws, 'build', [`--execution_log_json_file=${log}`, '//...']));
      const ran = readExecLog(log);
      const ranFor = (mnemonic: string): string[] =>
        ran.filter((s) => s.mnemonic === mnemonic).flatMap((s) => s.outputs).filter((o) => !o.endsWith('.weave.json'));
      // Only the two packages that name the aspect file are woven again ...
      assert.deepEqual(ranFor('GoWeave').map((o) => o.replace(/^.*\/bin\//, '')).sort(), [
        'internal/greet/greet.woven',
        'internal/store/store.woven',
      ]);
      // ... and only the one whose woven code changed is recompiled, then the binary relinked.
      const compiled = ranFor('GoWeaveCompile').map((o) => o.replace(/^.*\/bin\//, ''));
      assert.ok(compiled.includes('internal/store/store.a'), `store recompiled: ${compiled.join(', ')}`);
      assert.ok(!compiled.some((o) => o.startsWith('internal/greet/')), `greet is untouched: ${compiled.join(', ')}`);
      assert.ok(!ran.some((s) => s.mnemonic === 'GoWeaveStdlib'), 'the standard library is not rebuilt');
      assert.equal(ran.filter((s) => s.mnemonic === 'GoWeaveLink').length, 1);
      const afterHashes = hashTree(copyBin);
      assert.notEqual(afterHashes.get('internal/store/store.a'), before.get('internal/store/store.a'));
      assert.equal(afterHashes.get('internal/greet/greet.a'), before.get('internal/greet/greet.a'));
      const r = await runServer(join(copyBin, 'cmd/server/server'), '/languages');
      assert.equal(r.status, 200, r.stderr);
      assert.ok(spansOf(r.stderr).some((s) => s.name === 'store.Languages v2'), r.stderr);
    });

    test('a missing aspect file is a clear error', async () => {
      const file = join(ws, 'internal/handlers/BUILD.bazel');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace('    srcs = [', '    aspects = ["missing.yml"],\n    srcs = ['));
      try {
        const r = await run.bazel(ws, 'build', ['//...']);
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /internal\/handlers\/BUILD\.bazel:\d+:\d+/);
        assert.match(r.stderr, /missing\.yml/);
      } finally {
        writeFileSync(file, original);
      }
    });

    test('a failing woven test reports the original file and line; a wrong test signature is a clear error', async () => {
      const file = join(ws, 'internal/greet/greet_test.go');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace('"Hello, Ann!"}', '"Hello, Anne!"}').replace('// Output: Hej, Bo!', '// Output: Hej, Bob!'));
      try {
        const r = await run.bazel(ws, 'test', ['--test_output=errors', '//internal/greet:greet_test']);
        const out = r.stdout + r.stderr;
        assert.equal(r.code, 3, out);
        const line = lineOf(file, 't.Errorf(');
        assert.match(out, new RegExp(`greet_test\\.go:${line}: Format\\("Hello", "Ann"\\) = "Hello, Ann!", want "Hello, Anne!"`), out);
        assert.match(out, /--- FAIL: ExampleFormat[^]*got:\nHej, Bo!\nwant:\nHej, Bob!/, out);
        writeFileSync(file, `${original}\nfunc TestBad(n int) {}\n`);
        const bad = await run.bazel(ws, 'build', ['//internal/greet:greet_test']);
        assert.notEqual(bad.code, 0);
        const badLine = lineOf(file, 'func TestBad(');
        assert.match(bad.stderr, new RegExp(`internal/greet/greet_test\\.go:${badLine}:1: wrong signature for TestBad, must be: func TestBad\\(t \\*testing\\.T\\)`), bad.stderr);
      } finally {
        writeFileSync(file, original);
      }
    });

    test('link-package advice links its package into the binary', async () => {
      // A package nothing imports, which an aspect of handlers (go_weave_aspects with it in
      // deps) links in: its init runs in the server, and only there.
      mkdirSync(join(ws, 'internal/banner'), { recursive: true });
      writeFileSync(join(ws, 'internal/banner/banner.go'), 'package banner\n\nimport "os"\n\nfunc init() { os.Stderr.WriteString("banner linked\\n") }\n');
      writeFileSync(
        join(ws, 'internal/banner/BUILD.bazel'),
        'load("@go_weave//bazel:defs.bzl", "go_weaved_library")\n\ngo_weaved_library(name = "banner", srcs = ["banner.go"], importpath = "example.com/service/internal/banner", visibility = ["//visibility:public"])\n',
      );
      const aspectsBuild = join(ws, 'aspects/BUILD.bazel');
      const handlersBuild = join(ws, 'internal/handlers/BUILD.bazel');
      const originals = [aspectsBuild, handlersBuild].map((f) => [f, readFileSync(f, 'utf8')] as const);
      writeFileSync(join(ws, 'aspects/linked.yml'), `aspects:
  - id: link-banner
    join-point:
      all-of:
        - import-path: example.com/service/internal/handlers
        - function-body:
            function:
              name: New
    advice:
      - link-package: example.com/service/internal/banner
`);
      writeFileSync(
        aspectsBuild,
        `load("@go_weave//bazel:defs.bzl", "go_weave_aspects")\n\n${originals[0][1]}\ngo_weave_aspects(name = "linked", srcs = ["linked.yml"], visibility = ["//visibility:public"], deps = ["//internal/banner"])\n`,
      );
      writeFileSync(handlersBuild, originals[1][1].replace('    srcs = [', '    aspects = ["//aspects:linked"],\n    srcs = ['));
      try {
        mustSucceed('build with link-package', await run.bazel(ws, 'build', ['//cmd/server']));
        const r = await runServer(join(copyBin, 'cmd/server/server'), '/languages');
        assert.equal(r.status, 200, r.stderr);
        assert.match(r.stderr, /^banner linked$/m, r.stderr);
      } finally {
        for (const [f, text] of originals) writeFileSync(f, text);
      }
      mustSucceed('build without it', await run.bazel(ws, 'build', ['//cmd/server']));
      const r = await runServer(join(copyBin, 'cmd/server/server'), '/languages');
      assert.doesNotMatch(r.stderr, /banner linked/, r.stderr);
    });

    test('build constraints and --@go_weave//bazel:tags choose the files, as go build -tags does', async () => {
      // A file for one tag: without it the greeting is as written, with it shouted.
      const greetGo = join(ws, 'internal/greet/greet.go');
      const loudGo = join(ws, 'internal/greet/loud.go');
      const originals = [greetGo, greetBuild()].map((f) => [f, readFileSync(f, 'utf8')] as const);
      writeFileSync(greetGo, `${originals[0][1].replace('return word + ", " + name + "!"', 'return shout(word + ", " + name + "!")')}\nvar shout = func(s string) string { return s }\n`);
      writeFileSync(loudGo, '// Shouting is opt-in.\n\n//go:build loud && !quiet\n\npackage greet\n\nimport "strings"\n\nfunc init() { shout = strings.ToUpper }\n');
      writeFileSync(greetBuild(), originals[1][1].replaceAll('        "greet.go",\n', '        "greet.go",\n        "loud.go",\n'));
      const greeting = async (): Promise<unknown> => {
        const r = await runServer(join(copyBin, 'cmd/server/server'), '/hello?lang=fr&name=Ann');
        assert.equal(r.status, 200, r.stderr);
        return JSON.parse(r.body);
      };
      try {
        mustSucceed('build without tags', await run.bazel(ws, 'build', ['//cmd/server', '//internal/greet:all']));
        assert.deepEqual(await greeting(), { message: 'Bonjour, Ann!' });
        const report = JSON.parse(readFileSync(join(copyBin, 'internal/greet/greet.weave.json'), 'utf8')) as { excluded: { path: string; reason: string }[] };
        const host = `linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;
        assert.deepEqual(report.excluded, [
          { path: 'internal/greet/loud.go', reason: '//go:build loud && !quiet' },
          process.arch === 'x64'
            ? { path: 'internal/greet/len_other.go', reason: '//go:build !amd64' }
            : { path: 'internal/greet/len_amd64.go', reason: `its name is for another GOOS/GOARCH than ${host}` },
          { path: 'internal/greet/newline_windows.go', reason: `its name is for another GOOS/GOARCH than ${host}` },
        ]);
        const log = join(run.root, 'tags.exec.json');
        mustSucceed('build with the tag', await run.bazel(ws, 'build', [`--execution_log_json_file=${log}`, '--@go_weave//bazel:tags=loud', '//cmd/server']));
        assert.deepEqual(await greeting(), { message: 'BONJOUR, ANN!' });
        // No file of std names the tag: the standard library is the one built without it.
        assert.ok(!readExecLog(log).some((s) => s.mnemonic === 'GoWeaveStdlib'), 'the standard library is not rebuilt for a tag it never names');
        // A tag std's files name (netgo) reaches the standard library's action; loud does not.
        const planned = mustSucceed('aquery', await run.bazel(ws, 'aquery', ['--@go_weave//bazel:tags=loud,netgo', 'mnemonic("GoWeaveStdlib", deps(//cmd/server))'])).stdout;
        const commandLine = /Command Line: \(([^)]*)\)/.exec(planned)?.[1] ?? '';
        const stdArgs = commandLine.split('\n').map((l) => l.replace(/\\$/, '').trim());
        assert.ok(stdArgs.includes('netgo'), planned);
        assert.ok(!stdArgs.some((a) => a.includes('loud')), planned);
        writeFileSync(loudGo, readFileSync(loudGo, 'utf8').replace('//go:build loud && !quiet', '//go:build loud &&'));
        const bad = await run.bazel(ws, 'build', ['//cmd/server']);
        assert.notEqual(bad.code, 0);
        assert.match(bad.stderr, /internal\/greet\/loud\.go:3:19: parsing \/\/go:build line: unexpected end of expression/, bad.stderr);
      } finally {
        for (const [f, text] of originals) writeFileSync(f, text);
        rmSync(loudGo, { force: true });
      }
    });

    test('goos and goarch cross-compile a binary and all it links, choosing that platform\'s files', async () => {
      const serverBuild = join(ws, 'cmd/server/BUILD.bazel');
      const original = readFileSync(serverBuild, 'utf8');
      // The same main package twice: for the host, and (a transition) for Windows on arm64.
      writeFileSync(serverBuild, `${original}\ngo_weaved_binary(\n    name = "server_arm64",\n    srcs = ["main.go"],\n    goarch = "arm64",\n    goos = "windows",\n    deps = [\n        "//internal/handlers",\n        "//internal/store",\n    ],\n)\n`);
      try {
        mustSucceed('cross build', await run.bazel(ws, 'build', ['//cmd/server:all']));
        const outputPath = mustSucceed('bazel info', await run.bazel(ws, 'info', ['output_path'])).stdout.trim();
        const config = readdirSync(outputPath).find((d) => existsSync(join(outputPath, d, 'bin/cmd/server/server_arm64.exe')));
        assert.ok(config, `no server_arm64.exe under ${outputPath}`);
        // A PE executable for arm64: "MZ", then at the offset in 0x3c "PE\0\0" and machine 0xaa64.
        const exe = readFileSync(join(outputPath, config, 'bin/cmd/server/server_arm64.exe'));
        assert.equal(exe.subarray(0, 2).toString('latin1'), 'MZ');
        const pe = exe.readUInt32LE(0x3c);
        assert.equal(exe.subarray(pe, pe + 4).toString('latin1'), 'PE\0\0');
        assert.equal(exe.readUInt16LE(pe + 4), 0xaa64);
        const report = JSON.parse(readFileSync(join(outputPath, config, 'bin/internal/greet/greet.weave.json'), 'utf8')) as { excluded: { path: string; reason: string }[] };
        assert.deepEqual(report.excluded, [
          { path: 'internal/greet/len_amd64.go', reason: 'its name is for another GOOS/GOARCH than windows/arm64' },
          { path: 'internal/greet/newline_other.go', reason: '//go:build !windows' },
        ]);
        // The host's server is untouched beside it.
        assert.equal(readFileSync(join(copyBin, 'cmd/server/server')).subarray(0, 4).toString('latin1'), '\x7fELF');
        // The flags set the same for a whole build; go's own message names a pair it lacks.
        const bad = await run.bazel(ws, 'build', ['--@go_weave//bazel:goos=plan10', '//cmd/server']);
        assert.notEqual(bad.code, 0);
        assert.match(bad.stderr, /unsupported GOOS\/GOARCH pair plan10\//, bad.stderr);
        // So does a target platform (--platforms), by its @platforms constraints: the standard
        // library, every package and the link are planned for linux/arm64 — the same GOOS and
        // GOARCH the transition above built a working binary with. (Planned, not built: a
        // second cross-compiled standard library would add a minute to every run of this file.)
        const planned = mustSucceed('--platforms aquery', await run.bazel(ws, 'aquery', ['--platforms=//platforms:linux_arm64', 'mnemonic("GoWeave(Stdlib|Compile|Link)", deps(//cmd/server:server))'])).stdout;
        const actions = planned.split(/^action /m).slice(1).map((a) => ({
          mnemonic: /Mnemonic: (\w+)/.exec(a)?.[1] ?? '',
          env: /Environment: \[([^\]]*)\]/.exec(a)?.[1].split(', ') ?? [],
          args: (/Command Line: \(([^)]*)\)/.exec(a)?.[1] ?? '').split('\n').map((l) => l.replace(/\\$/, '').trim()),
        }));
        assert.deepEqual([...new Set(actions.map((a) => a.mnemonic))].sort(), ['GoWeaveCompile', 'GoWeaveLink', 'GoWeaveStdlib']);
        for (const a of actions) {
          // The standard library's script takes GOOS and GOARCH as its 7th and 8th arguments.
          const target = a.mnemonic === 'GoWeaveStdlib' ? a.args.slice(7, 9) : ['GOOS', 'GOARCH'].map((k) => a.env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1));
          assert.deepEqual(target, ['linux', 'arm64'], `${a.mnemonic}: ${a.args.slice(0, 9).join(' ')} env ${a.env.join(' ')}`);
        }
      } finally {
        writeFileSync(serverBuild, original);
      }
    });

    test('data of a library and of a binary are in the binary\'s runfiles', async () => {
      const handlersBuild = join(ws, 'internal/handlers/BUILD.bazel');
      const serverBuild = join(ws, 'cmd/server/BUILD.bazel');
      const originals = [handlersBuild, serverBuild].map((f) => [f, readFileSync(f, 'utf8')] as const);
      writeFileSync(join(ws, 'internal/handlers/banner.txt'), 'hello from handlers\n');
      writeFileSync(join(ws, 'cmd/server/motd.txt'), 'hello from the server\n');
      writeFileSync(handlersBuild, originals[0][1].replace('    srcs = [', '    data = ["banner.txt"],\n    srcs = ['));
      writeFileSync(serverBuild, originals[1][1].replace('    srcs = [', '    data = ["motd.txt"],\n    srcs = ['));
      try {
        mustSucceed('build with data', await run.bazel(ws, 'build', ['//cmd/server']));
        const runfiles = join(copyBin, 'cmd/server/server.runfiles/go_weave_example');
        assert.equal(readFileSync(join(runfiles, 'internal/handlers/banner.txt'), 'utf8'), 'hello from handlers\n');
        assert.equal(readFileSync(join(runfiles, 'cmd/server/motd.txt'), 'utf8'), 'hello from the server\n');
      } finally {
        for (const [f, text] of originals) writeFileSync(f, text);
      }
    });

    test('--test_filter picks tests by name and shard_count splits them', async () => {
      const filtered = mustSucceed('filtered', await run.bazel(ws, 'test', ['--test_output=all', '--test_arg=-test.v', '--test_filter=TestLanguages|TestUnknown', '//internal/store:store_test']));
      const passed = (out: string): string[] => [...out.matchAll(/--- PASS: (\w+) /g)].map((m) => m[1]).sort();
      assert.deepEqual(passed(filtered.stdout + filtered.stderr), ['TestLanguages', 'TestUnknownLanguage']);
      const original = readFileSync(storeBuild(), 'utf8');
      writeFileSync(storeBuild(), original.replace('    embed = [":store"],', '    embed = [":store"],\n    shard_count = 2,'));
      try {
        const sharded = mustSucceed('sharded', await run.bazel(ws, 'test', ['--test_output=all', '--test_arg=-test.v', '//internal/store:store_test']));
        const out = sharded.stdout + sharded.stderr;
        // Every test once, over two shards that each ran some.
        assert.deepEqual(passed(out), ['TestGreeting', 'TestLanguages', 'TestSeedIsEmbedded', 'TestUnknownLanguage']);
        const logs = mustSucceed('bazel info', await run.bazel(ws, 'info', ['bazel-testlogs'])).stdout.trim();
        for (const shard of ['shard_1_of_2', 'shard_2_of_2']) {
          assert.match(readFileSync(join(logs, 'internal/store/store_test', shard, 'test.log'), 'utf8'), /--- PASS: /, shard);
        }
      } finally {
        writeFileSync(storeBuild(), original);
      }
    });

    test('x_defs: a library\'s reach the binary, the binary\'s win, --stamp expands the workspace status', async () => {
      const serverBuild = join(ws, 'cmd/server/BUILD.bazel');
      const originals = [serverBuild, storeBuild()].map((f) => [f, readFileSync(f, 'utf8')] as const);
      const statusScript = join(ws, 'status.sh');
      writeFileSync(statusScript, '#!/bin/sh\necho STABLE_RELEASE 2.5.0\necho BUILD_NUMBER 42\n', { mode: 0o755 });
      const version = async (): Promise<unknown> => {
        const r = await runServer(join(copyBin, 'cmd/server/server'), '/languages');
        assert.equal(r.status, 200, r.stderr);
        return (JSON.parse(r.body) as { version: unknown }).version;
      };
      const setServerXDefs = (value: string) => writeFileSync(serverBuild, originals[0][1].replace('x_defs = {"main.version": "1.0.0"}', value));
      const stamped = ['--stamp', `--workspace_status_command=${statusScript}`, '//cmd/server'];
      try {
        setServerXDefs('x_defs = {"version": "{STABLE_RELEASE}.{BUILD_NUMBER}"}');
        mustSucceed('stamped', await run.bazel(ws, 'build', stamped));
        assert.equal(await version(), '2.5.0.42');
        // Unstamped, the -X is left out and the variable keeps its value in the source.
        mustSucceed('unstamped', await run.bazel(ws, 'build', ['//cmd/server']));
        assert.equal(await version(), 'dev');
        setServerXDefs('x_defs = {"version": "{STABLE_NOPE}"}');
        const bad = await run.bazel(ws, 'build', stamped);
        assert.notEqual(bad.code, 0);
        assert.match(bad.stderr, /x_defs main\.version: \{STABLE_NOPE\} is not in the workspace status/, bad.stderr);
        // A library sets a variable of another package for every binary that links it.
        setServerXDefs('x_defs = {}');
        writeFileSync(storeBuild(), originals[1][1].replace('    srcs = [', '    x_defs = {"main.version": "from-store"},\n    srcs = ['));
        mustSucceed('library x_defs', await run.bazel(ws, 'build', ['//cmd/server']));
        assert.equal(await version(), 'from-store');
      } finally {
        for (const [f, text] of originals) writeFileSync(f, text);
      }
    });

    test('a binary embeds the library of its main package, x_defs and data included', async () => {
      const serverBuild = join(ws, 'cmd/server/BUILD.bazel');
      const original = readFileSync(serverBuild, 'utf8');
      // The usual layout of generated BUILD files: package main as a library, and a binary of it.
      writeFileSync(serverBuild, `load("@go_weave//bazel:defs.bzl", "go_weaved_binary", "go_weaved_library")

go_weaved_library(
    name = "server_lib",
    srcs = ["main.go"],
    importpath = "example.com/service/cmd/server",
    data = ["embedded.txt"],
    x_defs = {"version": "embedded"},
    deps = [
        "//internal/handlers",
        "//internal/store",
    ],
)

go_weaved_binary(
    name = "server",
    embed = [":server_lib"],
)
`);
      try {
        writeFileSync(join(ws, 'cmd/server/embedded.txt'), 'embedded data\n');
        mustSucceed('build the embedding binary', await run.bazel(ws, 'build', ['//cmd/server:all']));
        assert.equal(readFileSync(join(copyBin, 'cmd/server/server.runfiles/go_weave_example/cmd/server/embedded.txt'), 'utf8'), 'embedded data\n');
        const r = await runServer(join(copyBin, 'cmd/server/server'), '/languages');
        assert.equal(r.status, 200, r.stderr);
        assert.equal((JSON.parse(r.body) as { version: unknown }).version, 'embedded');
        assert.ok(spansOf(r.stderr).some((s) => s.kind === 'SERVER' && s.name === 'GET /languages'), r.stderr);
      } finally {
        writeFileSync(serverBuild, original);
      }
    });

    test('bazel coverage: the woven tests report LCOV of the user\'s own lines, as go test counts them', async () => {
      const r = mustSucceed('bazel coverage', await run.bazel(ws, 'coverage', ['--test_env=OTEL_TRACES_EXPORTER=console', '//internal/store:store_test']));
      const logs = mustSucceed('bazel info', await run.bazel(ws, 'info', ['bazel-testlogs'])).stdout.trim();
      const dir = join(logs, 'internal/store/store_test');
      // The woven code ran: the //weave:span of store.Greeting.
      assert.ok(spansOf(readFileSync(join(dir, 'test.log'), 'utf8')).some((s) => s.name === 'store.Greeting'), r.stdout + r.stderr);
      // The same package under plain go test -coverprofile, in a module of the example's sources.
      const mod = join(run.root, 'coverage-module');
      cpSync(join(ws, 'internal'), join(mod, 'internal'), { recursive: true });
      writeFileSync(join(mod, 'go.mod'), 'module example.com/service\n\ngo 1.22\n');
      const profile = join(mod, 'c.out');
      const plain = spawnSync('go', ['test', '-count=1', `-coverprofile=${profile}`, './internal/store'], { cwd: mod, encoding: 'utf8' });
      assert.equal(plain.status, 0, plain.stdout + plain.stderr);
      // A line counts as run when a block spanning it ran (what the test binary's LCOV says).
      const lines = new Map<number, number>();
      for (const m of readFileSync(profile, 'utf8').matchAll(/^example\.com\/service\/internal\/store\/store\.go:(\d+)\.\d+,(\d+)\.\d+ \d+ (\d+)$/gm)) {
        for (let l = Number(m[1]); l <= Number(m[2]); l++) lines.set(l, Math.max(lines.get(l) ?? 0, Number(m[3]) > 0 ? 1 : 0));
      }
      const expected = [...lines].sort(([a], [b]) => a - b).map(([l, c]) => `DA:${l},${c}`);
      const lcov = readFileSync(join(dir, 'coverage.dat'), 'utf8');
      const record = /^SF:internal\/store\/store\.go\n([\s\S]*?)^end_of_record$/m.exec(lcov);
      assert.ok(record, lcov);
      const reported = record[1].split('\n').filter((l) => l.startsWith('DA:')).map((l) => l.replace(/,(\d+)$/, (_, c: string) => `,${Number(c) > 0 ? 1 : 0}`));
      assert.ok(expected.some((d) => d.endsWith(',0')), 'plain go leaves a line of store.go unrun: the comparison tells runs apart');
      assert.deepEqual(reported, expected);
      // storetest is in the instrumentation filter's package too, and is reported beside it.
      assert.match(lcov, /^SF:internal\/store\/storetest\/storetest\.go$/m);
    });

    test('a Go syntax error is reported at the original file and line', async () => {
      const file = join(ws, 'internal/greet/greet.go');
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.replace('\tif name == "" {', '\tif name == "" {{ )'));
      const line = lineOf(file, 'if name == "" {{ )');
      try {
        const r = await run.bazel(ws, 'build', ['//...']);
        assert.notEqual(r.code, 0);
        const output = r.stdout + r.stderr;
        assert.match(output, new RegExp(`internal/greet/greet\\.go:${line}:\\d+: syntax error`), output);
      } finally {
        writeFileSync(file, original);
      }
    });
  });
});

/** Aspects for the editable copy: a span around store.Languages, named by `version`. */
function projectAspects(version: string): string {
  return `aspects:
  - id: store-languages-span
    join-point:
      all-of:
        - import-path: example.com/service/internal/store
        - function-body:
            function:
              name: Languages
    advice:
      - prepend-statements:
          imports:
            trace: go-weave.dev/runtime/trace
            context: context
          template: |-
            _, span := trace.Start(context.Background(), "store.Languages ${version}", trace.KindInternal)
            defer span.End()
`;
}
