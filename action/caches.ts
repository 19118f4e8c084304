// Three caches with separate keys, because they go stale at different rates: modules
// change with go.sum, build outputs also with the toolchain and the aspects, woven
// sources with the weaver and the aspects. Keys end in the go.sum hash so the prefix
// (everything before it) serves as restore key when only go.sum moved.
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import * as fs from 'node:fs';

export type CacheKind = 'mod' | 'build' | 'weave';
export const KINDS: CacheKind[] = ['mod', 'build', 'weave'];

export interface KeyParts {
  os: string;
  arch: string;
  imageOS: string;
  goVersion: string;
  weaverVersion: string;
  aspectHash: string;
  depsHash: string;
  suffix: string;
}

export interface CachePlan {
  kind: CacheKind;
  path: string;
  key: string;
  restoreKeys: string[];
}

export interface Restored extends CachePlan {
  matchedKey: string; // '' on a miss
  exact: boolean;
}

/** Key for one cache; only the inputs that change its contents go in. */
export function cacheKey(kind: CacheKind, p: KeyParts): { key: string; restoreKeys: string[] } {
  const parts = ['go-weave', kind, p.os, p.arch];
  if (p.imageOS) parts.push(p.imageOS);
  parts.push(`go${p.goVersion}`);
  // Module downloads depend on neither the weaver nor the aspects.
  if (kind !== 'mod') parts.push(`gw${p.weaverVersion}`, `a${p.aspectHash}`);
  if (p.suffix) parts.push(p.suffix);
  const prefix = `${parts.join('-')}-`;
  return { key: `${prefix}${p.depsHash}`, restoreKeys: [prefix] };
}

export function available(): boolean {
  try {
    return cache.isFeatureAvailable();
  } catch {
    return false;
  }
}

/** Restores every planned cache; a service failure is a warning and a miss, never an error. */
export async function restoreAll(plans: CachePlan[]): Promise<Restored[]> {
  return Promise.all(
    plans.map(async (p): Promise<Restored> => {
      let matched: string | undefined;
      try {
        matched = await cache.restoreCache([p.path], p.key, p.restoreKeys);
      } catch (e) {
        core.warning(`${p.kind} cache: restore failed, continuing without it: ${(e as Error).message}`);
      }
      const matchedKey = matched ?? '';
      core.info(`${p.kind} cache: ${matchedKey === '' ? 'miss' : matchedKey === p.key ? 'exact hit' : `restored from ${matchedKey}`} (key ${p.key})`);
      return { ...p, matchedKey, exact: matchedKey === p.key };
    }),
  );
}

function nonEmptyDir(p: string): boolean {
  try {
    return fs.readdirSync(p).length > 0;
  } catch {
    return false;
  }
}

export type SaveOutcome = 'saved' | 'exact-hit' | 'empty' | 'failed' | 'disabled';

/** Saves one cache unless its exact key was restored; returns what happened, never throws. */
export async function saveOne(r: Restored): Promise<SaveOutcome> {
  if (r.exact) {
    core.info(`${r.kind} cache: exact key ${r.key} was restored; not saving`);
    return 'exact-hit';
  }
  if (!nonEmptyDir(r.path)) {
    core.info(`${r.kind} cache: ${r.path} is empty or missing; nothing to save`);
    return 'empty';
  }
  try {
    const id = await cache.saveCache([r.path], r.key);
    if (id === -1) {
      core.warning(`${r.kind} cache: not saved under ${r.key} (see the messages above)`);
      return 'failed';
    }
    core.info(`${r.kind} cache: saved under ${r.key}`);
    return 'saved';
  } catch (e) {
    core.warning(`${r.kind} cache: saving failed, the job goes on: ${(e as Error).message}`);
    return 'failed';
  }
}
