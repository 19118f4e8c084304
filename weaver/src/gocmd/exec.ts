import { spawn } from 'node:child_process';
import type { Env } from './env.js';
import { UsageError } from './usage.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a helper go command whose output go-weave reads (go list, go env, go mod edit). */
export function capture(cmd: string, args: string[], opts: { cwd?: string; env: Env }): Promise<Captured> {
  return new Promise((resolveP, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? notFound(cmd) : e);
    });
    child.on('close', (code, signal) => {
      resolveP({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/**
 * Runs the user's go command with the terminal attached. Signals that reach go-weave (a CI
 * cancel, a test harness stopping `go-weave run`) are forwarded so the child does not linger.
 */
export function runAttached(cmd: string, args: string[], opts: { cwd?: string; env: Env }): Promise<number> {
  return new Promise((resolveP, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, stdio: 'inherit' });
    const forward = (sig: NodeJS.Signals) => () => {
      child.kill(sig);
    };
    const handlers: [NodeJS.Signals, () => void][] = (['SIGINT', 'SIGTERM', 'SIGHUP'] as NodeJS.Signals[]).map((s) => [s, forward(s)]);
    for (const [s, h] of handlers) process.on(s, h);
    const cleanup = () => {
      for (const [s, h] of handlers) process.off(s, h);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      cleanup();
      reject(e.code === 'ENOENT' ? notFound(cmd) : e);
    });
    child.on('close', (code, signal) => {
      cleanup();
      resolveP(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}

/** A missing toolchain is the user's to fix, not an internal error. */
function notFound(cmd: string): UsageError {
  return new UsageError(`go-weave: cannot run "${cmd}": not found (set GOWEAVE_GO to the go binary, or put go on PATH)`);
}
