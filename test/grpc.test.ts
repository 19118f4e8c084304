// gRPC calls traced by the built-in aspects (weaver/aspects/tracing-grpc.yml): a server and its
// client in one program (test/fixtures/grpc, google.golang.org/grpc from the Go module proxy),
// woven, run, and its spans received over OTLP/HTTP on loopback. The client span is the parent
// of the server span through the traceparent in the call's metadata; an interceptor the program
// installs runs inside the server span; a refused call and an abandoned stream end their spans
// with the status the conventions ask for; metadata goes out exactly as given (an invalid key
// still fails the call); and the program prints what the plain build prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, REPO, run, tempDir } from './support/go-tool.ts';
import type { ReceivedSpan } from './support/otlp-receiver.ts';
import { runTraced } from './support/traced-run.ts';

const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;


function only(spans: ReceivedSpan[], what: string, pred: (s: ReceivedSpan) => boolean): ReceivedSpan {
  const found = spans.filter(pred);
  assert.equal(found.length, 1, `one ${what} expected among ${spans.map((s) => `${s.name}/${s.kind}`).join(', ')}`);
  return found[0];
}

test('gRPC: client and server spans joined through metadata, the program\'s interceptor inside, statuses as the conventions say', { timeout: 600_000 }, async () => {
  const dir = tempDir('grpc');
  cpSync(join(REPO, 'test', 'fixtures', 'grpc'), dir, { recursive: true });
  const plain = run('go', ['run', '.'], { cwd: dir });
  assert.equal(plain.code, 0, plain.stderr);
  const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir });
  assert.equal(b.code, 0, b.stderr);
  const { stdout, spans } = await runTraced(join(dir, 'woven'), { env: { OTEL_SERVICE_NAME: 'grpcdemo' }, until: (s) => s.length >= 12 });
  // Weaving changes nothing the program does: the same calls, statuses and metadata.
  assert.equal(stdout, plain.stdout);
  assert.match(stdout, /^tenant acme\ncheck shop SERVING OK\ntenant acme\ncheck missing NotFound\ntenant none\ntraceparent \[00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\] baggage \[k=v\]\ncheck own trace context OK\ncheck bad metadata Internal\nwatch SERVING OK\nwatch after cancel Canceled\n$/);

  const check = 'grpc.health.v1.Health/Check';
  const watch = 'grpc.health.v1.Health/Watch';
  // The call that sends a trace context of its own is looked at last: its server span is in
  // that trace, and its client span alone in one of its own.
  const OWN_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
  const childless = (s: ReceivedSpan) => !spans.some((o) => o.parentSpanId === s.spanId);
  const isOwnClient = (s: ReceivedSpan) => s.kind === CLIENT && s.attributes['rpc.response.status_code'] === 'OK' && childless(s);
  const byStatus = (name: string, kind: number, code: string) => only(spans, `${name} ${kind} ${code}`, (s) => s.name === name && s.kind === kind && s.attributes['rpc.response.status_code'] === code && s.traceId !== OWN_TRACE && !isOwnClient(s));
  for (const [name, code] of [[check, 'OK'], [check, 'NOT_FOUND'], [watch, 'CANCELLED']]) {
    const client = byStatus(name, CLIENT, code);
    const server = byStatus(name, SERVER, code);
    // One trace per call, the server span a child of the client span across the connection.
    assert.equal(client.parentSpanId, '', `${name} ${code}: the client span is a root`);
    assert.equal(server.traceId, client.traceId);
    assert.equal(server.parentSpanId, client.spanId);
    assert.equal(client.attributes['rpc.system.name'], 'grpc');
    assert.equal(client.attributes['rpc.method'], name);
    assert.equal(client.attributes['server.address'], '127.0.0.1');
    assert.equal(typeof client.attributes['server.port'], 'number');
    assert.equal(server.attributes['network.peer.address'], '127.0.0.1');
    // Any status but OK fails the call for the caller; for the server only codes that mean it
    // failed do (NOT_FOUND and CANCELLED are the caller's business).
    assert.equal(client.status.code === STATUS_ERROR, code !== 'OK', `${name} ${code} client status`);
    assert.equal(client.attributes['error.type'], code === 'OK' ? undefined : code);
    assert.notEqual(server.status.code, STATUS_ERROR, `${name} ${code} server status`);
    assert.equal(server.attributes['error.type'], undefined);
    if (name === check) {
      // The program's own grpc.UnaryInterceptor runs inside the server span.
      const audit = only(spans, `audit span of ${code}`, (s) => s.name === 'audit' && s.traceId === client.traceId);
      assert.equal(audit.parentSpanId, server.spanId);
    }
  }
  // The call with an invalid metadata key fails in the client: one client span, no server span.
  const bad = byStatus(check, CLIENT, 'INTERNAL');
  assert.equal(bad.status.code, STATUS_ERROR);
  assert.equal(spans.filter((s) => s.traceId === bad.traceId).length, 1);
  // A trace context the caller put in the metadata goes out alone: the server span is its child.
  const ownServer = only(spans, 'server span under the caller\'s own trace context', (s) => s.traceId === OWN_TRACE && s.kind === SERVER);
  assert.equal(ownServer.parentSpanId, '00f067aa0ba902b7');
  const ownClient = only(spans, 'client span of the call with its own trace context', (s) => s.name === check && isOwnClient(s));
  assert.equal(spans.filter((s) => s.traceId === ownClient.traceId).length, 1);
  assert.equal(spans.length, 12, spans.map((s) => s.name).join(', '));
});
