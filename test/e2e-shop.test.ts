// End to end: the example service (examples/service) built with go-weave by the real go
// toolchain, run as two processes, its spans received over loopback by a test OTLP receiver.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver, formatTraceTree, type ReceivedSpan, type Receiver } from './support/otlp-receiver.ts';
import { buildShop, copyShop, goWeave, lineOf, SHOP, startShop, GO, REPO } from './support/go-shop.ts';
import { prepare } from '../weaver/src/gocmd/pipeline.ts';
import { loadRealCore } from '../weaver/src/gocmd/realcore.ts';
import { removeTree, run } from './support/go-fixture.ts';

const SERVER = 2;
const CLIENT = 3;
const INTERNAL = 1;

let work: string;
let weaveCache: string;
const env = (): NodeJS.ProcessEnv => ({ GOWEAVE_CACHE: weaveCache, GOFLAGS: '-buildvcs=false' });
after(() => {
  if (weaveCache) removeTree(weaveCache);
});

/** Sends one order and returns the spans of its trace once all five have arrived. */
async function orderTrace(rcv: Receiver, frontendURL: string): Promise<ReceivedSpan[]> {
  const res = await fetch(`${frontendURL}/order?item=apple&qty=2`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { item: 'apple', quantity: 2, cents: 90 });
  const all = await rcv.waitFor((spans) => {
    const root = spans.find((s) => s.kind === SERVER && s.name.includes('/order'));
    return !!root && spans.filter((s) => s.traceId === root.traceId).length >= 5;
  }, 15_000);
  const root = all.find((s) => s.kind === SERVER && s.name.includes('/order'))!;
  return all.filter((s) => s.traceId === root.traceId);
}

function service(s: ReceivedSpan): unknown {
  return s.resource['service.name'];
}

/** server span → (client span → server span in the other process → db span), and the //weave:span span. */
function assertOrderTree(trace: ReceivedSpan[]): void {
  const tree = formatTraceTree(trace);
  const root = trace.find((s) => s.kind === SERVER && service(s) === 'frontend');
  assert.ok(root, `no frontend server span:\n${tree}`);
  assert.equal(root.parentSpanId, '', tree);
  const client = trace.find((s) => s.kind === CLIENT && service(s) === 'frontend' && s.parentSpanId === root.spanId);
  assert.ok(client, `no client span under the frontend server span:\n${tree}`);
  assert.match(String(client.attributes['url.full']), /\/items\/apple$/);
  const invServer = trace.find((s) => s.kind === SERVER && service(s) === 'inventory');
  assert.ok(invServer, `no inventory server span in the same trace:\n${tree}`);
  assert.equal(invServer.parentSpanId, client.spanId, `inventory's server span is not the child of frontend's client span:\n${tree}`);
  const db = trace.find((s) => s.kind === CLIENT && service(s) === 'inventory' && s.parentSpanId === invServer.spanId);
  assert.ok(db, `no db span under the inventory server span:\n${tree}`);
  assert.match(String(db.attributes['db.query.text']), /^SELECT quantity, cents FROM items/);
  // Named after the operation and the table, as the conventions say.
  assert.equal(db.name, 'SELECT items');
  assert.equal(db.attributes['db.collection.name'], 'items');
  // The name the issue gives, and the one current OpenTelemetry conventions use.
  assert.equal(db.attributes['db.system'], 'sqlite');
  assert.equal(db.attributes['db.system.name'], 'sqlite');
  const priced = trace.find((s) => s.kind === INTERNAL && s.parentSpanId === root.spanId);
  assert.ok(priced, `no //weave:span span for pricing.Price under the server span:\n${tree}`);
  assert.equal(priced.attributes['code.function.name'], 'example.com/shop/internal/pricing.Price');
}

describe('example service, woven', () => {
  let bin: string;
  let buildOutput: string;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'gw-e2e-'));
    // One weave cache for the whole file (the bad-input builds reuse it), removed at its end.
    weaveCache = mkdtempSync(join(tmpdir(), 'gw-e2e-wc-'));
    bin = join(work, 'woven');
    const r = await buildShop(bin, { woven: true, env: env() });
    buildOutput = r.stdout + r.stderr;
    assert.equal(r.code, 0, `go-weave build failed:\n${buildOutput}`);
  });
  after(() => removeTree(work));

  for (const protocol of ['http/protobuf', 'http/json']) {
    test(`trace tree over OTLP ${protocol}: server → db, client → server across processes`, async () => {
      const rcv = await startReceiver();
      const shop = await startShop(bin, { OTEL_EXPORTER_OTLP_ENDPOINT: rcv.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: protocol });
      try {
        assertOrderTree(await orderTrace(rcv, shop.frontend.url));
        const want = protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
        assert.ok(rcv.requests.length > 0 && rcv.requests.every((r) => r.contentType.startsWith(want)), rcv.requests.map((r) => r.contentType).join(','));
        assert.deepEqual(rcv.errors, []);
      } finally {
        await shop.stop();
        await rcv.close();
      }
    });
  }

  test('a panic’s stack trace names the original file and lines', async () => {
    const rcv = await startReceiver();
    const shop = await startShop(bin, { OTEL_EXPORTER_OTLP_ENDPOINT: rcv.endpoint });
    try {
      await fetch(`${shop.frontend.url}/panic`).catch(() => undefined);
      const deadline = Date.now() + 10_000;
      while (!/created by net\/http/.test(shop.frontend.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const out = shop.frontend.output();
      assert.match(out, /http: panic serving .*: explode: boom/);
      const file = join(SHOP, 'cmd/frontend/main.go');
      const panicLine = lineOf('cmd/frontend/main.go', 'panic("explode: "');
      const callLine = lineOf('cmd/frontend/main.go', 'explode(r.URL.Query()');
      assert.ok(out.includes(`main.explode(...)\n\t${file}:${panicLine}`), `stack does not name ${file}:${panicLine}:\n${out}`);
      assert.ok(out.includes(`${file}:${callLine} `), `stack does not name the caller ${file}:${callLine}:\n${out}`);
    } finally {
      await shop.stop();
      await rcv.close();
    }
  });

  test('unreachable collector: the service still answers and stops promptly', async () => {
    const port = await closedPort();
    const shop = await startShop(bin, { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_TIMEOUT: '500' });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${shop.frontend.url}/order?item=pear&qty=1`);
        assert.equal(res.status, 200);
      }
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      const t0 = Date.now();
      await shop.stop();
      assert.ok(Date.now() - t0 < 9_000, 'the service hung on shutdown with an unreachable collector');
    }
  });

  test('the plain go build of the same code works and emits nothing', async () => {
    const plain = join(work, 'plain');
    const r = await buildShop(plain, { woven: false });
    assert.equal(r.code, 0, r.stderr);
    const rcv = await startReceiver();
    const shop = await startShop(plain, { OTEL_EXPORTER_OTLP_ENDPOINT: rcv.endpoint });
    try {
      const res = await fetch(`${shop.frontend.url}/order?item=apple&qty=2`);
      assert.deepEqual(await res.json(), { item: 'apple', quantity: 2, cents: 90 });
    } finally {
      await shop.stop();
    }
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(rcv.requests.length, 0);
    await rcv.close();
    const nm = await run(GO, ['tool', 'nm', join(plain, 'frontend')]);
    assert.doesNotMatch(nm.stdout, /go-weave\.dev\/runtime/);
  });

  test('the second identical woven build weaves and recompiles nothing', async () => {
    const r = await buildShop(bin, { woven: true, env: { ...env(), GOWEAVE_VERBOSE: '1' }, extra: ['-v'] });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\(0 woven now,/);
    const compiled = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('go-weave:'));
    assert.deepEqual(compiled, [], `recompiled:\n${r.stderr}`);
  });

  test('unwoven packages keep their build-cache entries; woven ones and their importers get new ones', async () => {
    // go list -export names each package's compiled file in GOCACHE: equal paths mean a shared entry.
    const exportsOf = async (goArgs: string[], goEnv: NodeJS.ProcessEnv) => {
      const r = await run(GO, ['list', ...goArgs, '-deps', '-export', '-f', '{{.ImportPath}} {{.Export}}', './cmd/frontend', './cmd/inventory'], { cwd: SHOP, env: goEnv });
      assert.equal(r.code, 0, r.stderr);
      return new Map(r.stdout.trim().split('\n').map((l) => l.split(' ') as [string, string]));
    };
    const plain = await exportsOf([], { ...process.env, GOFLAGS: '-buildvcs=false' });
    const saved = process.cwd();
    process.chdir(SHOP);
    let woven: Map<string, string>;
    try {
      const p = await prepare({ core: await loadRealCore() }, 'build', ['./cmd/frontend', './cmd/inventory'], { ...process.env, ...env() }, () => join(REPO, 'runtime'));
      woven = await exportsOf(p.goArgs.slice(1).filter((a) => a.startsWith('-overlay=') || a.startsWith('-modfile=')), p.goEnv as NodeJS.ProcessEnv);
      assert.ok(p.outcome.wovenPackages.includes('net/http') && p.outcome.wovenPackages.includes('database/sql'), p.outcome.wovenPackages.join(' '));
    } finally {
      process.chdir(saved);
    }
    for (const pkg of ['github.com/ncruces/go-sqlite3-wasm/v3', 'golang.org/x/sys/unix', 'encoding/json', 'crypto/tls']) {
      assert.ok(plain.get(pkg), `${pkg} not in the plain graph`);
      assert.equal(woven.get(pkg), plain.get(pkg), `${pkg} does not share its build-cache entry with the plain build`);
    }
    for (const pkg of ['net/http', 'database/sql', 'example.com/shop/internal/pricing', 'example.com/shop/internal/store']) {
      assert.notEqual(woven.get(pkg), plain.get(pkg), `${pkg} should be compiled from woven (or re-imported woven) code`);
    }
    assert.ok(woven.get('go-weave.dev/runtime/trace'));
  });

  test('go-weave test runs the example’s tests woven', async () => {
    const r = await goWeave(['test', '-count=1', './...'], { env: env() });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^ok\s+example\.com\/shop\/internal\/store/m);
    assert.match(r.stdout, /^ok\s+example\.com\/shop\/cmd\/frontend/m);
    // The test binary itself carries the woven code.
    const testBin = join(work, 'store.test');
    const c = await goWeave(['test', '-c', '-o', testBin, './internal/store'], { env: env() });
    assert.equal(c.code, 0, c.stderr);
    const nm = await run(GO, ['tool', 'nm', testBin]);
    assert.match(nm.stdout, /go-weave\.dev\/runtime\/trace\.Start/);
  });

  test('a woven test binary exports its spans and flushes them when the tests end', async () => {
    const rcv = await startReceiver();
    try {
      // store has no TestMain: go-weave's stand-in one starts and flushes the runtime (runtime.testmain).
      const r = await goWeave(['test', '-count=1', './internal/store'], { env: { ...env(), OTEL_EXPORTER_OTLP_ENDPOINT: rcv.endpoint, OTEL_SERVICE_NAME: 'store-tests' } });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const spans = rcv.spans();
      const selects = spans.filter((s) => s.kind === CLIENT && String(s.attributes['db.query.text']).startsWith('SELECT quantity, cents FROM items'));
      assert.equal(selects.length, 2, formatTraceTree(spans));
      assert.ok(selects.every((s) => s.resource['service.name'] === 'store-tests'));
      // The stand-in lives only in the overlay: the package's directory is unchanged.
      assert.deepEqual(readdirSync(join(SHOP, 'internal', 'store')).sort(), ['store.go', 'store_test.go']);
    } finally {
      await rcv.close();
    }
  });
});

describe('example service, bad input', () => {
  let copy: string;
  before(() => {
    copy = copyShop();
    weaveCache ??= mkdtempSync(join(tmpdir(), 'gw-e2e-wc-'));
  });
  after(() => removeTree(copy));

  test('a type error in woven user code is reported at the original file:line', async () => {
    const file = join(copy, 'internal/pricing/pricing.go');
    const src = readFileSync(file, 'utf8');
    writeFileSync(file, src.replace('\ttotal := unitCents * quantity\n', '\ttotal := unitCents * quantity * nope\n'));
    try {
      const line = lineOf('internal/pricing/pricing.go', 'nope', copy);
      const r = await buildShop(join(copy, 'bin'), { woven: true, cwd: copy, env: env() });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, new RegExp(`^# example\\.com/shop/internal/pricing\\n(\\S*internal/pricing/)?pricing\\.go:${line}:\\d+: undefined: nope$`, 'm'), r.stderr);
      assert.doesNotMatch(r.stderr, /go-weave[/:]|weave-cache/, 'the error names a woven file instead of the original');
    } finally {
      writeFileSync(file, src);
    }
  });

  test('a syntax error is shown as the go command shows it', async () => {
    const file = join(copy, 'internal/store/store.go');
    const src = readFileSync(file, 'utf8');
    writeFileSync(file, src.replace('func (s *Store) Close() error { return s.db.Close() }', 'func (s *Store) Close() error { return s.db.Close( }'));
    try {
      const line = lineOf('internal/store/store.go', 'Close( }', copy);
      const r = await buildShop(join(copy, 'bin'), { woven: true, cwd: copy, env: env() });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, new RegExp(`internal/store/store\\.go:${line}:\\d+: syntax error`), r.stderr);
    } finally {
      writeFileSync(file, src);
    }
  });

  test('an unknown aspect id in go-weave.yml is a clear error', async () => {
    const yml = join(copy, 'go-weave.yml');
    writeFileSync(yml, 'meta:\n  name: shop\n  description: test\ndisable:\n  - http.nosuch\n');
    try {
      const r = await buildShop(join(copy, 'bin'), { woven: true, cwd: copy, env: env() });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /go-weave\.yml:5:\d+: .*http\.nosuch/);
    } finally {
      removeTree(yml);
    }
  });

  test('no go.mod: a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-nomod-'));
    try {
      writeFileSync(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
      const r = await goWeave(['build', '.'], { cwd: dir, env: { ...env(), GO111MODULE: 'on' } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /no go\.mod in .* or any parent directory/);
    } finally {
      removeTree(dir);
    }
  });
});

/** A loopback port with nothing listening (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolveP, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      if (!addr || typeof addr === 'string') return reject(new Error('no port'));
      s.close(() => resolveP(addr.port));
    });
  });
}
