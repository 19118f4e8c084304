import { existsSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { Env } from './env.js';
import { capture } from './exec.js';
import type { Prepared } from './pipeline.js';
import { replayRecord, writeReplayRecord, type ReplayExtras } from './replay.js';

/**
 * Builds the native launcher (launcher/, standard library only) at the path the go-weave shell
 * entry looks for it. Runs once per go-weave build and weave cache, after the user's command,
 * with the user's go and build cache (so it mostly links packages already compiled). Not on the
 * first woven command, though: a one-off build (a CI job's only go command, a cold build) never
 * needs it, so only the second command that finds none pays its ~0.3 s. A failure (an old Go,
 * an unsupported system) is remembered beside the path and never retried: go-weave simply keeps
 * running through Node.
 */
export async function ensureLauncher(go: string, env: Env, target: string, src: string): Promise<boolean> {
  if (existsSync(target)) return true;
  const failed = target + '.failed';
  if (existsSync(failed)) return false;
  const wanted = join(dirname(target), 'wanted');
  if (!existsSync(wanted)) {
    writeFileAtomic(wanted, '');
    return false;
  }
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  // A host binary whatever the user builds for, and nothing of the user's module or flags.
  const buildEnv: Env = { ...env, GOWORK: 'off', GOFLAGS: '-mod=mod -buildvcs=false', GOTOOLCHAIN: 'local' };
  for (const k of ['GOOS', 'GOARCH', 'GOEXPERIMENT', 'GO386', 'GOAMD64', 'GOARM', 'GOARM64']) delete buildEnv[k];
  try {
    // -s -w: no symbol table or DWARF; the launcher is never debugged in place, and it is cached in CI.
    const r = await capture(go, ['build', '-ldflags=-s -w', '-o', tmp, '.'], { cwd: src, env: buildEnv });
    if (r.code !== 0) {
      writeFileAtomic(failed, r.stderr);
      return false;
    }
    renameSync(tmp, target);
    return true;
  } catch (err) {
    rmSync(tmp, { force: true });
    writeFileAtomic(failed, String(err));
    return false;
  }
}

/** Where the launcher keeps the record of this command line (it alone computes the key). */
export async function recordPathFor(launcher: string, args: string[], env: Env): Promise<string | undefined> {
  const r = await capture(launcher, ['-goweave-record-path', ...args], { env });
  const path = r.stdout.trim();
  return r.code === 0 && path.endsWith('.json') ? path : undefined;
}

/**
 * After a woven command ran through Node: leaves the record the launcher replays next time.
 * GOWEAVE_REPLAY_RECORD is set when the launcher handed the command over; GOWEAVE_LAUNCHER when
 * the shell entry found no launcher, which is then built here. Never changes the command's
 * outcome: a record that cannot be written just means Node runs again next time.
 */
export async function rememberForReplay(p: Prepared, env: Env, argv: string[], extras: ReplayExtras, launcherSrc: () => string): Promise<void> {
  try {
    let path = env.GOWEAVE_REPLAY_RECORD;
    const launcher = env.GOWEAVE_LAUNCHER;
    if (!path && launcher && (await ensureLauncher(p.go, p.goEnv, launcher, launcherSrc()))) path = await recordPathFor(launcher, argv, env);
    if (!path) return;
    const r = replayRecord(p, env, extras);
    if (r) writeReplayRecord(path, r);
  } catch (err) {
    if (env.GOWEAVE_VERBOSE) process.stderr.write(`go-weave: no replay record: ${(err as Error).message}\n`);
  }
}
