// The go.dev download listing (`?mode=json&include=all`): fetched, checked for shape,
// and searched for the archive that suits this runner.
import { HttpClient } from '@actions/http-client';
import semver from 'semver';
import { goToSemver, pickNewest, describeSpec, type VersionSpec } from './goversion.ts';

export interface ListedFile {
  filename: string;
  os: string;
  arch: string;
  version: string;
  sha256: string;
  size: number;
  kind: string;
}

export interface ListedRelease {
  version: string;
  stable: boolean;
  files: ListedFile[];
}

export function listingUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/?mode=json&include=all`;
}

function fail(url: string, what: string): never {
  throw new Error(`Go download listing ${url}: ${what}`);
}

/** Validates the parsed JSON so later code can trust every field it reads. */
export function parseListing(url: string, body: string): ListedRelease[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    fail(url, `expected JSON, got ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) fail(url, 'expected a JSON array of releases');
  return data.map((r: unknown, i: number): ListedRelease => {
    const rel = r as Record<string, unknown>;
    if (typeof rel !== 'object' || rel === null || typeof rel.version !== 'string' || !Array.isArray(rel.files)) {
      fail(url, `release #${i}: expected {version: string, stable: boolean, files: [...]}`);
    }
    const files = (rel.files as unknown[]).map((f: unknown, j: number): ListedFile => {
      const file = f as Record<string, unknown>;
      if (typeof file !== 'object' || file === null || typeof file.filename !== 'string') {
        fail(url, `release ${String(rel.version)} file #${j}: expected an object with "filename"`);
      }
      return {
        filename: file.filename as string,
        os: String(file.os ?? ''),
        arch: String(file.arch ?? ''),
        version: String(file.version ?? rel.version),
        sha256: String(file.sha256 ?? ''),
        size: typeof file.size === 'number' ? file.size : 0,
        kind: String(file.kind ?? ''),
      };
    });
    return { version: rel.version as string, stable: rel.stable === true, files };
  });
}

export async function fetchListing(baseUrl: string): Promise<{ url: string; releases: ListedRelease[] }> {
  const url = listingUrl(baseUrl);
  const client = new HttpClient('go-weave-action');
  let status = 0;
  let body = '';
  try {
    const res = await client.get(url);
    status = res.message.statusCode ?? 0;
    body = await res.readBody();
  } catch (e) {
    fail(url, `request failed: ${(e as Error).message}`);
  } finally {
    client.dispose();
  }
  if (status !== 200) fail(url, `HTTP ${status} (expected 200 with the JSON listing)`);
  return { url, releases: parseListing(url, body) };
}

export interface Selected {
  release: ListedRelease;
  semver: string;
  file: ListedFile;
}

function archiveFor(rel: ListedRelease, goos: string, goarch: string): ListedFile | undefined {
  return rel.files.find((f) => f.kind === 'archive' && f.os === goos && f.arch === goarch);
}

/** Picks the release the spec asks for among those with an archive for goos/goarch. */
export function selectRelease(
  url: string,
  releases: ListedRelease[],
  spec: VersionSpec,
  goos: string,
  goarch: string,
): Selected {
  const usable: Selected[] = [];
  for (const release of releases) {
    const v = goToSemver(release.version);
    const file = archiveFor(release, goos, goarch);
    if (v && file) usable.push({ release, semver: v, file });
  }
  const stable = usable.filter((u) => u.release.stable).sort((a, b) => semver.rcompare(a.semver, b.semver));
  let chosen: Selected | undefined;
  if (spec.kind === 'stable') {
    chosen = stable[0];
  } else if (spec.kind === 'oldstable') {
    const newest = stable[0];
    chosen = newest && stable.find((u) => semver.minor(u.semver) < semver.minor(newest.semver) || semver.major(u.semver) < semver.major(newest.semver));
  } else {
    // Ranges consider stable releases only unless the range itself names a prerelease.
    const pool = spec.kind === 'range' && !spec.includePrerelease ? stable : usable;
    const v = pickNewest(spec, pool.map((u) => u.semver));
    chosen = v === null ? undefined : pool.find((u) => u.semver === v);
  }
  if (!chosen) {
    const known = stable.slice(0, 5).map((u) => u.release.version).join(', ');
    throw new Error(
      `Go version ${describeSpec(spec)} was not found for ${goos}/${goarch} in ${url}` +
        (known ? ` (newest stable releases there: ${known})` : ' (the listing has no stable release for this platform)'),
    );
  }
  if (!/^[0-9a-f]{64}$/.test(chosen.file.sha256)) {
    throw new Error(`${url}: ${chosen.file.filename} has no valid sha256 in the listing (got "${chosen.file.sha256}"); refusing to install an unverifiable archive`);
  }
  return chosen;
}
