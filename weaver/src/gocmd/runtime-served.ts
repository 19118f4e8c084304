import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { GO_WEAVE_VERSION } from '../version.js';
import { sha256 } from './hash.js';
import { filesBelow, serveModule, type ModuleFile, type ServedVersion } from './modproxy.js';
import { RUNTIME_MODULE } from './plan.js';
import { existsMarked } from './trim.js';

/**
 * The runtime module, served by go-weave's module proxy at a version of its own instead of
 * replaced by its directory: the binary's build information then names it as any dependency
 * (`go-weave.dev/runtime v0.1.1-0.20000101000000-<content hash> h1:…`) rather than as
 * `v0.0.0 => <directory> (devel)`, which SBOM tools and scanners cannot place. The version
 * follows go-weave's release and is named by the files' content, not their location: two
 * installs of the same go-weave serve the same version, and a changed runtime never meets a
 * stale copy of its version in GOMODCACHE.
 */
export function serveRuntime(proxyRoot: string, gomodcache: string, runtimeDir: string): { served: ServedVersion; files: string[] } | undefined {
  const files = filesBelow(runtimeDir);
  const served = servedFor(proxyRoot, gomodcache, runtimeDir, files);
  // The files name the version: the record stamps them, so that an edit is a new plan.
  return served && { served, files: files.map((f) => f.path) };
}

function servedFor(proxyRoot: string, gomodcache: string, runtimeDir: string, files: ModuleFile[]): ServedVersion | undefined {
  const rel = (f: ModuleFile) => relative(runtimeDir, f.path).split(sep).join('/');
  const stamp = sha256(...files.map((f) => `${rel(f)}\0${f.size}\0${f.mtimeNs}`));
  const memoKey = `${proxyRoot}\0${gomodcache}\0${runtimeDir}`;
  const seen = memo.get(memoKey);
  // Every plan asks, the weave server's replan of a save too: while no file moved and the zip is
  // still there, the answer stands.
  if (seen?.stamp === stamp && (!seen.served || existsMarked(seen.served.zip))) return seen.served;
  const content = sha256(...files.flatMap((f) => [rel(f), sha256(readFileSync(f.path))]));
  const served = serveModule(proxyRoot, gomodcache, {
    path: RUNTIME_MODULE,
    version: `v${GO_WEAVE_VERSION}`,
    dir: runtimeDir,
    goMod: join(runtimeDir, 'go.mod'),
    changed: new Map(),
    render: (file) => file.text,
    renderKey: `runtime ${content}`,
  });
  memo.set(memoKey, { stamp, served });
  return served;
}

const memo = new Map<string, { stamp: string; served: ServedVersion | undefined }>();
