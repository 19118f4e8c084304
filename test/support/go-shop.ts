// Builds and runs the example service (examples/service) for end-to-end tests, the demo and the
// benchmarks: both processes, on kernel-chosen loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, type RunResult } from './go-fixture.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOP = join(REPO, 'examples', 'service');
export const GO = process.env.GOWEAVE_GO || 'go';
const CLI = join(REPO, 'bin', 'go-weave.js');

/** Runs the go-weave CLI from the sources of this checkout (never a stale bundle). */
export function goWeave(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return run(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? SHOP, env: { ...process.env, GOWEAVE_FROM_SOURCE: '1', ...opts.env } });
}

/** A copy of the example module, for tests that break it on purpose. */
export function copyShop(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-shop-'));
  cpSync(SHOP, dir, { recursive: true });
  return dir;
}

/** Builds both commands into outDir, woven (go-weave build) or plain (go build). */
export async function buildShop(outDir: string, opts: { woven: boolean; cwd?: string; env?: NodeJS.ProcessEnv; extra?: string[] }): Promise<RunResult> {
  const args = ['build', ...(opts.extra ?? []), '-o', outDir + '/', './cmd/frontend', './cmd/inventory'];
  if (opts.woven) return goWeave(args, { cwd: opts.cwd, env: opts.env });
  return run(GO, args, { cwd: opts.cwd ?? SHOP, env: { ...process.env, ...opts.env } });
}

export interface Service {
  url: string;
  proc: ChildProcess;
  output(): string;
  /** SIGTERM, then wait for exit; resolves to the exit code or signal name. */
  stop(): Promise<string>;
}

/** Starts one of the shop's binaries and waits for its "listening on" line. */
export function startService(bin: string, env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<Service> {
  return new Promise((resolveP, reject) => {
    const proc = spawn(bin, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let done = false;
    const exited = new Promise<string>((r) => proc.on('exit', (code, sig) => r(sig ?? String(code))));
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      proc.kill('SIGKILL');
      reject(new Error(`${bin} did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        resolveP({
          url: m[1],
          proc,
          output: () => out,
          stop: async () => {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
            const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
            const r = await exited;
            clearTimeout(t);
            return r;
          },
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`${bin} exited (${code}) before listening:\n${out}`));
    });
  });
}

export interface Shop {
  frontend: Service;
  inventory: Service;
  stop(): Promise<void>;
}

/**
 * Starts inventory, then frontend pointing at it. `otel` is the exporter environment (endpoint,
 * protocol); a short batch delay keeps tests from waiting for the 5 s default.
 */
export async function startShop(binDir: string, otel: NodeJS.ProcessEnv = {}): Promise<Shop> {
  const common = { OTEL_BSP_SCHEDULE_DELAY: '50', ...otel };
  const inventory = await startService(join(binDir, 'inventory'), { ...common, OTEL_SERVICE_NAME: 'inventory', INVENTORY_ADDR: '127.0.0.1:0' });
  let frontend: Service;
  try {
    frontend = await startService(join(binDir, 'frontend'), { ...common, OTEL_SERVICE_NAME: 'frontend', FRONTEND_ADDR: '127.0.0.1:0', INVENTORY_URL: inventory.url });
  } catch (e) {
    await inventory.stop();
    throw e;
  }
  return {
    frontend,
    inventory,
    stop: async () => {
      await Promise.all([frontend.stop(), inventory.stop()]);
    },
  };
}

/** The 1-based line of the first line of `file` (relative to the example) containing `needle`. */
export function lineOf(file: string, needle: string, root = SHOP): number {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${file}: no line contains ${JSON.stringify(needle)}`);
  return i + 1;
}
