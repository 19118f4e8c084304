import { aspectSetHash, loadConfig, packageMayMatch, weavePackage, type AspectSet } from '../index.js';
import type { Core } from './core.js';
import { weaverFingerprint } from './fingerprint.js';

/** The weaving core of this checkout or bundle, behind the interface gocmd needs. */
export async function loadRealCore(): Promise<Core<AspectSet>> {
  return {
    loadConfig: async (opts) => loadConfig(opts),
    packageMayMatch,
    weavePackage,
    aspectSetHash,
    fingerprint: weaverFingerprint(),
  };
}
