#!/usr/bin/env node
// The README's main job: build the example shop (examples/service) with go-weave, run its two
// processes against a local OTLP receiver, send a few orders and print the traces received.
// Run with `npm run demo` (or `node scripts/demo.mjs`). Needs Go on PATH (or GOWEAVE_GO).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const shopLib = await tsImport('../test/support/go-shop.ts', import.meta.url);
const receiverLib = await tsImport('../test/support/otlp-receiver.ts', import.meta.url);
const { buildShop, startShop, SHOP } = shopLib;
const { startReceiver, formatTraceTree } = receiverLib;

const say = (s) => process.stderr.write(s + '\n');
const work = mkdtempSync(join(tmpdir(), 'go-weave-demo-'));
let shop;
let receiver;
try {
  say(`$ go-weave build -o ${work}/ ./cmd/frontend ./cmd/inventory   (in ${SHOP})`);
  const t0 = Date.now();
  const built = await buildShop(work, { woven: true });
  if (built.code !== 0) {
    say(built.stdout + built.stderr);
    throw new Error(`go-weave build failed (exit ${built.code})`);
  }
  say(`  built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  receiver = await startReceiver();
  say(`OTLP receiver on ${receiver.endpoint}`);
  shop = await startShop(work, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint });
  say(`inventory on ${shop.inventory.url}, frontend on ${shop.frontend.url}`);

  const orders = [['apple', 2], ['pear', 5], ['kiwi', 1]];
  for (const [item, qty] of orders) {
    const res = await fetch(`${shop.frontend.url}/order?item=${item}&qty=${qty}`);
    say(`GET /order?item=${item}&qty=${qty} → ${res.status} ${(await res.text()).trim()}`);
  }
  // Each order is one trace rooted at the frontend's server span.
  const isOrderRoot = (s) => s.kind === 2 && s.parentSpanId === '' && s.name.includes('/order');
  await receiver.waitFor((spans) => spans.filter(isOrderRoot).length >= orders.length, 15_000);
  await shop.stop();
  shop = undefined;
  const spans = receiver.spans();
  const orderTraces = new Set(spans.filter(isOrderRoot).map((s) => s.traceId));
  console.log(`\nTraces received (${spans.length} spans):\n`);
  console.log(formatTraceTree(spans.filter((s) => orderTraces.has(s.traceId))));
  const others = spans.filter((s) => !orderTraces.has(s.traceId));
  if (others.length) console.log(`\nStart-up (database seeding):\n\n${formatTraceTree(others)}`);
} catch (err) {
  say(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  if (shop) await shop.stop();
  if (receiver) await receiver.close();
  rmSync(work, { recursive: true, force: true });
}
