import { aspectSetHash, loadConfig, packageMayMatch, weavePackage } from '../index.js';
import type { Core } from './core.js';
import { weaverFingerprint } from './fingerprint.js';

/** The weaving core of this checkout or bundle, behind the interface gocmd needs. */
export async function loadRealCore(): Promise<Core<unknown>> {
  return {
    loadConfig: async (opts) => loadConfig(opts),
    packageMayMatch: packageMayMatch as Core<unknown>['packageMayMatch'],
    weavePackage: weavePackage as Core<unknown>['weavePackage'],
    aspectSetHash: aspectSetHash as Core<unknown>['aspectSetHash'],
    fingerprint: weaverFingerprint(),
  };
}
