// PostgreSQL through pgx v5 directly, traced by the built-in aspects (weaver/aspects/tracing-pgx.yml):
// test/fixtures/pgx (pgx from the Go module proxy) is woven and run against a throw-away server
// of Debian's postgresql package on loopback, its spans received over OTLP. Each query, batch
// and COPY of the pool is a client span inside the caller's span; a refused statement carries its
// SQLSTATE; a query database/sql makes through pgx's stdlib driver has the database/sql span
// only; and the program prints what the plain build prints. With go-weave:rasp, SQL that request
// input changed is refused before pgx sends it (test/fixtures/pgx-rasp).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, REPO, run, tempDir } from './support/go-tool.ts';
import { startPostgres, type Postgres } from './support/postgres.ts';
import { runTraced } from './support/traced-run.ts';

const CLIENT = 3;
const STATUS_ERROR = 2;

let pg: Postgres | undefined;
before(async () => {
  pg = await startPostgres();
});
after(() => pg?.stop());

/** A new, empty database on the server, by its URL: each run of a fixture creates its own tables. */
function database(name: string): string {
  const r = run('psql', [pg!.url, '-c', `create database ${name}`]);
  assert.equal(r.code, 0, r.stderr);
  return pg!.url.replace('/postgres?', `/${name}?`);
}

test('pgx: a client span per query, batch and COPY, inside the caller\'s span; database/sql through pgx is traced once', { timeout: 600_000 }, async () => {
  const dir = tempDir('pgx');
  cpSync(join(REPO, 'test', 'fixtures', 'pgx'), dir, { recursive: true });
  const plain = run('go', ['build', '-o', join(dir, 'plain'), '.'], { cwd: dir });
  assert.equal(plain.code, 0, plain.stderr);
  const plainRun = run(join(dir, 'plain'), [], { env: { DATABASE_URL: database('plain') } });
  assert.equal(plainRun.code, 0, plainRun.stderr);
  const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir });
  assert.equal(b.code, 0, b.stderr);
  const url = database('woven');
  const { stdout, spans } = await runTraced(join(dir, 'woven'), { env: { DATABASE_URL: url, OTEL_SERVICE_NAME: 'pgxdemo' } });
  assert.equal(stdout, plainRun.stdout);
  assert.equal(stdout, 'create: <nil>\nbatch: <nil>\ncopy: 1 <nil>\nselect: pear <nil>\nduplicate refused: true\nthrough database/sql: 3 <nil>\n');

  const orders = spans.find((s) => s.name === 'orders');
  assert.ok(orders, `spans: ${spans.map((s) => s.name).join(', ')}`);
  const inOrders = spans.filter((s) => s.parentSpanId === orders.spanId);
  // Named as the conventions say: the operation and the table the query names.
  assert.deepEqual(inOrders.map((s) => s.name), ['CREATE', 'BATCH INSERT', 'COPY "items"', 'SELECT items', 'INSERT items']);
  const [create, batch, copy, select, duplicate] = inOrders;
  for (const s of inOrders) {
    assert.equal(s.kind, CLIENT);
    assert.equal(s.attributes['db.system.name'], 'postgresql');
    assert.equal(s.attributes['db.namespace'], 'woven');
    assert.equal(s.attributes['server.address'], '127.0.0.1');
    assert.equal(s.attributes['server.port'], pg!.port);
  }
  assert.equal(create.attributes['db.query.text'], 'create table items (id int primary key, name text)');
  assert.equal(batch.attributes['db.operation.batch.size'], 2);
  assert.equal(batch.attributes['db.query.text'], 'insert into items values ($1, $2); insert into items values ($1, $2)');
  assert.equal(copy.attributes['db.collection.name'], '"items"');
  assert.equal(select.attributes['db.query.text'], 'select name from items where id = $1');
  assert.equal(select.attributes['db.operation.name'], 'SELECT');
  assert.equal(select.attributes['db.collection.name'], 'items');
  assert.equal(batch.attributes['db.operation.name'], 'BATCH INSERT');
  assert.notEqual(select.status.code, STATUS_ERROR);
  // The refused statement: its SQLSTATE (unique_violation), and an error status.
  assert.equal(duplicate.status.code, STATUS_ERROR);
  assert.equal(duplicate.attributes['db.response.status_code'], '23505');
  assert.equal(duplicate.attributes['error.type'], '23505');
  // database/sql through pgx's stdlib driver: the database/sql span, and no second one from pgx.
  const viaSQL = spans.filter((s) => s.attributes['db.query.text'] === 'select count(*) from items');
  assert.equal(viaSQL.length, 1, viaSQL.map((s) => JSON.stringify(s.attributes)).join('\n'));
  assert.equal(viaSQL[0].attributes['db.system'], 'postgresql');
  assert.equal(viaSQL[0].attributes['db.system.name'], 'postgresql');
  assert.equal(viaSQL[0].attributes['db.namespace'], undefined, 'the database/sql span, not pgx\'s');
  rmSync(dir, { recursive: true, force: true });
});

test('go-weave:rasp: an injection into SQL pgx would send, by query, exec, batch or prepared statement, is refused with 403; harmless input is served', { timeout: 900_000 }, async () => {
  const dir = tempDir('pgx-rasp');
  cpSync(join(REPO, 'test', 'fixtures', 'pgx-rasp'), dir, { recursive: true });
  const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir });
  assert.equal(b.code, 0, b.stderr);
  const refused = '403 Forbidden: blocked by run-time protection';
  const blocked = await runTraced(join(dir, 'woven'), { env: { DATABASE_URL: database('rasp_block'), GOWEAVE_RASP: 'block' } });
  assert.equal(blocked.stdout, `/users "postgres": 200 1\n/users "x' or '1'='1": ${refused}\n/visit "ann": 200 1\n/visit "x'), ('y": ${refused}\n/batch "bob": 200 2\n/batch "x'), ('y": ${refused}\n/prepared "postgres": 200 1\n/prepared "x' or '1'='1": ${refused}\n`);
  // Each refusal is recorded on the request's server span.
  const decided = blocked.spans.filter((s) => s.kind === 2 && s.events.some((e) => e.name === 'rasp.decision'));
  assert.deepEqual(decided.map((s) => s.attributes['url.path']).sort(), ['/batch', '/prepared', '/users', '/visit']);
  assert.ok(decided.every((s) => s.attributes['rasp.blocked'] === true));
  // Turned off, the injections go through: the count of every user, and two rows inserted.
  const off = await runTraced(join(dir, 'woven'), { env: { DATABASE_URL: database('rasp_off'), GOWEAVE_RASP: 'off' } });
  assert.equal(off.stdout, `/users "postgres": 200 1\n/users "x' or '1'='1": 200 1\n/visit "ann": 200 1\n/visit "x'), ('y": 200 2\n/batch "bob": 200 4\n/batch "x'), ('y": 200 6\n/prepared "postgres": 200 1\n/prepared "x' or '1'='1": 200 1\n`);
  rmSync(dir, { recursive: true, force: true });
});
