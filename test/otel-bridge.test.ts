// A program traced with the OpenTelemetry SDK of its own (test/fixtures/otel-bridge: a job span
// around an HTTP call to its own server, whose handler starts a span and one under it), woven: go-weave's client
// and server spans and the program's spans form one trace, each the child of the newest span its
// context carried, whichever tracer started it. Built plain, the program's two spans are two traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, REPO, run, tempDir } from './support/go-tool.ts';

interface Span { tracer: string; kind: string; name: string; traceId: string; spanId: string; parent: string }

/** The program's own spans (its stdout) and go-weave's (the console exporter's lines on stderr). */
function spansOf(r: { stdout: string; stderr: string }): Span[] {
  const own = r.stdout.split('\n').filter((l) => l.startsWith('otel ')).map((l) => {
    const [, name, traceId, spanId, parent = ''] = l.split(' ');
    return { tracer: 'otel', kind: '', name, traceId, spanId, parent };
  });
  const woven = r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => {
    const s = JSON.parse(l) as { kind: string; name: string; traceId: string; spanId: string; parentSpanId?: string };
    return { tracer: 'go-weave', kind: s.kind, name: s.name, traceId: s.traceId, spanId: s.spanId, parent: s.parentSpanId ?? '' };
  });
  return [...own, ...woven];
}

test('go-weave spans and the program\'s own OpenTelemetry SDK spans form one trace, in the order they nest', { timeout: 600_000 }, () => {
  const dir = tempDir('otel-bridge');
  cpSync(join(REPO, 'test', 'fixtures', 'otel-bridge'), dir, { recursive: true });
  const env = { OTEL_TRACES_EXPORTER: 'console' };

  const plainBuild = run('go', ['build', '-o', join(dir, 'plain'), '.'], { cwd: dir });
  assert.equal(plainBuild.code, 0, plainBuild.stderr);
  const plain = run(join(dir, 'plain'), [], { env });
  assert.equal(plain.code, 0, plain.stderr);
  const plainSpans = spansOf(plain);
  assert.deepEqual(plainSpans.map((s) => s.name).sort(), ['handler', 'job', 'lookup']);
  const plainOf = (name: string) => plainSpans.find((s) => s.name === name);
  assert.ok(plainOf('job')?.parent === '' && plainOf('handler')?.parent === '', 'built plain, the handler span is a root of its own');
  assert.equal(plainOf('lookup')?.parent, plainOf('handler')?.spanId);

  const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir });
  assert.equal(b.code, 0, b.stderr);
  const r = run(join(dir, 'woven'), [], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n')[0], 'response: ok');
  const spans = spansOf(r);
  const tree = spans.map((s) => `${s.tracer} ${s.kind} ${s.name} ${s.traceId} ${s.spanId} ← ${s.parent}`).join('\n');
  const find = (tracer: string, kind: string) => {
    const s = spans.find((x) => x.tracer === tracer && x.kind === kind);
    assert.ok(s, `no ${tracer} ${kind} span:\n${tree}`);
    return s;
  };
  const job = spans.find((s) => s.name === 'job');
  const handler = spans.find((s) => s.name === 'handler');
  assert.ok(job && handler, tree);
  const client = find('go-weave', 'CLIENT');
  const server = find('go-weave', 'SERVER');
  assert.equal(new Set(spans.map((s) => s.traceId)).size, 1, `one trace:\n${tree}`);
  assert.equal(job.parent, '', tree);
  // The program's span, then go-weave's client span under it, the server span under that, and the
  // program's handler span under go-weave's server span.
  assert.equal(client.parent, job.spanId, tree);
  assert.equal(server.parent, client.spanId, tree);
  assert.equal(handler.parent, server.spanId, tree);
  // Where the program's span is the newer one, its next span nests under that one.
  assert.equal(spans.find((s) => s.name === 'lookup')?.parent, handler.spanId, tree);

  // go-weave's export off: the program's spans nest as they do without go-weave, never under a
  // span no backend receives.
  const silent = run(join(dir, 'woven'), [], { env: { OTEL_TRACES_EXPORTER: 'none' } });
  assert.equal(silent.code, 0, silent.stderr);
  const silentSpans = spansOf(silent);
  assert.deepEqual(silentSpans.map((s) => `${s.tracer} ${s.name} ${s.parent === '' ? 'root' : 'child'}`).sort(), ['otel handler root', 'otel job root', 'otel lookup child']);
});
