// JSON log records as the log-correlation tests read them (test/logs.test.ts for log/slog,
// test/logs-libraries.test.ts for logrus, zerolog and zap): one object per line of a program's
// output, and the trace context go-weave:logs adds to them.
import assert from 'node:assert/strict';
import type { ReceivedSpan } from './otlp-receiver.ts';

export type LogLine = Record<string, unknown>;
export type Ids = [unknown, unknown, unknown];

/** The fields go-weave:logs adds, OpenTelemetry's names for the trace context of a log record. */
export const IDS = ['trace_id', 'span_id', 'trace_flags'];

export const lines = (stdout: string): string[] => stdout.trim().split('\n');
export const records = (stdout: string): LogLine[] => lines(stdout).map((l) => JSON.parse(l) as LogLine);

/**
 * A record, nested objects included, without its time (`time`, zap's `ts`) and the ids go-weave
 * adds, for comparing with the plain build's. An id whose value is `own` is the program's own
 * field and stays.
 */
export function withoutIds(r: LogLine, own?: string): LogLine {
  const out: LogLine = {};
  for (const [k, v] of Object.entries(r)) {
    if (k === 'time' || k === 'ts' || (IDS.includes(k) && v !== own)) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? withoutIds(v as LogLine, own) : v;
  }
  return out;
}

/** The trace context a record carries: trace_id, span_id, trace_flags. */
export function ids(r: LogLine | undefined): Ids {
  assert.ok(r, 'record missing');
  return [r.trace_id, r.span_id, r.trace_flags];
}

/** What a record written outside any span carries. */
export const NONE: Ids = [undefined, undefined, undefined];

/** What a record written under span s carries (s sampled). */
export const under = (s: ReceivedSpan): Ids => [s.traceId, s.spanId, '01'];
