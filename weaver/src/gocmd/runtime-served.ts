import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { GO_WEAVE_VERSION } from '../version.js';
import { sha256 } from './hash.js';
import { filesBelow, serveModule, type ServedVersion } from './modproxy.js';
import { RUNTIME_MODULE } from './plan.js';

/**
 * The runtime module, served by go-weave's module proxy at a version of its own instead of
 * replaced by its directory: the binary's build information then names it as any dependency
 * (`go-weave.dev/runtime v0.1.1-0.20000101000000-<content hash> h1:…`) rather than as
 * `v0.0.0 => <directory> (devel)`, which SBOM tools and scanners cannot place. The version
 * follows go-weave's release and is named by the files' content, not their location: two
 * installs of the same go-weave serve the same version, and a changed runtime never meets a
 * stale copy of its version in GOMODCACHE.
 */
export function serveRuntime(proxyRoot: string, gomodcache: string, runtimeDir: string): ServedVersion | undefined {
  return serveModule(proxyRoot, gomodcache, {
    path: RUNTIME_MODULE,
    version: `v${GO_WEAVE_VERSION}`,
    dir: runtimeDir,
    goMod: join(runtimeDir, 'go.mod'),
    changed: new Map(),
    render: (file) => file.text,
    renderKey: `runtime ${contentKey(runtimeDir)}`,
  });
}

const known = new Map<string, { stamp: string; key: string }>();

/** The files' names and contents, hashed; read again only when a file's size or mtime moved. */
function contentKey(dir: string): string {
  const files = filesBelow(dir);
  const rel = (f: string) => relative(dir, f).split(sep).join('/');
  const stamp = files.map((f) => {
    const st = statSync(f, { bigint: true });
    return `${rel(f)}\0${st.size}\0${st.mtimeNs}`;
  });
  const stampKey = sha256(...stamp);
  const seen = known.get(dir);
  if (seen?.stamp === stampKey) return seen.key;
  const key = sha256(...files.flatMap((f) => [rel(f), sha256(readFileSync(f))]));
  known.set(dir, { stamp: stampKey, key });
  return key;
}
