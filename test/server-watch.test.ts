// The weave server's watch of the user's sources (weaver/src/gocmd/server-watch.ts), on real
// directories through the kernel's file events: which changes count, and when a plan's record
// may be vouched for without planning again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceWatch } from '../weaver/src/gocmd/server-watch.ts';
import { removeTree } from './support/go-fixture.ts';

/** Long enough for a file event to reach the process. */
const settle = () => new Promise((r) => setTimeout(r, 200));

test('Go files and stamped names count; other files, and directories not watched, do not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-watch-'));
  const other = mkdtempSync(join(tmpdir(), 'gw-watch-other-'));
  let calls = 0;
  const w = new SourceWatch(() => calls++);
  try {
    writeFileSync(join(dir, 'a.go'), 'package a\n');
    const before = w.mark();
    w.update(new Set([dir]), new Set(['go.mod']));
    // A plan that started before the directory was watched cannot be vouched for by the watch.
    assert.equal(w.holds(before, [join(dir, 'a.go')]), false);
    // Nor can its stamps of files in a directory it began to watch (an edit between the two was
    // seen by neither); a directory past the limit of watches is left to the launcher's check.
    assert.equal(w.watchedBefore(before, [dir]), false);
    assert.equal(w.watchedBefore(before, [other]), true);
    const m = w.mark();
    assert.equal(w.watchedBefore(m, [dir, other]), true);
    assert.equal(w.holds(m, [join(dir, 'a.go')]), true);
    assert.equal(w.holds(m, [dir]), true, 'a directory stamp is covered by its own watch');
    assert.equal(w.holds(m, [join(other, 'b.go')]), false, 'a file in a directory not watched');

    // Build output and editor leftovers beside the sources change nothing.
    writeFileSync(join(dir, 'a'), 'binary');
    writeFileSync(join(dir, 'a.go~'), 'backup');
    writeFileSync(join(other, 'b.go'), 'package b\n');
    await settle();
    assert.equal(calls, 0);
    assert.equal(w.holds(m, [join(dir, 'a.go')]), true);

    assert.deepEqual(w.changedSince(m), []);
    writeFileSync(join(dir, 'a.go'), 'package a // edited\n');
    await settle();
    assert.ok(calls >= 1);
    assert.equal(w.holds(m, [join(dir, 'a.go')]), false);
    // What changed, once however many events the write made.
    assert.deepEqual(w.changedSince(m), [join(dir, 'a.go')]);

    // A stamped name other than a Go file, and an editor's save by rename.
    const m2 = w.mark();
    writeFileSync(join(dir, 'go.mod'), 'module a\n');
    await settle();
    assert.equal(w.holds(m2, []), false);
    // Something other than a Go file changed: the watch cannot say which Go files alone did.
    assert.equal(w.changedSince(m2), undefined);
    assert.equal(w.changedSince(m), undefined);
    const m3 = w.mark();
    writeFileSync(join(dir, '.a.go.swp'), 'x');
    renameSync(join(dir, '.a.go.swp'), join(dir, 'a.go'));
    await settle();
    assert.equal(w.holds(m3, []), false);
    assert.deepEqual(w.changedSince(m3), [join(dir, 'a.go')]);

    // A new directory changes the listing a plan stamped; an editor's scratch file, a
    // testdata or dot directory do not.
    const m4 = w.mark();
    writeFileSync(join(dir, '4913'), '');
    rmSync(join(dir, '4913'));
    mkdirSync(join(dir, 'testdata'));
    mkdirSync(join(dir, '.git'));
    await settle();
    assert.equal(w.holds(m4, []), true);
    mkdirSync(join(dir, 'lib'));
    await settle();
    assert.equal(w.holds(m4, []), false);
    assert.equal(w.changedSince(m4), undefined);

    // No longer wanted: unwatched, and no longer covering its files.
    const before2 = calls;
    w.update(new Set(), new Set());
    writeFileSync(join(dir, 'a.go'), 'package a // again\n');
    await settle();
    assert.equal(calls, before2);
    assert.equal(w.holds(w.mark(), [join(dir, 'a.go')]), false);
  } finally {
    w.close();
    removeTree(dir);
    removeTree(other);
  }
});

test('a watched directory that goes away stops vouching for its files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-watch-'));
  const w = new SourceWatch(() => undefined);
  try {
    w.update(new Set([dir]), new Set());
    const m = w.mark();
    removeTree(dir);
    await settle();
    assert.equal(w.holds(m, [join(dir, 'a.go')]), false);
    assert.equal(w.changedSince(m), undefined);
    // A directory that does not exist is simply not watched.
    w.update(new Set([dir]), new Set());
    assert.equal(w.holds(w.mark(), [join(dir, 'a.go')]), false);
  } finally {
    w.close();
  }
});

test('where events may come after the write (not inotify), the watch never vouches', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-watch-'));
  let calls = 0;
  const w = new SourceWatch(() => calls++, false);
  try {
    w.update(new Set([dir]), new Set());
    const m = w.mark();
    assert.equal(w.holds(m, [join(dir, 'a.go')]), false);
    // It still starts a plan on a save.
    writeFileSync(join(dir, 'a.go'), 'package a\n');
    await settle();
    assert.ok(calls >= 1);
    assert.equal(w.changedSince(m), undefined);
  } finally {
    w.close();
    removeTree(dir);
  }
});

test('a watched directory moved away, with a new one in its place, stops vouching', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gw-watch-'));
  const dir = join(root, 'pkg');
  const w = new SourceWatch(() => undefined);
  try {
    mkdirSync(dir);
    w.update(new Set([dir]), new Set());
    const m = w.mark();
    renameSync(dir, join(root, 'old'));
    mkdirSync(dir);
    await settle();
    assert.equal(w.holds(m, [join(dir, 'a.go')]), false);
    // Its edits would no longer be seen: planned again, the directory is watched anew.
    w.update(new Set([dir]), new Set());
    const m2 = w.mark();
    writeFileSync(join(dir, 'a.go'), 'package a\n');
    await settle();
    assert.equal(w.holds(m2, []), false);
  } finally {
    w.close();
    removeTree(root);
  }
});
