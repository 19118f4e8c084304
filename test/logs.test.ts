// Log correlation (weaver/aspects/logs.yml, `extends: [go-weave:logs]`): a log/slog record written
// while a span is active carries that span's trace_id, span_id and trace_flags. The fixture
// (test/fixtures/logs) logs from a //weave:span function and an HTTP handler; it is woven, run
// with its spans exported to an OTLP receiver on loopback, and each log line is matched with the
// span it was written under. The plain build prints the same records without the ids, with the
// same source lines, and the default configuration leaves logs alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, REPO, run, tempDir } from './support/go-tool.ts';
import { ids, records, under, withoutIds, type LogLine } from './support/log-records.ts';
import { runTraced } from './support/traced-run.ts';

const INTERNAL = 1;
const SERVER = 2;
const CLIENT = 3;

test('go-weave:logs: slog records carry the trace context of the span they are written under', { timeout: 600_000 }, async () => {
  const dir = tempDir('logs');
  cpSync(join(REPO, 'test', 'fixtures', 'logs'), dir, { recursive: true });
  const plain = run('go', ['build', '-o', join(dir, 'plain'), '.'], { cwd: dir });
  assert.equal(plain.code, 0, plain.stderr);
  const plainRun = run(join(dir, 'plain'), []);
  assert.equal(plainRun.code, 0, plainRun.stderr);
  const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir });
  assert.equal(b.code, 0, b.stderr);
  const { stdout, stderr, spans } = await runTraced(join(dir, 'woven'), { env: { OTEL_SERVICE_NAME: 'logs' }, until: (s) => s.length >= 3 });

  const woven = records(stdout);
  const byMsg = (msg: string) => woven.find((r) => r.msg === msg);
  // The same records, attributes and source lines (the caller's pc is taken at a fixed depth) as
  // the plain build; a disabled level stays silent.
  assert.deepEqual(woven.map((r) => withoutIds(r)), records(plainRun.stdout).map((r) => withoutIds(r)));
  assert.deepEqual(woven.map((r) => r.msg), ['no span', 'checkout', 'without a context', 'low stock', 'grouped', 'spare capacity', 'handling']);
  assert.ok(!records(plainRun.stdout).some((r) => 'trace_id' in r || 'order' in r && 'trace_id' in (r.order as LogLine)));

  const checkout = spans.find((s) => s.name === 'main.checkout' && s.kind === INTERNAL);
  const server = spans.find((s) => s.kind === SERVER);
  const client = spans.find((s) => s.kind === CLIENT);
  assert.ok(checkout && server && client, `spans: ${spans.map((s) => `${s.name}/${s.kind}`).join(', ')}`);
  assert.deepEqual(ids(byMsg('no span')), [undefined, undefined, undefined]);
  assert.deepEqual(ids(byMsg('checkout')), under(checkout));
  // Without a context, and without go-weave:gls, a record has no span to belong to.
  assert.deepEqual(ids(byMsg('without a context')), [undefined, undefined, undefined]);
  assert.deepEqual(ids(byMsg('low stock')), under(checkout));
  assert.deepEqual(ids(byMsg('spare capacity')), under(checkout));
  // A logger with a group open puts every record attribute in it, the ids too.
  assert.deepEqual(ids(byMsg('grouped')?.order as LogLine), under(checkout));
  // The handler logs under the server span, in the trace the client started.
  assert.deepEqual(ids(byMsg('handling')), under(server));
  assert.equal(server.traceId, client.traceId);
  // The default logger's text output, and the caller's slice left as it was.
  assert.match(stderr, new RegExp(`INFO default logger trace_id=${checkout.traceId} span_id=${checkout.spanId} trace_flags=01\n`));
  assert.match(stderr, /args after the call: 2 true\n/);
  assert.match(plainRun.stderr, /INFO default logger\n/);

  // With go-weave:gls as well, a record logged without a context takes the goroutine's span.
  writeFileSync(join(dir, 'gls.yml'), 'extends: [go-weave:logs, go-weave:gls]\n');
  const g = goWeave(['build', '-o', join(dir, 'gls'), '.'], { cwd: dir, env: { GOWEAVE_CONFIG: join(dir, 'gls.yml') } });
  assert.equal(g.code, 0, g.stderr);
  const glsRun = run(join(dir, 'gls'), [], { env: { OTEL_TRACES_EXPORTER: 'none' } });
  assert.equal(glsRun.code, 0, glsRun.stderr);
  const glsRecords = records(glsRun.stdout);
  const inCheckout = ids(glsRecords.find((r) => r.msg === 'checkout'));
  assert.match(String(inCheckout[1]), /^[0-9a-f]{16}$/);
  assert.deepEqual(ids(glsRecords.find((r) => r.msg === 'without a context')), inCheckout);
  assert.deepEqual(ids(glsRecords.find((r) => r.msg === 'no span')), [undefined, undefined, undefined]);

  // Without the extension, the built-in tracing leaves logs alone.
  rmSync(join(dir, 'go-weave.yml'));
  const d = goWeave(['build', '-o', join(dir, 'default'), '.'], { cwd: dir });
  assert.equal(d.code, 0, d.stderr);
  const def = run(join(dir, 'default'), [], { env: { OTEL_TRACES_EXPORTER: 'none' } });
  assert.equal(def.code, 0, def.stderr);
  assert.deepEqual(records(def.stdout).map((r) => withoutIds(r)), records(plainRun.stdout).map((r) => withoutIds(r)));
  assert.ok(!def.stdout.includes('trace_id') && !def.stderr.includes('trace_id'));
  rmSync(dir, { recursive: true, force: true });
});
