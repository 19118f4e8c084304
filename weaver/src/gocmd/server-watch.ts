import { existsSync, watch, type FSWatcher } from 'node:fs';
import { isDirectory } from './dirs.js';
import { visitedDir } from './listing.js';
import { basename, dirname, join } from 'node:path';

/** More directories than this are left unwatched (their edits take the usual path). */
const MAX_WATCHED = 2000;
/** Changes remembered by path; a plan older than these many changes is planned whole. */
const MAX_LOGGED = 256;

/** Where a plan started, in a SourceWatch's terms. */
export interface WatchMark {
  generation: number;
  clock: number;
}

/**
 * The weave server's view of the user's source directories. Every change to a file a plan may
 * read (a Go file, or a name the plan stamped) moves `generation` on and calls `onChange`; the
 * server re-plans its recent builds then (a save is woven before the build that follows it), and
 * replies to a build at once only when nothing changed since that plan started.
 *
 * inotify queues an event within the write itself, so an edit made before a build started has
 * been seen by the time the server reads that build's request (see eventsSeen in server.ts).
 */
export class SourceWatch {
  /** Moves on with every relevant change in a watched directory. */
  generation = 0;
  /** Moves on with every directory watched anew: a plan trusts only watches older than itself. */
  private clock = 0;
  private readonly watchers = new Map<string, { w: FSWatcher; since: number }>();
  private relevant = new Set<string>();
  /** The latest changes, oldest first: the generation each began, and the Go file (or none: something else). */
  private readonly log: { generation: number; path?: string }[] = [];

  /**
   * trustEvents: whether an event is delivered before a write returns (inotify). macOS's
   * FSEvents and other back ends deliver later, so there the watch only triggers plans and
   * never vouches for anything.
   */
  constructor(
    private readonly onChange: () => void,
    private readonly trustEvents = process.platform === 'linux',
  ) {}

  /** Where a plan starting now stands: compare with `holds` later. */
  mark(): WatchMark {
    return { generation: this.generation, clock: this.clock };
  }

  /**
   * Nothing relevant changed since `m`, and every path (a file or directory a plan read while
   * it was too recent to vouch for) was watched since before `m`.
   */
  holds(m: WatchMark, paths: string[]): boolean {
    if (!this.trustEvents || m.generation !== this.generation) return false;
    return paths.every((p) => [p, dirname(p)].some((d) => {
      const w = this.watchers.get(d);
      return w !== undefined && w.since <= m.clock;
    }));
  }

  /**
   * No directory in `dirs` began to be watched after `m`: a plan's stamps were taken before its
   * new watches began, so an edit in between was seen by neither. (A directory never watched,
   * past MAX_WATCHED, is left to the launcher's own check of the stamps.)
   */
  watchedBefore(m: WatchMark, dirs: Iterable<string>): boolean {
    for (const d of dirs) {
      const w = this.watchers.get(d);
      if (w !== undefined && w.since > m.clock) return false;
    }
    return true;
  }

  /**
   * The Go files changed since `m`, each once, or undefined when something else changed too (a
   * directory, a file the plan stamped that is no Go file, an overflowed queue) or when the watch
   * cannot say (events it cannot trust, changes it no longer remembers).
   */
  changedSince(m: WatchMark): string[] | undefined {
    if (!this.trustEvents) return undefined;
    if (m.generation === this.generation) return [];
    const first = this.log[0];
    if (!first || first.generation > m.generation + 1) return undefined;
    const out = new Set<string>();
    for (const e of this.log) {
      if (e.generation <= m.generation) continue;
      if (e.path === undefined) return undefined;
      out.add(e.path);
    }
    return [...out];
  }

  /** Watches exactly `dirs`; `names` are the file names besides Go files whose change matters. */
  update(dirs: Set<string>, names: Set<string>): void {
    for (const [d, { w }] of this.watchers) {
      if (!dirs.has(d)) {
        w.close();
        this.watchers.delete(d);
      }
    }
    this.relevant = names;
    for (const d of dirs) {
      if (this.watchers.has(d) || this.watchers.size >= MAX_WATCHED) continue;
      try {
        const w = watch(d, { persistent: false }, (event, name) => this.changed(d, event, name));
        // A directory removed or renamed: its edits are no longer seen.
        w.on('error', () => this.drop(d));
        this.watchers.set(d, { w, since: ++this.clock });
      } catch {
        // Gone, unreadable, or out of inotify watches: edits there take the usual path.
      }
    }
  }

  close(): void {
    for (const { w } of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private drop(dir: string): void {
    this.watchers.get(dir)?.w.close();
    this.watchers.delete(dir);
    this.moveOn();
  }

  private moveOn(path?: string): void {
    this.generation++;
    this.log.push({ generation: this.generation, path });
    if (this.log.length > MAX_LOGGED) this.log.shift();
  }

  private changed(dir: string, event: string, name: string | Buffer | null): void {
    const n = name === null ? null : basename(name.toString());
    // The directory itself removed or moved (libuv names it by its own base name; a new one may
    // already stand in its place): the watch follows the old one, so it is dropped.
    if (event === 'rename' && (n === basename(dir) || !existsSync(dir))) {
      this.drop(dir);
      this.onChange();
      return;
    }
    // No name: the kernel's queue overflowed, or the directory itself changed. A new directory
    // changes its parent's listing, which a plan stamps (a package the plan never saw may be
    // there; listing.ts): a file that only comes and goes (an editor's test file) does not.
    if (n !== null && !n.endsWith('.go') && !this.relevant.has(n) && !(event === 'rename' && visitedDir(n) && isDirectory(join(dir, n)))) return;
    this.moveOn(n !== null && n.endsWith('.go') ? join(dir, n) : undefined);
    this.onChange();
  }
}
