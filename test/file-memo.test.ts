// The per-file memo: a package re-woven after one of its files changed gives exactly what a fresh
// weave gives, while the other files come from the memo. Real core, real standard library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAspectFiles, loadConfig, weavePackage, type AspectSet, type FileMemo, type PackageInput } from '../weaver/src/index.ts';
import { tempDir } from './support/go-tool.ts';
import { stdPackages } from './support/std-packages.ts';

/** A memo in a Map, counting what it served and what it stored. */
function mapMemo(): FileMemo & { hits: number; stores: number; entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const m = {
    hits: 0, stores: 0, entries,
    get(key: string): unknown {
      const v = entries.get(key);
      if (v !== undefined) m.hits++;
      return v === undefined ? undefined : JSON.parse(v);
    },
    set(key: string, value: unknown): void {
      m.stores++;
      entries.set(key, JSON.stringify(value));
    },
  };
  return m;
}

// Every body, once-per-package declarations and file-level advice: all the state that passes
// from one file of a package to the next.
const ASPECTS = `aspects:
  - id: every-body
    join-point: {function-body: {function: []}}
    advice: [{prepend-statements: {template: 'if false { println({{ printf "%q" .Function.Name }}) }'}}]
  - id: once
    join-point: {function-body: {function: []}}
    advice: [{inject-declarations: {template: 'var goWeaveOnce = 1'}}]
`;

/** Returns how many files the memo stored on the cold weave (none where no aspect applies). */
async function check(set: AspectSet, pkg: PackageInput): Promise<number> {
  const memo = mapMemo();
  const fresh = await weavePackage(set, pkg);
  assert.deepEqual(await weavePackage(set, pkg, memo), fresh, `${pkg.importPath}: the memo changed a cold weave`);
  const stored = memo.stores;
  if (stored === 0) return 0;
  assert.deepEqual(await weavePackage(set, pkg, memo), fresh, `${pkg.importPath}: a warm memo changed the weave`);
  assert.equal(memo.hits, stored);

  // Edit the middle one of the files the weave changed (in path order): it, and any file after it
  // whose inputs changed, are woven again; the rest are served; the result is a fresh weave's.
  const changed = fresh.files.filter((f) => f.changed).map((f) => f.path).sort();
  const sorted = changed.map((path) => pkg.files.find((f) => f.path === path)!);
  const target = sorted[Math.floor(sorted.length / 2)];
  const edited: PackageInput = { ...pkg, files: pkg.files.map((f) => (f === target ? { ...f, source: `${f.source}\nfunc goWeaveEdited() {}\n` } : f)) };
  memo.hits = 0;
  memo.stores = 0;
  assert.deepEqual(await weavePackage(set, edited, memo), await weavePackage(set, edited), `${pkg.importPath}: an edit re-woven from the memo differs`);
  assert.ok(memo.stores >= 1, `${pkg.importPath}: the edited file was not woven again`);
  assert.ok(memo.hits >= Math.floor(sorted.length / 2), `${pkg.importPath}: only ${memo.hits} files came from the memo`);

  // Drop the first woven file: the state it left for the others (a once-per-package declaration
  // injected there) now comes from elsewhere, and the memo must not serve the old outcomes.
  const dropped: PackageInput = { ...pkg, files: pkg.files.filter((f) => f !== sorted[0]) };
  assert.deepEqual(await weavePackage(set, dropped, memo), await weavePackage(set, dropped), `${pkg.importPath}: a dropped file re-woven from the memo differs`);
  return stored;
}

test('per-file memo: same weave cold, warm and after an edit, for the built-in aspects and a package-wide aspect', async () => {
  const dir = tempDir('file-memo');
  writeFileSync(join(dir, 'aspects.yml'), ASPECTS);
  const sets = [await loadConfig({}), loadAspectFiles([join(dir, 'aspects.yml')])];
  const wanted = new Set(['net/http', 'database/sql', 'testing', 'encoding/json', 'os']);
  const pkgs = stdPackages().filter((p) => wanted.has(p.importPath));
  assert.equal(pkgs.length, wanted.size);
  for (const set of sets) {
    const stored = new Map<string, number>();
    for (const p of pkgs) {
      const input: PackageInput = { importPath: p.importPath, name: p.name, standard: true, files: p.files };
      stored.set(p.importPath, await check(set, input));
    }
    // net/http is woven by both sets; the package-wide set weaves every package.
    assert.ok((stored.get('net/http') ?? 0) > 3, JSON.stringify([...stored]));
    if (set === sets[1]) for (const [k, n] of stored) assert.ok(n > 0, `${k}: nothing stored`);
  }
});

test('per-file memo: a damaged entry is a miss, not a wrong weave', async () => {
  const set = await loadConfig({});
  const p = stdPackages().find((x) => x.importPath === 'net/http');
  assert.ok(p);
  const input: PackageInput = { importPath: p.importPath, name: p.name, standard: true, files: p.files };
  const memo = mapMemo();
  const fresh = await weavePackage(set, input, memo);
  for (const k of memo.entries.keys()) memo.entries.set(k, JSON.stringify({ source: 3 }));
  memo.hits = 0;
  assert.deepEqual(await weavePackage(set, input, memo), fresh);
});
