// Go names its releases go1.21.0, go1.20, go1.21rc1, go1.10beta1; semver ranges need
// 1.21.0, 1.20.0, 1.21.0-rc.1, 1.10.0-beta.1. Everything that compares versions goes
// through here so the two spellings never get mixed.
import semver from 'semver';

const GO_NAME = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta|alpha)(\d+))?$/;

/** Semver for a Go release name (with or without the "go" prefix); null if it is not one. */
export function goToSemver(name: string): string | null {
  const m = GO_NAME.exec(name.trim());
  if (!m) return null;
  const [, major, minor, patch, pre, preNum] = m;
  const base = `${Number(major)}.${Number(minor)}.${patch === undefined ? 0 : Number(patch)}`;
  return pre ? `${base}-${pre}.${Number(preNum)}` : base;
}

/** The go.dev release name ("go1.21.0", "go1.20", "go1.21rc1") for a semver from goToSemver. */
export function semverToGo(v: string): string {
  const parsed = semver.parse(v);
  if (!parsed) throw new Error(`not a semantic version: ${v}`);
  const pre = parsed.prerelease;
  if (pre.length === 2) return `go${parsed.major}.${parsed.minor}${String(pre[0])}${String(pre[1])}`;
  // Before 1.21 the first release of a line had no ".0" (go1.20); from 1.21 on it has one.
  if (parsed.patch === 0 && parsed.major === 1 && parsed.minor < 21) return `go${parsed.major}.${parsed.minor}`;
  return `go${parsed.major}.${parsed.minor}.${parsed.patch}`;
}

export type VersionSpec =
  | { kind: 'exact'; semver: string }
  | { kind: 'range'; range: string; includePrerelease: boolean }
  | { kind: 'stable' }
  | { kind: 'oldstable' };

/**
 * Reads the `go-version` input. A bare "1.22" means the newest 1.22.x, as users of
 * setup-go expect, even though go1.20 and older are also release names of their own.
 */
export function parseVersionSpec(input: string): VersionSpec {
  const s = input.trim();
  if (s === 'stable' || s === 'latest') return { kind: 'stable' };
  if (s === 'oldstable') return { kind: 'oldstable' };
  const m = GO_NAME.exec(s);
  if (m) {
    const [, major, minor, patch, pre] = m;
    if (patch !== undefined || pre !== undefined) return { kind: 'exact', semver: goToSemver(s)! };
    return { kind: 'range', range: `~${Number(major)}.${Number(minor)}.0`, includePrerelease: false };
  }
  const range = semver.validRange(s);
  if (range === null) {
    throw new Error(
      `go-version "${input}" is not understood: expected an exact Go version (1.22.3, go1.22rc1), ` +
        `a semver range (^1.22, >=1.21 <1.23, 1.22.x), "stable" or "oldstable"`,
    );
  }
  return { kind: 'range', range, includePrerelease: /-/.test(s) };
}

export function describeSpec(spec: VersionSpec): string {
  switch (spec.kind) {
    case 'exact':
      return semverToGo(spec.semver);
    case 'range':
      return `range ${spec.range}`;
    default:
      return spec.kind;
  }
}

/** Whether a Go version (semver form) satisfies the spec; stable/oldstable never match offline. */
export function satisfies(spec: VersionSpec, v: string): boolean {
  if (spec.kind === 'exact') return semver.eq(spec.semver, v);
  if (spec.kind === 'range') return semver.satisfies(v, spec.range, { includePrerelease: spec.includePrerelease });
  return false;
}

/** Newest of `versions` (semver form) that satisfies the spec, or null. */
export function pickNewest(spec: VersionSpec, versions: string[]): string | null {
  const ok = versions.filter((v) => satisfies(spec, v));
  if (ok.length === 0) return null;
  return ok.sort(semver.rcompare)[0];
}
