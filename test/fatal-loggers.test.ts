// Fatal log calls end the process through os.Exit, which skips deferred calls: without the
// built-in runtime.fatal aspects, the spans of a program that dies that way never leave it, and
// they are the ones that explain the death. The fixture (test/fixtures/fatal-loggers; logrus, zap,
// zerolog, klog and glog from the Go module proxy, and a dependency module of its own that calls
// the standard log package) makes one traced call, then ends through the logger its argument
// names. The woven build, run against an OTLP receiver on loopback, must deliver that span every
// time, and otherwise exit with the code and message of the plain build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, REPO, run, tempDir } from './support/go-tool.ts';
import { runTraced } from './support/traced-run.ts';

/** Each way to end, and the message it leaves (zap's example logger writes to stdout). */
const ENDINGS: [string, RegExp][] = [
  ['legacy', /legacy: check failed/],
  ['legacy-logger', /legacy logger: check failed/],
  ['legacy-exit', /legacy: error: no such thing/],
  ['logrus', /level=fatal msg="logrus: fatal"/],
  ['logrus-entry', /level=fatal msg="logrus entry: 2" k=v/],
  ['zap', /"level":"fatal","msg":"zap: fatal"/],
  ['zap-sugar', /"msg":"zap sugar: 3"/],
  ['zerolog', /"level":"fatal","message":"zerolog: fatal"/],
  ['klog', /main\.go:\d+\] klog: fatal/],
  ['klog-exit', /main\.go:\d+\] klog exit: 4/],
  ['glog', /main\.go:\d+\] glog: exit/],
];

test('a span ended before a Fatal log call reaches the collector, whichever logger and package made the call', { timeout: 600_000 }, async () => {
  const dir = tempDir('fatal');
  try {
    cpSync(join(REPO, 'test', 'fixtures', 'fatal-loggers'), dir, { recursive: true });
    // glog writes its log files to the temporary directory.
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const plain = run('go', ['build', '-o', join(dir, 'plain'), '.'], { cwd: dir });
    assert.equal(plain.code, 0, plain.stderr);
    const report = join(dir, 'report.jsonl');
    const woven = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir, env: { GOWEAVE_REPORT: report } });
    assert.equal(woven.code, 0, woven.stderr);
    const line = JSON.parse(readFileSync(report, 'utf8').trim().split('\n')[0]) as { aspects: string[]; replacedModules: string[] };
    const aspects = line.aspects;
    // The loggers' modules are built from woven copies, which the report names (their build
    // info shows the copy); the local legacy module is the main module's replace already.
    for (const m of ['github.com/sirupsen/logrus@v1.10.2', 'go.uber.org/zap@v1.28.0', 'github.com/rs/zerolog@v1.35.1', 'k8s.io/klog/v2@v2.140.0', 'github.com/golang/glog@v1.2.5']) {
      assert.ok(line.replacedModules.includes(m), `${m} not in ${line.replacedModules.join(', ')}`);
    }
    // zerolog and glog call os.Exit themselves, as the local legacy module does: runtime.exit.
    for (const id of ['runtime.fatal', 'runtime.fatal.logrus', 'runtime.fatal.zap', 'runtime.fatal.klog', 'runtime.exit']) {
      assert.ok(aspects.includes(id), `${id} joined nothing: ${aspects.join(', ')}`);
    }

    for (const [how, said] of ENDINGS) {
      const p = run(join(dir, 'plain'), [how], { env: { TMPDIR: tmp } });
      assert.notEqual(p.code, 0, `${how}: the plain build did not fail`);
      assert.match(p.stdout + p.stderr, said, how);
      const w = await runTraced(join(dir, 'woven'), { args: [how], exitCode: p.code, env: { TMPDIR: tmp, OTEL_SERVICE_NAME: 'fatal' } });
      assert.equal(w.stdout, p.stdout, how);
      assert.match(w.stdout + w.stderr, said, how);
      const work = w.spans.filter((s) => s.name === 'main.work');
      assert.equal(work.length, 1, `${how}: spans ${w.spans.map((s) => s.name).join(', ') || 'none'}\n${w.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
