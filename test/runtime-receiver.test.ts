// The OTLP receiver's decoders against messages assembled by hand here, so
// the end-to-end tests do not rest on the Go encoder and this decoder
// agreeing by accident.
import { test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import {
  decodeJsonRequest,
  decodeProtobufRequest,
  formatTraceTree,
  startReceiver,
  type ReceivedSpan,
} from "./support/otlp-receiver.ts";

// Minimal protobuf writer: tag/varint/length-delimited, straight from the
// wire format description.
function varint(n: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}
const tag = (field: number, wire: number): number[] => varint(BigInt((field << 3) | wire));
const ld = (field: number, body: number[] | Buffer): number[] => [...tag(field, 2), ...varint(BigInt(body.length)), ...body];
const str = (field: number, s: string): number[] => ld(field, Buffer.from(s, "utf8"));
const vint = (field: number, n: bigint): number[] => [...tag(field, 0), ...varint(n)];
const fixed64 = (field: number, n: bigint): number[] => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return [...tag(field, 1), ...b];
};
const fixed32 = (field: number, n: number): number[] => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return [...tag(field, 5), ...b];
};
const double = (field: number, x: number): number[] => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return [...tag(field, 1), ...b];
};
const kv = (key: string, anyValue: number[]): number[] => [...str(1, key), ...ld(2, anyValue)];

test("protobuf decoder reads a hand-assembled ExportTraceServiceRequest", () => {
  const traceId = Buffer.from("0af7651916cd43dd8448eb211c80319c", "hex");
  const span = [
    ...ld(1, traceId),
    ...ld(2, Buffer.from("b7ad6b7169203331", "hex")),
    ...str(3, "k=v"),
    ...ld(4, Buffer.from("00f067aa0ba902b7", "hex")),
    ...str(5, "GET /"),
    ...vint(6, 2n),
    ...fixed64(7, 1700000000123456789n),
    ...fixed64(8, 1700000000223456789n),
    ...ld(9, kv("s", str(1, "x"))),
    ...ld(9, kv("neg", vint(3, -5n))),
    ...ld(9, kv("big", vint(3, 9007199254740993n))),
    ...ld(9, kv("d", double(4, 0.25))),
    ...ld(9, kv("b", vint(2, 0n))),
    ...ld(9, kv("arr", ld(5, [...ld(1, str(1, "a")), ...ld(1, vint(3, 7n))]))),
    ...ld(9, kv("kvl", ld(6, ld(1, kv("inner", vint(2, 1n)))))),
    ...ld(9, kv("raw", ld(7, Buffer.from([1, 2, 3])))),
    ...ld(11, [...fixed64(1, 1700000000150000000n), ...str(2, "exception"), ...ld(3, kv("exception.message", str(1, "boom")))]),
    ...ld(15, [...str(2, "boom"), ...vint(3, 2n)]),
    ...fixed32(16, 0x301),
  ];
  const body = Buffer.from(
    ld(1, [
      ...ld(1, ld(1, kv("service.name", str(1, "svc")))),
      ...ld(2, [...ld(1, [...str(1, "scope"), ...str(2, "1.0")]), ...ld(2, span)]),
    ]),
  );
  const [s] = decodeProtobufRequest(body);
  assert.deepEqual(s, {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: "b7ad6b7169203331",
    traceState: "k=v",
    parentSpanId: "00f067aa0ba902b7",
    flags: 0x301,
    name: "GET /",
    kind: 2,
    startTimeUnixNano: "1700000000123456789",
    endTimeUnixNano: "1700000000223456789",
    attributes: {
      s: "x",
      neg: -5,
      big: "9007199254740993",
      d: 0.25,
      b: false,
      arr: ["a", 7],
      kvl: { inner: true },
      raw: "AQID",
    },
    events: [{ name: "exception", timeUnixNano: "1700000000150000000", attributes: { "exception.message": "boom" } }],
    status: { code: 2, message: "boom" },
    resource: { "service.name": "svc" },
    scope: { name: "scope", version: "1.0" },
  } satisfies ReceivedSpan);
});

test("protobuf decoder rejects truncated input with a clear message", () => {
  assert.throws(() => decodeProtobufRequest(Buffer.from([0x0a, 0x05, 0x01])), /protobuf: field runs past the end/);
});

test("JSON decoder follows the OTLP JSON mapping", () => {
  const [s] = decodeJsonRequest({
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
        scopeSpans: [
          {
            scope: { name: "sc" },
            spans: [
              {
                traceId: "0AF7651916CD43DD8448EB211C80319C",
                spanId: "b7ad6b7169203331",
                name: "n",
                kind: 3,
                startTimeUnixNano: "1",
                endTimeUnixNano: "2",
                attributes: [
                  { key: "i", value: { intValue: "-12" } },
                  { key: "nan", value: { doubleValue: "NaN" } },
                  { key: "arr", value: { arrayValue: { values: [{ boolValue: true }] } } },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  assert.equal(s.traceId, "0af7651916cd43dd8448eb211c80319c");
  assert.equal(s.parentSpanId, "");
  assert.equal(s.attributes.i, -12);
  assert.ok(Number.isNaN(s.attributes.nan));
  assert.deepEqual(s.attributes.arr, [true]);
  assert.deepEqual(s.status, { code: 0, message: "" });
  assert.deepEqual(s.scope, { name: "sc", version: "" });
  assert.deepEqual(s.resource, { "service.name": "svc" });
});

function span(p: Partial<ReceivedSpan> & Pick<ReceivedSpan, "spanId" | "name">): ReceivedSpan {
  return {
    traceId: "t1",
    parentSpanId: "",
    traceState: "",
    flags: 1,
    kind: 1,
    startTimeUnixNano: "1000000",
    endTimeUnixNano: "3500000",
    attributes: {},
    events: [],
    status: { code: 0, message: "" },
    resource: { "service.name": "front" },
    scope: { name: "", version: "" },
    ...p,
  };
}

test("formatTraceTree renders nesting, services, key attributes and orphans", () => {
  const tree = formatTraceTree([
    span({ spanId: "c2", parentSpanId: "r", name: "second", startTimeUnixNano: "2000000" }),
    span({ spanId: "r", name: "GET /a", kind: 2, attributes: { "http.request.method": "GET", "other.attr": 1 } }),
    span({ spanId: "c1", parentSpanId: "r", name: "first", kind: 3, resource: { "service.name": "back" }, status: { code: 2, message: "bad" }, attributes: { "db.system.name": "sqlite", "db.system": "sqlite" } }),
    span({ spanId: "o", parentSpanId: "gone", name: "orphan", traceId: "t2", attributes: { "db.system": "other_sql" } }),
  ]);
  assert.equal(
    tree,
    [
      "trace t1",
      "└─ GET /a [SERVER] 2.50ms  (front)  http.request.method=GET",
      "   ├─ first [CLIENT] 2.50ms  (back)  db.system.name=sqlite  ERROR: bad",
      "   └─ second [INTERNAL] 1.50ms",
      "trace t2",
      "└─ orphan [INTERNAL] 2.50ms  (front)  db.system=other_sql  (parent gone not received)",
    ].join("\n"),
  );
});

function post(url: string, body: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("receiver answers scripted failures, rejects bad requests and accepts gzip JSON", async () => {
  const r = await startReceiver({ failures: [503] });
  try {
    const json = Buffer.from(
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "aa", spanId: "bb", name: "x", kind: 1 }] }] }] }),
    );
    const url = `${r.endpoint}/v1/traces`;
    assert.equal(await post(url, json, { "content-type": "application/json" }), 503);
    assert.equal(await post(url, Buffer.from("x"), { "content-type": "text/plain" }), 400);
    assert.equal(await post(`${r.endpoint}/v1/metrics`, json, { "content-type": "application/json" }), 404);
    assert.equal(await post(url, gzipSync(json), { "content-type": "application/json", "content-encoding": "gzip" }), 200);
    const spans = await r.waitFor((s) => s.length === 1, 2000);
    assert.equal(spans[0].name, "x");
    assert.equal(r.requests.length, 3);
    assert.match(r.errors[0], /unsupported content type "text\/plain"/);
    await assert.rejects(r.waitFor((s) => s.length > 1, 50), /condition not met within 50 ms; received 1 spans/);
  } finally {
    await r.close();
  }
});
