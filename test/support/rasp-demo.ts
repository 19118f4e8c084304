// Helpers for the RASP end-to-end tests: the payload lists shared with the Go
// unit tests (runtime/rasp/testdata) and a running examples/rasp server.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO } from './go-tool.ts';
import type { ReceivedSpan } from './otlp-receiver.ts';

export interface Payload { label: string; value: string; line: number }

/** Reads runtime/rasp/testdata/NAME: `LABEL VALUE` lines, `#` comments, `\t` and `\0` escapes. */
export function readPayloads(name: string): Payload[] {
  const file = join(REPO, 'runtime', 'rasp', 'testdata', name);
  const out: Payload[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const sp = line.indexOf(' ');
    if (sp < 0) throw new Error(`${file}:${i + 1}: expected LABEL VALUE, got ${JSON.stringify(line)}`);
    out.push({ label: line.slice(0, sp), value: line.slice(sp + 1).replaceAll('\\t', '\t').replaceAll('\\0', '\0'), line: i + 1 });
  });
  return out;
}

export interface Demo {
  url: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts the built example on a free loopback port, exporting to an OTLP endpoint. */
export async function startDemo(binary: string, opts: { dir: string; mode: string; otlp: string }): Promise<Demo> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('OTEL_') || k.startsWith('GOWEAVE_RASP')) delete env[k];
  const child: ChildProcess = spawn(binary, [], {
    cwd: opts.dir,
    env: {
      ...env, GOWEAVE_RASP: opts.mode, RASPDEMO_ADDR: '127.0.0.1:0', RASPDEMO_DIR: opts.dir,
      OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: opts.otlp, OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_BSP_MAX_QUEUE_SIZE: '8192',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let url = '';
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /listening on (http:\/\/\S+)/.exec(line);
    if (m) { url = m[1]; break; }
  }
  assert.ok(url, `raspdemo did not start:\n${stderr}`);
  return {
    url,
    stderr: () => stderr,
    stop: async () => { child.kill('SIGTERM'); await exited; },
  };
}

export interface Decision { span: ReceivedSpan; attrs: Record<string, unknown> }

/** The rasp.decision events of the server spans received so far. */
export function decisions(spans: ReceivedSpan[]): Decision[] {
  return spans.filter((s) => s.kind === 2).flatMap((span) =>
    span.events.filter((e) => e.name === 'rasp.decision').map((e) => ({ span, attrs: e.attributes })));
}

export interface Answer { status: number; body: string }

export async function get(base: string, path: string): Promise<Answer> {
  const res = await fetch(base + path);
  return { status: res.status, body: await res.text() };
}

export async function postJSON(base: string, path: string, body: unknown): Promise<Answer> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.text() };
}
