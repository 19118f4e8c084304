export { WeaveError } from './errors.js';
export { loadAspectFiles, loadConfig, aspectSetHash, builtinConfigPath } from './aspects/load.js';
export type { Aspect, AspectSet } from './aspects/types.js';
export { weavePackage, packageMayMatch, isWoven, testMainOnlyAspects, withoutOmittedComments } from './weave.js';
export type { FileMemo, PackageInput, PackageResult, WovenFile } from './weave.js';
export { assetPath } from './assets.js';
export { WOVEN_MARKER } from './print/print.js';
