import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `go-weave-${prefix}-`));
}

export interface Run { code: number; stdout: string; stderr: string }

/** Runs a command to completion; tests assert on what it printed. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Run {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd, env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', ...opts.env }, input: opts.input,
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: opts.timeoutMs ?? 600_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

/** The go-weave CLI from the sources, as a user would run it. */
export function goWeave(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Run {
  return run(process.execPath, ['--import', import.meta.resolve('tsx'), join(REPO, 'weaver', 'src', 'cli', 'run.ts'), ...args], opts);
}
