// A throw-away PostgreSQL server for tests: Debian's postgresql package, a fresh cluster in a temp
// directory, listening on a free loopback port. As root, the server runs as the postgres user
// (PostgreSQL refuses to run as root).
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, listening } from './loopback.ts';

export interface Postgres {
  /** A connection URL for the postgres database, as the postgres user, without TLS. */
  url: string;
  port: number;
  stop(): void;
}

/** The newest installed server's bin directory. */
function serverBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed: run `apt-get update && apt-get install -y postgresql`');
  versions.sort((a, b) => Number(a) - Number(b));
  return join(root, versions[versions.length - 1], 'bin');
}

/**
 * How to run PostgreSQL's programs, which refuse to run as root: as they are for another user;
 * as root, as the postgres user (runuser), or where that is not allowed, as root mapped to the
 * postgres user in a user namespace of its own (unshare), which leaves file access as it is.
 */
function runner(bin: string, dir: string): (cmd: string, args: string[]) => [string, string[]] {
  if (process.getuid?.() !== 0) return (cmd, args) => [cmd, args];
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim();
  const [uid, gid] = [id('-u'), id('-g')];
  if (!uid) throw new Error('running as root, and there is no postgres user to run PostgreSQL as');
  const works = (cmd: string, args: string[]) => spawnSync(cmd, [...args, join(bin, 'initdb'), '--version']).status === 0;
  if (works('runuser', ['-u', 'postgres', '--'])) {
    chownSync(dir, Number(uid), Number(gid));
    return (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]];
  }
  const userns = ['--user', `--map-user=${uid}`, `--map-group=${gid}`];
  if (works('unshare', userns)) return (cmd, args) => ['unshare', [...userns, cmd, ...args]];
  throw new Error('running as root, and neither runuser nor unshare can run PostgreSQL as the postgres user');
}

export async function startPostgres(): Promise<Postgres> {
  const bin = serverBin();
  const dir = mkdtempSync(join(tmpdir(), 'go-weave-pg-'));
  const data = join(dir, 'data');
  const as = runner(bin, dir);
  const init = spawnSync(...as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']), { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
  const port = await freePort();
  // A process group of its own, which stop() signals whole: runuser, like su, ignores SIGINT
  // while it waits for its child, which would then never hear it.
  const server = spawn(...as(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']), { stdio: 'ignore', detached: true });
  let exited = false;
  server.once('exit', () => (exited = true));
  for (let i = 0; !(await listening(port)); i++) {
    if (exited || i > 200) throw new Error(`PostgreSQL did not listen on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    stop: () => {
      // SIGINT: a fast shutdown, which ends the clients' sessions and exits.
      const clean = () => rmSync(dir, { recursive: true, force: true });
      if (exited || server.pid === undefined) return clean();
      server.once('exit', clean);
      process.kill(-server.pid, 'SIGINT');
    },
  };
}
