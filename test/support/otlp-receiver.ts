// A small OTLP/HTTP trace receiver for tests: accepts POST /v1/traces in
// both OTLP encodings (application/x-protobuf and application/json, optionally
// gzip-compressed) and normalises every span into one shape.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export interface ReceivedEvent {
  name: string;
  timeUnixNano: string;
  attributes: Record<string, unknown>;
}

export interface ReceivedSpan {
  traceId: string; // 32 hex
  spanId: string; // 16 hex
  parentSpanId: string; // 16 hex, "" for a root span
  traceState: string;
  flags: number;
  name: string;
  kind: number; // OTLP enum: 1 internal, 2 server, 3 client, 4 producer, 5 consumer
  startTimeUnixNano: string; // decimal; nanoseconds do not fit a JS number
  endTimeUnixNano: string;
  attributes: Record<string, unknown>;
  events: ReceivedEvent[];
  status: { code: number; message: string };
  resource: Record<string, unknown>;
  scope: { name: string; version: string };
}

export interface ReceivedRequest {
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Receiver {
  endpoint: string; // base URL, for OTEL_EXPORTER_OTLP_ENDPOINT
  spans(): ReceivedSpan[];
  waitFor(pred: (spans: ReceivedSpan[]) => boolean, timeoutMs: number): Promise<ReceivedSpan[]>;
  requests: ReceivedRequest[];
  errors: string[]; // requests that could not be decoded
  close(): Promise<void>;
}

export interface ReceiverOptions {
  // HTTP statuses to answer the first requests with (e.g. [503] to test retries).
  failures?: number[];
}

export async function startReceiver(opts: ReceiverOptions = {}): Promise<Receiver> {
  const received: ReceivedSpan[] = [];
  const requests: ReceivedRequest[] = [];
  const errors: string[] = [];
  const waiters = new Set<() => void>();
  const failures = [...(opts.failures ?? [])];

  const server = createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const contentType = String(req.headers["content-type"] ?? "").split(";")[0].trim();
    if (req.method !== "POST" || req.url !== "/v1/traces") {
      res.writeHead(404).end();
      return;
    }
    requests.push({ contentType, headers: { ...req.headers } });
    const failure = failures.shift();
    if (failure !== undefined) {
      res.writeHead(failure).end();
      return;
    }
    let spans: ReceivedSpan[];
    try {
      const raw = req.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body;
      if (contentType === "application/x-protobuf") spans = decodeProtobufRequest(raw);
      else if (contentType === "application/json") spans = decodeJsonRequest(JSON.parse(raw.toString("utf8")));
      else throw new Error(`unsupported content type "${contentType}"`);
    } catch (err) {
      errors.push(String(err instanceof Error ? err.message : err));
      res.writeHead(400, { "content-type": "text/plain" }).end(String(err));
      return;
    }
    received.push(...spans);
    // An empty ExportTraceServiceResponse in the request's own encoding.
    if (contentType === "application/json") res.writeHead(200, { "content-type": "application/json" }).end("{}");
    else res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    for (const w of [...waiters]) w();
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans: () => [...received],
    requests,
    errors,
    waitFor(pred, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          if (!pred([...received])) return false;
          cleanup();
          resolve([...received]);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`waitFor: condition not met within ${timeoutMs} ms; received ${received.length} spans:\n${formatTraceTree(received)}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

// ---------------------------------------------------------------------------
// Protobuf: a minimal reader for the OTLP trace messages.

interface Field {
  num: number;
  wire: number;
  varint?: bigint;
  fixed?: Buffer; // 8 or 4 raw little-endian bytes
  bytes?: Buffer;
}

function readFields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error("protobuf: truncated varint");
      const b = buf[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error("protobuf: varint too long");
    }
  };
  const take = (n: number): Buffer => {
    if (pos + n > buf.length) throw new Error(`protobuf: field runs past the end (${n} bytes at ${pos} of ${buf.length})`);
    const b = buf.subarray(pos, pos + n);
    pos += n;
    return b;
  };
  while (pos < buf.length) {
    const key = varint();
    const f: Field = { num: Number(key >> 3n), wire: Number(key & 7n) };
    switch (f.wire) {
      case 0:
        f.varint = varint();
        break;
      case 1:
        f.fixed = take(8);
        break;
      case 2:
        f.bytes = take(Number(varint()));
        break;
      case 5:
        f.fixed = take(4);
        break;
      default:
        throw new Error(`protobuf: unsupported wire type ${f.wire} for field ${f.num}`);
    }
    out.push(f);
  }
  return out;
}

const subs = (fields: Field[], num: number): Buffer[] =>
  fields.filter((f) => f.num === num && f.bytes !== undefined).map((f) => f.bytes as Buffer);
const sub = (fields: Field[], num: number): Buffer | undefined => subs(fields, num).at(-1);
const str = (fields: Field[], num: number): string => sub(fields, num)?.toString("utf8") ?? "";
const hexOf = (fields: Field[], num: number): string => sub(fields, num)?.toString("hex") ?? "";
const varintOf = (fields: Field[], num: number): bigint =>
  fields.filter((f) => f.num === num && f.varint !== undefined).at(-1)?.varint ?? 0n;
const fixed64Of = (fields: Field[], num: number): string =>
  fields.filter((f) => f.num === num && f.fixed?.length === 8).at(-1)?.fixed?.readBigUInt64LE(0).toString() ?? "0";
const fixed32Of = (fields: Field[], num: number): number =>
  fields.filter((f) => f.num === num && f.fixed?.length === 4).at(-1)?.fixed?.readUInt32LE(0) ?? 0;

function int64ToValue(v: bigint): number | string {
  const signed = BigInt.asIntN(64, v);
  return signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(signed) : signed.toString();
}

function pbAnyValue(buf: Buffer): unknown {
  const fields = readFields(buf);
  const f = fields.at(-1);
  if (!f) return undefined;
  switch (f.num) {
    case 1:
      return f.bytes?.toString("utf8") ?? "";
    case 2:
      return (f.varint ?? 0n) !== 0n;
    case 3:
      return int64ToValue(f.varint ?? 0n);
    case 4:
      return f.fixed?.readDoubleLE(0) ?? 0;
    case 5:
      return subs(readFields(f.bytes ?? Buffer.alloc(0)), 1).map(pbAnyValue);
    case 6:
      return pbAttributes(subs(readFields(f.bytes ?? Buffer.alloc(0)), 1));
    case 7:
      return (f.bytes ?? Buffer.alloc(0)).toString("base64");
  }
  throw new Error(`protobuf: unknown AnyValue field ${f.num}`);
}

function pbAttributes(kvs: Buffer[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of kvs) {
    const f = readFields(kv);
    const value = sub(f, 2);
    out[str(f, 1)] = value === undefined ? undefined : pbAnyValue(value);
  }
  return out;
}

export function decodeProtobufRequest(body: Buffer): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const rsBuf of subs(readFields(body), 1)) {
    const rs = readFields(rsBuf);
    const resBuf = sub(rs, 1);
    const resource = resBuf ? pbAttributes(subs(readFields(resBuf), 1)) : {};
    for (const ssBuf of subs(rs, 2)) {
      const ss = readFields(ssBuf);
      const scopeBuf = sub(ss, 1);
      const sf = scopeBuf ? readFields(scopeBuf) : [];
      const scope = { name: str(sf, 1), version: str(sf, 2) };
      for (const spanBuf of subs(ss, 2)) {
        const s = readFields(spanBuf);
        const statusBuf = sub(s, 15);
        const st = statusBuf ? readFields(statusBuf) : [];
        spans.push({
          traceId: hexOf(s, 1),
          spanId: hexOf(s, 2),
          traceState: str(s, 3),
          parentSpanId: hexOf(s, 4),
          flags: fixed32Of(s, 16),
          name: str(s, 5),
          kind: Number(varintOf(s, 6)),
          startTimeUnixNano: fixed64Of(s, 7),
          endTimeUnixNano: fixed64Of(s, 8),
          attributes: pbAttributes(subs(s, 9)),
          events: subs(s, 11).map((evBuf) => {
            const ev = readFields(evBuf);
            return { timeUnixNano: fixed64Of(ev, 1), name: str(ev, 2), attributes: pbAttributes(subs(ev, 3)) };
          }),
          status: { message: str(st, 2), code: Number(varintOf(st, 3)) },
          resource,
          scope,
        });
      }
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------
// JSON: the OTLP JSON mapping (hex ids, lowerCamelCase, int64 as strings).

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const jstr = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

function jsonAnyValue(v: unknown): unknown {
  const o = obj(v);
  if ("stringValue" in o) return jstr(o.stringValue);
  if ("boolValue" in o) return o.boolValue === true;
  if ("intValue" in o) return int64ToValue(BigInt(jstr(o.intValue) || "0"));
  if ("doubleValue" in o) return typeof o.doubleValue === "number" ? o.doubleValue : Number(jstr(o.doubleValue)); // "NaN", "Infinity", "-Infinity"
  if ("arrayValue" in o) return arr(obj(o.arrayValue).values).map(jsonAnyValue);
  if ("kvlistValue" in o) return jsonAttributes(obj(o.kvlistValue).values);
  if ("bytesValue" in o) return jstr(o.bytesValue);
  return undefined;
}

function jsonAttributes(v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of arr(v)) out[jstr(obj(kv).key)] = jsonAnyValue(obj(kv).value);
  return out;
}

export function decodeJsonRequest(body: unknown): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const rs of arr(obj(body).resourceSpans)) {
    const resource = jsonAttributes(obj(obj(rs).resource).attributes);
    for (const ss of arr(obj(rs).scopeSpans)) {
      const sc = obj(obj(ss).scope);
      const scope = { name: jstr(sc.name), version: jstr(sc.version) };
      for (const sv of arr(obj(ss).spans)) {
        const s = obj(sv);
        const status = obj(s.status);
        spans.push({
          traceId: jstr(s.traceId).toLowerCase(),
          spanId: jstr(s.spanId).toLowerCase(),
          parentSpanId: jstr(s.parentSpanId).toLowerCase(),
          traceState: jstr(s.traceState),
          flags: Number(s.flags ?? 0),
          name: jstr(s.name),
          kind: Number(s.kind ?? 0),
          startTimeUnixNano: jstr(s.startTimeUnixNano) || "0",
          endTimeUnixNano: jstr(s.endTimeUnixNano) || "0",
          attributes: jsonAttributes(s.attributes),
          events: arr(s.events).map((e) => ({
            name: jstr(obj(e).name),
            timeUnixNano: jstr(obj(e).timeUnixNano) || "0",
            attributes: jsonAttributes(obj(e).attributes),
          })),
          status: { code: Number(status.code ?? 0), message: jstr(status.message) },
          resource,
          scope,
        });
      }
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------
// Rendering.

const KIND_NAMES = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];

// Attributes worth a glance in a tree; everything else would drown the shape.
const KEY_ATTRIBUTES = [
  "http.request.method",
  "http.route",
  "url.full",
  "url.path",
  "http.response.status_code",
  "server.address",
  "db.system.name",
  "db.system",
  "db.operation.name",
  "db.query.text",
  "rpc.method",
  "error.type",
  "code.function.name",
  "code.function",
];

export function spanDurationMs(s: ReceivedSpan): number {
  return Number(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano)) / 1e6;
}

/** Renders spans as indented trees, one per trace, children in start order. */
export function formatTraceTree(spans: ReceivedSpan[]): string {
  const byTrace = new Map<string, ReceivedSpan[]>();
  for (const s of spans) {
    const list = byTrace.get(s.traceId) ?? [];
    list.push(s);
    byTrace.set(s.traceId, list);
  }
  const lines: string[] = [];
  for (const [traceId, list] of byTrace) {
    const ids = new Set(list.map((s) => s.spanId));
    const children = new Map<string, ReceivedSpan[]>();
    const roots: ReceivedSpan[] = [];
    for (const s of list) {
      if (s.parentSpanId && ids.has(s.parentSpanId)) {
        const c = children.get(s.parentSpanId) ?? [];
        c.push(s);
        children.set(s.parentSpanId, c);
      } else roots.push(s);
    }
    const byStart = (a: ReceivedSpan, b: ReceivedSpan): number =>
      BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : BigInt(a.startTimeUnixNano) > BigInt(b.startTimeUnixNano) ? 1 : 0;
    lines.push(`trace ${traceId}`);
    const walk = (s: ReceivedSpan, prefix: string, last: boolean, parentService: unknown): void => {
      const service = s.resource["service.name"];
      const parts = [`${s.name} [${KIND_NAMES[s.kind] ?? s.kind}] ${spanDurationMs(s).toFixed(2)}ms`];
      if (service !== parentService) parts.push(`(${String(service)})`);
      for (const k of KEY_ATTRIBUTES) {
        // The older name of db.system.name says nothing more when both are there.
        if (k === "db.system" && s.attributes["db.system.name"] === s.attributes[k]) continue;
        if (k in s.attributes) {
          const v = String(s.attributes[k]);
          parts.push(`${k}=${v.length > 60 ? v.slice(0, 57) + "..." : v}`);
        }
      }
      if (s.status.code === 2) parts.push(`ERROR${s.status.message ? `: ${s.status.message}` : ""}`);
      if (s.parentSpanId && !ids.has(s.parentSpanId)) parts.push(`(parent ${s.parentSpanId} not received)`);
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${parts.join("  ")}`);
      const kids = (children.get(s.spanId) ?? []).sort(byStart);
      kids.forEach((k, i) => walk(k, prefix + (last ? "   " : "│  "), i === kids.length - 1, service));
    };
    roots.sort(byStart).forEach((r, i) => walk(r, "", i === roots.length - 1, undefined));
  }
  return lines.join("\n");
}
