// The aspect configuration is loaded from YAML only when its files changed; otherwise its hash,
// prefilter answers and (for a core that can revive it) the set itself come from the weave cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WeaveCache } from '../weaver/src/gocmd/cache.ts';
import type { Core } from '../weaver/src/gocmd/core.ts';
import { LazyConfig } from '../weaver/src/gocmd/lazyconfig.ts';
import { sha256 } from '../weaver/src/gocmd/hash.ts';
import { removeTree, writeTree } from './support/go-fixture.ts';

interface Set { files: string[]; text: string }

function countingCore(loads: string[], revive: boolean): Core<Set> {
  return {
    loadConfig: async (opts) => {
      const file = opts.configPath as string;
      loads.push(file);
      return { files: [file], text: readFileSync(file, 'utf8') };
    },
    packageMayMatch: (a, ref) => a.text.includes(ref.importPath),
    weavePackage: async () => { throw new Error('not used'); },
    aspectSetHash: (a) => sha256(a.text),
    fingerprint: 'counting',
    ...(revive ? { revive: async (json: unknown) => json as Set } : {}),
  };
}

test('an unchanged configuration is revived, not reloaded; an edited one is reloaded', async () => {
  const dir = writeTree({ 'aspects.yml': 'example.com/a\n' }, 'gw-lazy-');
  try {
    const cache = new WeaveCache(join(dir, 'cache'));
    const yml = join(dir, 'aspects.yml');
    const loads: string[] = [];
    const open = (revive: boolean) => new LazyConfig(countingCore(loads, revive), { configPath: yml }, cache, []);

    const first = open(true);
    assert.equal((await first.aspects()).text, 'example.com/a\n');
    first.save();
    assert.equal(loads.length, 1);

    const second = open(true);
    assert.equal(await second.hash(), sha256('example.com/a\n'));
    assert.equal((await second.aspects()).text, 'example.com/a\n');
    assert.equal(loads.length, 1, 'the unchanged set was parsed again');

    // Without revive the set must come from the files.
    await open(false).aspects();
    assert.equal(loads.length, 2);

    writeFileSync(yml, 'example.com/b\n');
    utimesSync(yml, new Date(), new Date(Date.now() + 5000));
    const third = open(true);
    assert.equal((await third.aspects()).text, 'example.com/b\n');
    assert.equal(loads.length, 3);
    assert.equal(await third.mayMatch({ importPath: 'example.com/b' }), true);
  } finally {
    removeTree(dir);
  }
});
