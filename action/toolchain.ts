// Puts a verified Go toolchain into the runner's tool cache, or reuses one already there.
import * as tc from '@actions/tool-cache';
import * as core from '@actions/core';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import semver from 'semver';
import { downloadVerified } from './download.ts';
import { fetchListing, selectRelease } from './listing.ts';
import { describeSpec, pickNewest, semverToGo, type VersionSpec } from './goversion.ts';
import type { Platform } from './platform.ts';

export const DEFAULT_BASE_URL = 'https://go.dev/dl';

export interface Installed {
  semver: string; // 1.26.8
  goName: string; // go1.26.8
  goroot: string;
  fromToolCache: boolean;
  downloadedFrom?: string;
}

/** Toolchains from a mirror live under their own tool name so they never pass for go.dev's. */
export function toolName(baseUrl: string): string {
  if (baseUrl.replace(/\/+$/, '') === DEFAULT_BASE_URL) return 'go';
  return `go-${crypto.createHash('sha256').update(baseUrl).digest('hex').slice(0, 8)}`;
}

function toolCacheRoot(): string {
  const root = process.env.RUNNER_TOOL_CACHE;
  if (!root) throw new Error('RUNNER_TOOL_CACHE is not set; this action must run on an Actions runner');
  return root;
}

function tempRoot(): string {
  const t = process.env.RUNNER_TEMP;
  if (!t) throw new Error('RUNNER_TEMP is not set; this action must run on an Actions runner');
  return t;
}

function findCached(name: string, spec: VersionSpec, arch: string): string | null {
  if (spec.kind === 'exact') return tc.find(name, spec.semver, arch) ? spec.semver : null;
  if (spec.kind === 'range') return pickNewest(spec, tc.findAllVersions(name, arch).filter((v) => semver.valid(v)));
  return null;
}

/**
 * Moves the extracted tree into the tool cache with a rename when both sit on one file
 * system (a 270 MB copy otherwise), then writes the marker that makes it visible to find().
 */
async function publish(extractedGo: string, name: string, version: string, arch: string): Promise<string> {
  const dest = path.join(toolCacheRoot(), name, version, arch);
  const marker = `${dest}.complete`;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.rmSync(marker, { force: true });
  fs.rmSync(dest, { recursive: true, force: true });
  try {
    fs.renameSync(extractedGo, dest);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    return tc.cacheDir(extractedGo, name, version, arch);
  }
  fs.writeFileSync(marker, '');
  return dest;
}

export async function installGo(opts: {
  spec: VersionSpec;
  checkLatest: boolean;
  baseUrl: string;
  platform: Platform;
}): Promise<Installed> {
  const { spec, platform } = opts;
  const name = toolName(opts.baseUrl);
  const arch = platform.toolCacheArch;

  if (!opts.checkLatest) {
    const hit = findCached(name, spec, arch);
    if (hit) {
      core.info(`Found Go ${semverToGo(hit)} in the tool cache`);
      return { semver: hit, goName: semverToGo(hit), goroot: tc.find(name, hit, arch), fromToolCache: true };
    }
  }

  const { url, releases } = await fetchListing(opts.baseUrl);
  const chosen = selectRelease(url, releases, spec, platform.goos, platform.goarch);
  core.info(`Resolved ${describeSpec(spec)} to ${chosen.release.version} from ${url}`);
  const cached = tc.find(name, chosen.semver, arch);
  if (cached) {
    core.info(`${chosen.release.version} is already in the tool cache`);
    return { semver: chosen.semver, goName: chosen.release.version, goroot: cached, fromToolCache: true };
  }

  const work = fs.mkdtempSync(path.join(tempRoot(), 'go-weave-dl-'));
  try {
    const archive = path.join(work, chosen.file.filename);
    const archiveUrl = `${opts.baseUrl.replace(/\/+$/, '')}/${chosen.file.filename}`;
    core.info(`Downloading ${archiveUrl} (${chosen.file.size || 'unknown'} bytes, sha256 ${chosen.file.sha256})`);
    await downloadVerified(archiveUrl, archive, { sha256: chosen.file.sha256, size: chosen.file.size }, core.info);
    core.info('sha256 verified');
    const extracted = path.join(work, 'x');
    if (chosen.file.filename.endsWith('.zip')) await tc.extractZip(archive, extracted);
    else await tc.extractTar(archive, extracted);
    fs.rmSync(archive, { force: true });
    const goBin = path.join(extracted, 'go', 'bin', platform.goos === 'windows' ? 'go.exe' : 'go');
    if (!fs.existsSync(goBin)) {
      throw new Error(`${archiveUrl} does not contain go/bin/go; expected a Go distribution archive with a top-level go/ directory`);
    }
    const goroot = await publish(path.join(extracted, 'go'), name, chosen.semver, arch);
    return { semver: chosen.semver, goName: chosen.release.version, goroot, fromToolCache: false, downloadedFrom: archiveUrl };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
