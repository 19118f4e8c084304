// The job summary table: toolchain, caches, weaving.
import * as core from '@actions/core';
import type { MainState } from './state.ts';
import type { WeaveTotals } from './report.ts';
import type { SaveOutcome } from './caches.ts';

function cacheCell(matchedKey: string, exact: boolean, saved: SaveOutcome | undefined): string {
  const restore = exact ? 'hit' : matchedKey ? `partial (${matchedKey})` : 'miss';
  const save =
    saved === 'saved' ? ', saved' : saved === 'failed' ? ', save failed' : saved === 'empty' ? ', nothing to save' : saved === 'disabled' ? ', not saved (cache-save: false)' : '';
  return restore + save;
}

export async function writeSummary(s: MainState, w: WeaveTotals | null, saved: Map<string, SaveOutcome>): Promise<void> {
  const rows: [string, string][] = [
    ['Go toolchain', `${s.goName} (${s.toolchainSource})`],
    ['GOROOT', s.goroot],
    ['GOTOOLCHAIN', s.gotoolchain],
  ];
  if (!s.cacheEnabled) rows.push(['Caches', 'off']);
  for (const c of s.caches) rows.push([`${c.kind} cache`, cacheCell(c.matchedKey, c.exact, saved.get(c.kind))]);
  if (w) {
    rows.push(['go commands woven', String(w.invocations)]);
    rows.push(['Woven packages', String(w.wovenPackages)]);
    rows.push(['Join points hit', String(w.joinPoints)]);
    rows.push(['Aspects', w.aspects.length ? w.aspects.join(', ') : '(none matched)']);
    rows.push(['Aspect errors', String(w.errors.length)]);
    // Their build info names a directory, not a version: binary scanners cannot match them.
    if (w.replacedModules.length) rows.push(['Dependencies built from woven copies (build info shows the copy)', w.replacedModules.join(', ')]);
  } else rows.push(['Weaving', 'off']);
  const table = [
    [
      { data: 'go-weave', header: true },
      { data: '', header: true },
    ],
    ...rows.map(([k, v]) => [k, v]),
  ];
  core.summary.addHeading('go-weave', 3).addTable(table);
  if (w && w.errors.length) {
    core.summary.addDetails(
      'Aspect errors',
      `<ul>${w.errors.map((e) => `<li><code>${esc(e.file)}:${e.line}:${e.col}</code> ${esc(e.message)}</li>`).join('')}</ul>`,
    );
  }
  await core.summary.write();
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
