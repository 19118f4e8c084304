// The weave cache forgets what no build used for five days, once a day, like go's build cache:
// every layout of entry (sharded files and directories, flat directories, module and toolchain
// copies) is judged by its last use, and directories of a later layout are left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { existsMarked, maybeTrimWeaveCache, trimWeaveCache } from '../weaver/src/gocmd/trim.ts';
import { removeTree, writeTree } from './support/go-fixture.ts';

const DAY = 86400;

function setAge(path: string, secondsAgo: number, now: number): void {
  const t = now / 1000 - secondsAgo;
  utimesSync(path, t, t);
}

test('entries unused for five days are removed, whatever their layout; used ones and unknown directories stay', () => {
  const now = Date.now();
  const root = writeTree({
    'pkg/ab/old.json': '{}',
    'pkg/ab/new.json': '{}',
    'src/cd/oldhash/main.go': 'package main',
    'src/cd/usedhash/main.go': 'package main',
    'overlay/ef/h/overlay.json': '{}',
    'replay/0123/old.json': '{}',
    'replay/0123/new.json': '{}',
    'mod/0a0b/go.mod': 'module m',
    'launcher/oldid/go-weave-launch': '',
    'launcher/curid/go-weave-launch': '',
    'modsrc/github.com/a/b@v1.0.0/go.mod': 'module github.com/a/b',
    'modsrc/github.com/a/b@v1.0.0/b.go': 'package b',
    'modsrc/github.com/a/c@v1.0.0/go.mod': 'module github.com/a/c',
    'modlines/github.com/a/e@v1.0.0/go.mod': 'module github.com/a/e',
    'modlines/github.com/a/f@v1.0.0/go.mod': 'module github.com/a/f',
    'goroot/golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64/bin/go': '',
    'modsrc/github.com/a/d@v1.0.0.tmp-123-abcd0123/d.go': 'package d',
    'later-layout/xx/entry': '',
    ...Object.fromEntries(['.info', '.mod', '.sums', '.zip'].flatMap((ext) => [[`modproxy/github.com/!a/g/@v/v1.0.1-0.old${ext}`, 'x'], [`modproxy/github.com/!a/g/@v/v1.0.1-0.new${ext}`, 'x']])),
    'modproxy/github.com/!a/g/@v/v1.0.1-0.dead.zip.tmp-123-abcd0123': 'x',
  }, 'gw-trim-');
  try {
    const all = ['pkg/ab/old.json', 'pkg/ab/new.json', 'pkg/ab', 'src/cd/oldhash/main.go', 'src/cd/oldhash', 'src/cd/usedhash/main.go', 'src/cd/usedhash',
      'overlay/ef/h/overlay.json', 'overlay/ef/h', 'replay/0123/old.json', 'replay/0123/new.json', 'mod/0a0b/go.mod', 'mod/0a0b',
      'launcher/oldid/go-weave-launch', 'launcher/oldid', 'launcher/curid/go-weave-launch', 'launcher/curid',
      'modsrc/github.com/a/b@v1.0.0/go.mod', 'modsrc/github.com/a/b@v1.0.0/b.go', 'modsrc/github.com/a/b@v1.0.0', 'modsrc/github.com/a/c@v1.0.0/go.mod', 'modsrc/github.com/a/c@v1.0.0',
      'modlines/github.com/a/e@v1.0.0/go.mod', 'modlines/github.com/a/e@v1.0.0', 'modlines/github.com/a/f@v1.0.0/go.mod', 'modlines/github.com/a/f@v1.0.0',
      'goroot/golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64/bin/go', 'goroot/golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64/bin', 'goroot/golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64',
      'modsrc/github.com/a/d@v1.0.0.tmp-123-abcd0123/d.go', 'modsrc/github.com/a/d@v1.0.0.tmp-123-abcd0123',
      'later-layout/xx/entry', 'later-layout/xx', 'modproxy/github.com/!a/g/@v', 'modproxy/github.com/!a/g/@v/v1.0.1-0.dead.zip.tmp-123-abcd0123',
      ...['.info', '.mod', '.sums', '.zip'].flatMap((ext) => [`modproxy/github.com/!a/g/@v/v1.0.1-0.old${ext}`, `modproxy/github.com/!a/g/@v/v1.0.1-0.new${ext}`])];
    for (const p of all) setAge(join(root, p), 6 * DAY, now);
    // Used within five days: by its file, by a file in its directory, or (copies) by the directory.
    for (const p of ['pkg/ab/new.json', 'src/cd/usedhash/main.go', 'replay/0123/new.json', 'launcher/curid', 'modsrc/github.com/a/c@v1.0.0', 'modlines/github.com/a/f@v1.0.0', 'modproxy/github.com/!a/g/@v/v1.0.1-0.new.zip']) setAge(join(root, p), 4 * DAY, now);
    const r = trimWeaveCache(root, now);
    const gone = ['pkg/ab/old.json', 'src/cd/oldhash', 'overlay/ef/h', 'replay/0123/old.json', 'mod/0a0b', 'launcher/oldid', 'modsrc/github.com/a/b@v1.0.0', 'modsrc/github.com/a/d@v1.0.0.tmp-123-abcd0123', 'modlines/github.com/a/e@v1.0.0', 'goroot/golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64',
      // A served version by its zip, with its other files, and a zip left half-written.
      ...['.info', '.mod', '.sums', '.zip'].map((ext) => `modproxy/github.com/!a/g/@v/v1.0.1-0.old${ext}`), 'modproxy/github.com/!a/g/@v/v1.0.1-0.dead.zip.tmp-123-abcd0123'];
    const kept = ['pkg/ab/new.json', 'src/cd/usedhash/main.go', 'replay/0123/new.json', 'launcher/curid/go-weave-launch', 'modsrc/github.com/a/c@v1.0.0/go.mod', 'modlines/github.com/a/f@v1.0.0/go.mod', 'later-layout/xx/entry',
      ...['.info', '.mod', '.sums', '.zip'].map((ext) => `modproxy/github.com/!a/g/@v/v1.0.1-0.new${ext}`)];
    for (const p of gone) assert.equal(existsSync(join(root, p)), false, `${p} should be removed`);
    for (const p of kept) assert.equal(existsSync(join(root, p)), true, `${p} should stay`);
    // A served version's four files are one entry (its zip).
    assert.deepEqual(r, { removed: gone.length - 3, kept: kept.length - 1 - 3 });
  } finally {
    removeTree(root);
  }
});

test('a trim runs at most once a day, and the first build only starts the clock', () => {
  const now = Date.now();
  const root = writeTree({ 'pkg/ab/old.json': '{}' }, 'gw-trim-');
  try {
    const old = join(root, 'pkg/ab/old.json');
    setAge(old, 6 * DAY, now);
    assert.equal(maybeTrimWeaveCache(root, now), undefined);
    assert.ok(existsSync(old), 'no trim before the clock started');
    assert.equal(Number(readFileSync(join(root, 'trim.txt'), 'utf8')), Math.floor(now / 1000));
    assert.equal(maybeTrimWeaveCache(root, now + 23 * 3600_000), undefined);
    assert.ok(existsSync(old), 'no second trim within a day');
    assert.deepEqual(maybeTrimWeaveCache(root, now + 25 * 3600_000), { removed: 1, kept: 0 });
    assert.equal(existsSync(old), false);
    // A damaged clock starts again instead of trimming.
    writeFileSync(join(root, 'trim.txt'), 'garbage');
    assert.equal(maybeTrimWeaveCache(root, now + 50 * 3600_000), undefined);
  } finally {
    removeTree(root);
  }
});

test('reading an entry marks it used, at most once an hour', () => {
  const now = Date.now();
  const root = writeTree({ 'a.json': '{}', 'b.json': '{}' }, 'gw-trim-');
  try {
    const a = join(root, 'a.json');
    const b = join(root, 'b.json');
    setAge(a, 2 * 3600, now);
    setAge(b, 30 * 60, now);
    const bBefore = statSync(b).mtimeMs;
    assert.equal(existsMarked(a), true);
    assert.equal(existsMarked(b), true);
    assert.ok(statSync(a).mtimeMs >= now - 1000, 'an entry last marked two hours ago is marked now');
    assert.equal(statSync(b).mtimeMs, bBefore, 'one marked half an hour ago is left as is');
    assert.equal(existsMarked(join(root, 'missing.json')), false);
  } finally {
    removeTree(root);
  }
});
