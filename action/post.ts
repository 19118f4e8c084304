// Post step: weaving report, annotations, trimmed build cache, cache saves, summary.
import * as core from '@actions/core';
import { loadMainState } from './state.ts';
import { readReport, type WeaveTotals } from './report.ts';
import { saveOne, type SaveOutcome } from './caches.ts';
import { trimBuildCache } from './trim.ts';
import { writeSummary } from './summary.ts';
import { workspaceRelative } from './annotate.ts';

// The runner shows at most 10 error annotations per step.
const MAX_ANNOTATIONS = 10;

async function run(): Promise<void> {
  const s = loadMainState();
  if (!s) {
    core.info('The main step did not finish; nothing to do');
    return;
  }
  let w: WeaveTotals | null = null;
  if (s.weave) {
    w = readReport(s.report);
    for (const m of w.malformed) core.warning(m);
    w.errors.slice(0, MAX_ANNOTATIONS).forEach((e) =>
      core.error(e.message, { title: 'go-weave aspect error', file: e.file ? workspaceRelative(e.file) : undefined, startLine: e.line || undefined, startColumn: e.col || undefined }),
    );
    if (w.errors.length > MAX_ANNOTATIONS) core.error(`${w.errors.length - MAX_ANNOTATIONS} more aspect errors; see the job summary`);
    core.setOutput('woven-packages', w.wovenPackages);
    core.info(`woven packages: ${w.wovenPackages}, join points hit: ${w.joinPoints}`);
  }

  const saved = new Map<string, SaveOutcome>();
  if (s.cacheEnabled && s.caches.length) {
    await core.group('Save caches', async () => {
      if (!s.cacheSave) {
        core.info('cache-save is false; not saving');
        for (const c of s.caches) saved.set(c.kind, 'disabled');
        return;
      }
      const build = s.caches.find((c) => c.kind === 'build');
      if (build && !build.exact) {
        const t = trimBuildCache(build.path, s.jobStartMs);
        core.info(`build cache: dropped ${t.removed} entries unused by this job (${Math.round(t.bytesRemoved / 1024)} KiB), kept ${t.kept}`);
      }
      // One at a time: the runner has few cores and each save runs tar + zstd.
      for (const c of s.caches) saved.set(c.kind, await saveOne(c));
    });
  }
  try {
    await writeSummary(s, w, saved);
  } catch (e) {
    core.warning(`could not write the job summary: ${(e as Error).message}`);
  }
}

run()
  .catch((e: unknown) => core.setFailed(e instanceof Error ? e.message : String(e)))
  // Post steps have been seen to hang on open handles after a cache upload; leave promptly.
  .finally(() => process.exit());
