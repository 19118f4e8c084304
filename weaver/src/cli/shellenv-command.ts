// go-weave shellenv [--go]: the shell line that puts go-weave (and, with --go, a woven `go`) on
// PATH. npx starts Node and npm before every command, which costs more than a whole unchanged
// build; a command found on PATH is the shell entry itself, which replays through the launcher.
import { mkdirSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join, resolve, sep } from 'node:path';
import { WeaveError } from '../errors.js';
import type { Env } from '../gocmd/env.js';
import { absoluteGo, isExecutableFile, weaveCacheDir } from '../gocmd/env.js';
import { sha256 } from '../gocmd/hash.js';
import { isGoShim, shellQuote, writeGoShim } from '../gocmd/shim.js';

export function shellenvCommand(args: string[], env: Env, out: (s: string) => void): number {
  const unknown = args.find((a) => a !== '--go');
  if (unknown !== undefined) throw new WeaveError(`shellenv: unknown argument "${unknown}" (expected --go or nothing)`);
  const withGo = args.includes('--go');
  if (process.platform === 'win32') throw new WeaveError('shellenv prints a line for POSIX shells (sh, bash, zsh), and go-weave has no shell entry on Windows: run go-weave through node_modules\\.bin instead');
  const entry = entryScript(env);
  const binRoot = join(weaveCacheDir(env), 'v1', 'bin');
  const realGo = withGo ? realGoOnPath(env, binRoot) : '';
  // One directory per installation, node and go: two checkouts (or two Go installations) never
  // share a shim, and running shellenv again puts the same directory on PATH.
  const dir = join(binRoot, sha256([entry, process.execPath, realGo].join('\0')).slice(0, 16));
  mkdirSync(dir, { recursive: true });
  replaceWithSymlink(join(dir, 'go-weave'), entry);
  if (withGo) writeGoShim(dir, process.execPath, entry, realGo, 'go-weave shellenv');
  // Evaluated again (a shell's rc file, a nested shell), PATH keeps one copy.
  const q = shellQuote(dir);
  out(`case ":$PATH:" in *:${q}:*) ;; *) PATH=${q}:"$PATH" ;; esac; export PATH\n`);
  return 0;
}

/**
 * The installed go-weave command (dist/weaver/go-weave), which the shell entry names when it
 * starts Node, else the one beside the running bundle.
 */
function entryScript(env: Env): string {
  const candidates = [env.GOWEAVE_ENTRY, process.argv[1] ? join(dirname(process.argv[1]), 'go-weave') : undefined];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const real = realpathSync(c);
      // The shell entry, not Node's script: only the entry replays through the launcher.
      if (!real.endsWith('.cjs') && !real.endsWith('.js') && !real.endsWith('.ts')) return real;
    } catch {
      // not there
    }
  }
  throw new WeaveError('shellenv: cannot find the go-weave command (dist/weaver/go-weave of the go-weave package); run it as go-weave shellenv from an installed go-weave');
}

/**
 * The go the shim runs: GOWEAVE_GO, else the first go on PATH that is not a go-weave shim (a
 * shell that evaluated shellenv before has one first).
 */
function realGoOnPath(env: Env, binRoot: string): string {
  if (env.GOWEAVE_GO) {
    const go = absoluteGo(env.GOWEAVE_GO, env);
    if (!go || !isExecutableFile(go)) throw new WeaveError(`shellenv --go: GOWEAVE_GO=${env.GOWEAVE_GO} is not an executable file (expected the go command to put go-weave in front of)`);
    return go;
  }
  const ours = resolve(binRoot) + sep;
  for (const d of (env.PATH ?? '').split(delimiter)) {
    const go = join(resolve(d || '.'), 'go');
    if (!isExecutableFile(go) || (resolve(d || '.') + sep).startsWith(ours) || isGoShim(go)) continue;
    return go;
  }
  throw new WeaveError('shellenv --go: no go command on PATH (install Go, or set GOWEAVE_GO to the go binary to put go-weave in front of)');
}

/** A symlink at path to target, replacing whatever is there in one rename. */
function replaceWithSymlink(path: string, target: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  symlinkSync(target, tmp);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
