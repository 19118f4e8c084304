// Run-time protection end to end: examples/rasp (a deliberately vulnerable
// service on a real SQLite database) is built with `go-weave build` and its
// own go-weave.yml (extends go-weave:rasp), then attacked over loopback with
// the payload lists the Go unit tests use (runtime/rasp/testdata). Spans go
// to a real OTLP receiver; every decision must be on the request's span.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { goWeave, REPO, tempDir } from './support/go-tool.ts';
import { formatTraceTree, startReceiver, type Receiver } from './support/otlp-receiver.ts';
import { decisions, get, postJSON, readPayloads, startDemo, type Answer, type Payload } from './support/rasp-demo.ts';

const sqlAttacks = readPayloads('sqli-attacks.txt');
const sqlBenign = readPayloads('sqli-benign.txt').filter((p) => p.label !== 'backslash'); // MySQL-only escaping
const fileAttacks = readPayloads('traversal-attacks.txt').filter((p) => p.label in FILE_ROUTES());
const fileBenign = readPayloads('traversal-benign.txt').filter((p) => p.label in FILE_ROUTES());

/** How the example builds a path from each parameter (see examples/rasp/main.go). */
function FILE_ROUTES(): Record<string, { path: string; param: string; route: string }> {
  return {
    raw: { path: '/download', param: 'path', route: '/download' },
    join: { path: '/files', param: 'name', route: '/files' },
    decode: { path: '/doc', param: 'name', route: '/doc' },
    whole: { path: '/view', param: 'file', route: '/view' },
  };
}

let work = '';
let binary = '';

before(() => {
  work = tempDir('rasp');
  binary = join(work, 'raspdemo');
  const r = goWeave(['build', '-o', binary, '.'], { cwd: join(REPO, 'examples', 'rasp') });
  assert.equal(r.code, 0, `go-weave build of examples/rasp failed:\n${r.stdout}\n${r.stderr}`);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Sends one SQL payload the way its context needs; the route is what the server span reports. */
async function sendSQL(base: string, p: Payload, i: number): Promise<{ answer: Answer; route: string }> {
  if (p.label === 'number') return { answer: await get(base, `/users/${encodeURIComponent(p.value)}`), route: '/users/{id}' };
  if (i % 3 === 1) return { answer: await postJSON(base, '/api/users/search', { name: p.value }), route: '/api/users/search' };
  if (i % 3 === 2) return { answer: await get(base, `/emails?name=${encodeURIComponent(p.value)}`), route: '/emails' };
  return { answer: await get(base, `/users?name=${encodeURIComponent(p.value)}`), route: '/users' };
}

async function sendFile(base: string, p: Payload): Promise<{ answer: Answer; route: string }> {
  const r = FILE_ROUTES()[p.label];
  return { answer: await get(base, `${r.path}?${r.param}=${encodeURIComponent(p.value)}`), route: r.route };
}

function key(route: string, input: unknown): string {
  return `${route} ${JSON.stringify(input)}`;
}

/** Runs the example in a mode with its own data directory and receiver. */
async function withDemo(mode: string, fn: (base: string, receiver: Receiver, dir: string) => Promise<void>): Promise<void> {
  const dir = join(work, mode);
  mkdirSync(dir, { recursive: true });
  const receiver = await startReceiver();
  const demo = await startDemo(binary, { dir, mode, otlp: receiver.endpoint });
  try {
    await fn(demo.url, receiver, dir);
  } finally {
    await demo.stop();
    await receiver.close();
  }
}

/** Creates the file each benign name refers to, so that allowed means 200. */
function createBenignFiles(dir: string): void {
  const staticDir = join(dir, 'static');
  for (const p of fileBenign) {
    let target: string;
    if (p.label === 'whole') target = resolve(dir, p.value);
    else if (p.label === 'decode') target = join(staticDir, decodeURIComponent(p.value));
    else target = join(staticDir, p.value);
    if (p.label === 'raw') {
      // The kernel resolves a/../b only if a exists.
      let cur = staticDir;
      for (const part of p.value.split('/').slice(0, -1)) {
        if (part === '..') cur = dirname(cur);
        else if (part !== '.' && part !== '') { cur = join(cur, part); mkdirSync(cur, { recursive: true }); }
      }
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `benign ${p.line}\n`);
  }
}

test('payload lists are large enough', () => {
  assert.ok(sqlAttacks.length >= 50, `${sqlAttacks.length} SQL attacks`);
  assert.ok(sqlBenign.length >= 50, `${sqlBenign.length} benign SQL values`);
  assert.ok(fileAttacks.length >= 30, `${fileAttacks.length} traversal attacks`);
  assert.ok(fileBenign.length >= 25, `${fileBenign.length} benign names`);
});

test('block mode: benign inputs pass, every attack gets 403 and a decision on its request span', async () => {
  await withDemo('block', async (base, receiver, dir) => {
    createBenignFiles(dir);
    // Benign first: nothing may be blocked or recorded.
    let requests = 0;
    for (const [i, p] of sqlBenign.entries()) {
      const path = p.label === 'double' ? '/notes?author=' : i % 2 === 0 ? '/users?name=' : '/emails?name=';
      const a = await get(base, path + encodeURIComponent(p.value));
      requests++;
      assert.equal(a.status, 200, `sqli-benign.txt:${p.line} ${JSON.stringify(p.value)}: ${a.status} ${a.body}`);
    }
    for (const p of fileBenign) {
      const { answer } = await sendFile(base, p);
      requests++;
      assert.equal(answer.status, 200, `traversal-benign.txt:${p.line} ${JSON.stringify(p.value)}: ${answer.status} ${answer.body}`);
    }
    const afterBenign = await receiver.waitFor((s) => s.filter((x) => x.kind === 2).length >= requests, 20_000);
    assert.deepEqual(decisions(afterBenign).map((d) => d.attrs), [], 'no decision for benign input');

    const expected: string[] = [];
    let prepared = 0;
    for (const [i, p] of sqlAttacks.entries()) {
      const { answer, route } = await sendSQL(base, p, i);
      if (route === '/emails') prepared++;
      assert.equal(answer.status, 403, `sqli-attacks.txt:${p.line} ${JSON.stringify(p.value)} via ${route}: ${answer.status} ${answer.body}`);
      assert.match(answer.body, /^Forbidden/);
      expected.push(key(route, p.value));
    }
    for (const p of fileAttacks) {
      const { answer, route } = await sendFile(base, p);
      assert.equal(answer.status, 403, `traversal-attacks.txt:${p.line} ${JSON.stringify(p.value)} via ${route}: ${answer.status} ${answer.body}`);
      expected.push(key(route, p.value));
    }
    const spans = await receiver.waitFor((s) => decisions(s).length >= expected.length, 20_000);
    const ds = decisions(spans);
    assert.deepEqual(ds.map((d) => key(String(d.span.attributes['http.route']), d.attrs.input)).sort(), expected.sort(),
      'one decision per attack, on the server span of its route, naming the offending input');
    for (const d of ds) {
      assert.equal(d.attrs.mode, 'block');
      assert.equal(d.attrs.action, 'blocked');
      assert.equal(d.span.attributes['http.response.status_code'], 403);
      assert.equal(d.span.attributes['rasp.blocked'], true);
      const isSQL = ['/users', '/users/{id}', '/api/users/search', '/emails'].includes(String(d.span.attributes['http.route']));
      assert.equal(d.attrs.rule, isSQL ? 'sql-injection' : 'path-traversal');
      assert.ok(String(d.attrs.reason).length > 0);
    }
    // A refused query is never sent: its client span carries the refusal.
    // (A refused Prepare fails before any statement span exists.)
    const refusedQueries = spans.filter((s) => s.kind === 3 && String(s.status.message).includes('go-weave rasp'));
    assert.equal(refusedQueries.length, sqlAttacks.length - prepared, formatTraceTree(spans.slice(0, 20)));
    assert.ok(prepared > 10, `${prepared} attacks went through Prepare`);
  });
});

test('monitor mode: attacks run, are not refused, and are recorded', async () => {
  await withDemo('monitor', async (base, receiver, dir) => {
    writeFileSync(join(dir, 'secret.txt'), 'the secret\n');
    // The vulnerabilities are real: a tautology dumps every user and a
    // traversal reads a file outside static/.
    const dump = await get(base, `/users?name=${encodeURIComponent("' OR '1'='1")}`);
    assert.equal(dump.status, 200);
    assert.equal((JSON.parse(dump.body) as unknown[]).length, 4);
    const secret = await get(base, `/files?name=${encodeURIComponent('../secret.txt')}`);
    assert.equal(secret.status, 200);
    assert.equal(secret.body, 'the secret\n');

    const expected = [key('/users', "' OR '1'='1"), key('/files', '../secret.txt')];
    for (const [i, p] of sqlAttacks.entries()) {
      const { answer, route } = await sendSQL(base, p, i);
      assert.notEqual(answer.status, 403, `sqli-attacks.txt:${p.line}: monitor mode must not refuse`);
      expected.push(key(route, p.value));
    }
    for (const p of fileAttacks) {
      const { answer, route } = await sendFile(base, p);
      assert.notEqual(answer.status, 403, `traversal-attacks.txt:${p.line}: monitor mode must not refuse`);
      expected.push(key(route, p.value));
    }
    const ds = decisions(await receiver.waitFor((s) => decisions(s).length >= expected.length, 20_000));
    assert.deepEqual(ds.map((d) => key(String(d.span.attributes['http.route']), d.attrs.input)).sort(), expected.sort());
    for (const d of ds) {
      assert.equal(d.attrs.mode, 'monitor');
      assert.equal(d.attrs.action, 'monitored');
      assert.notEqual(d.span.attributes['rasp.blocked'], true);
    }
  });
});

test('off mode: no checks, no decisions', async () => {
  await withDemo('off', async (base, receiver) => {
    const a = await get(base, `/users?name=${encodeURIComponent("' OR '1'='1")}`);
    assert.equal(a.status, 200);
    assert.equal((JSON.parse(a.body) as unknown[]).length, 4);
    const spans = await receiver.waitFor((s) => s.some((x) => x.kind === 2), 20_000);
    assert.deepEqual(decisions(spans), []);
  });
});
