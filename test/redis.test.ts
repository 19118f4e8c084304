// Redis commands traced by the built-in aspects (weaver/aspects/tracing-redis.yml): a program
// using go-redis v9 (test/fixtures/redis, from the Go module proxy) is woven, run against a real
// redis-server on loopback (Debian's redis-server package), and its spans received over OTLP.
// Each command is a client span under the caller's span, with the Redis conventions' attributes
// and no argument values; a missing key is an answer, a refused command an error; a pipeline is
// one batch span; a hook of the program's own runs inside the command's span; and the program
// prints what the plain build prints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, REPO, run, tempDir } from './support/go-tool.ts';
import { freePort, listening } from './support/loopback.ts';
import { runTraced } from './support/traced-run.ts';

const CLIENT = 3;
const STATUS_ERROR = 2;

let redis: ChildProcess | undefined;
let addr = '';

before(async () => {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('redis-server is not installed: run `apt-get update && apt-get install -y redis-server`');
  }
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; !(await listening(port)); i++) {
    if (i > 100) throw new Error(`redis-server did not listen on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  addr = `127.0.0.1:${port}`;
});

after(() => {
  redis?.kill();
});


test('go-redis: a client span per command and per pipeline, with the Redis conventions, inside the caller\'s span', { timeout: 600_000 }, async () => {
  const dir = tempDir('redis');
  cpSync(join(REPO, 'test', 'fixtures', 'redis'), dir, { recursive: true });
  const plain = run('go', ['build', '-o', join(dir, 'plain'), '.'], { cwd: dir });
  assert.equal(plain.code, 0, plain.stderr);
  const plainRun = run(join(dir, 'plain'), [], { env: { REDIS_ADDR: addr } });
  assert.equal(plainRun.code, 0, plainRun.stderr);
  const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir });
  assert.equal(b.code, 0, b.stderr);
  const { stdout, spans } = await runTraced(join(dir, 'woven'), { env: { REDIS_ADDR: addr, OTEL_SERVICE_NAME: 'redisdemo' } });
  // Weaving changes nothing the program does.
  assert.equal(stdout, plainRun.stdout);
  assert.equal(stdout, 'set: <nil>\nget: alice <nil>\nget missing: redis: nil\nlpush on a string: WRONGTYPE Operation against a key holding the wrong kind of value\npipeline: 2 <nil> 2\n');

  const session = spans.find((s) => s.name === 'session');
  assert.ok(session, `spans: ${spans.map((s) => s.name).join(', ')}`);
  const inSession = spans.filter((s) => s.parentSpanId === session.spanId);
  assert.deepEqual(inSession.map((s) => s.name), ['set', 'get', 'get', 'lpush', 'BATCH incr']);
  const [set, get, getMissing, lpush, batch] = inSession;
  for (const s of inSession) {
    assert.equal(s.kind, CLIENT);
    assert.equal(s.traceId, session.traceId);
    assert.equal(s.attributes['db.system.name'], 'redis');
    assert.equal(s.attributes['db.namespace'], '2');
    assert.equal(s.attributes['server.address'], '127.0.0.1');
    assert.equal(s.attributes['server.port'], Number(addr.split(':')[1]));
  }
  // Argument values are never recorded: keys and values can both be personal data.
  assert.equal(set.attributes['db.operation.name'], 'set');
  assert.equal(set.attributes['db.query.text'], 'set ? ?');
  assert.ok(!JSON.stringify(spans).includes('alice'), 'a value was recorded');
  // A missing key is an answer.
  assert.notEqual(getMissing.status.code, STATUS_ERROR);
  assert.equal(getMissing.attributes['error.type'], undefined);
  // A refused command is an error, named by the reply's prefix.
  assert.equal(lpush.status.code, STATUS_ERROR);
  assert.equal(lpush.attributes['db.response.status_code'], 'WRONGTYPE');
  assert.equal(lpush.attributes['error.type'], 'WRONGTYPE');
  assert.equal(batch.attributes['db.operation.batch.size'], 2);
  assert.equal(batch.attributes['db.query.text'], 'incr ?; incr ?');
  // The program's own hook runs inside the command's span.
  for (const g of [get, getMissing]) {
    assert.equal(spans.filter((s) => s.name === 'observed' && s.parentSpanId === g.spanId).length, 1);
  }
  // Setting up the connection (HELLO, SELECT 2) happens inside the first command that needs it.
  const setup = spans.filter((s) => s.kind === CLIENT && !inSession.includes(s) && s.name !== 'flushdb');
  assert.ok(setup.length > 0 && setup.every((s) => s.attributes['db.system.name'] === 'redis'));
  rmSync(dir, { recursive: true, force: true });
});
