// Runs a woven program with its spans exported to an OTLP receiver on loopback, as the tests of
// built-in aspects do: the program's output, and the spans it exported before it exited.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startReceiver, type ReceivedSpan } from './otlp-receiver.ts';

export interface TracedRun {
  stdout: string;
  stderr: string;
  spans: ReceivedSpan[];
}

/**
 * Runs binary to its end (a successful one unless exitCode names another) with
 * OTEL_EXPORTER_OTLP_ENDPOINT pointing at a new receiver (and no other OTEL_ or GOWEAVE_
 * variable of the caller's). The program flushes at exit, so the spans are those received by
 * then, unless `until` asks to wait for more (exports of goroutines still running at exit).
 */
export async function runTraced(binary: string, opts: { args?: string[]; env?: NodeJS.ProcessEnv; cwd?: string; exitCode?: number; until?: (spans: ReceivedSpan[]) => boolean } = {}): Promise<TracedRun> {
  const receiver = await startReceiver();
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('OTEL_') || k.startsWith('GOWEAVE_')) delete env[k];
    const child = spawn(binary, opts.args ?? [], { cwd: opts.cwd, env: { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000); // a hang guard, not a timing assertion
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    assert.equal(code, opts.exitCode ?? 0, stderr);
    const spans = opts.until ? await receiver.waitFor(opts.until, 10_000) : receiver.spans();
    return { stdout, stderr, spans };
  } finally {
    await receiver.close();
  }
}
