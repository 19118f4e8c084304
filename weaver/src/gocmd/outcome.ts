import type { Prepared } from './pipeline.js';
import { reportLine } from './report.js';

/** What a prepared command tells the user: warnings, the report line, a one-line summary. */
export function describeOutcome(p: Prepared): { warnings: string; report: string; summary: string } {
  const o = p.outcome;
  let warnings = '';
  for (const e of o.errors) warnings += `go-weave: warning: ${e.message} (package left unwoven)\n`;
  if (p.skipped.length > 0) {
    const names = p.skipped.slice(0, 5).join(', ') + (p.skipped.length > 5 ? `, and ${p.skipped.length - 5} more` : '');
    warnings += `go-weave: warning: not weaving ${names}: the standard library of a toolchain in the module cache (GOTOOLCHAIN download) cannot be replaced by -overlay; install that Go release locally to weave it\n`;
  }
  if (p.testMainOnly.length > 0) {
    const ids = p.testMainOnly.map((id) => `"${id}"`).join(', ');
    const one = p.testMainOnly.length === 1;
    warnings += `go-weave: warning: aspect${one ? '' : 's'} ${ids} ${one ? 'joins' : 'join'} only test mains (test-main: true), which the go command generates where go-weave cannot weave; join TestMain instead (like the built-in runtime.testmain)\n`;
  }
  const replacedModules = p.moduleCopies.map((c) => `${c.path}@${c.version}`);
  const report = reportLine({ wovenPackages: o.wovenPackages.length, joinPoints: o.joinPoints, aspects: [...o.aspects], errors: o.errors, replacedModules });
  return { warnings, report, summary: `${o.wovenPackages.length} woven packages, ${o.joinPoints} join points` };
}

/** Where a prepared command's time went, for the verbose line. */
export function timingsLine(p: Prepared): string {
  const t = p.timings;
  if (p.edited !== undefined) return `from the last plan, ${p.edited} edited file${p.edited === 1 ? '' : 's'}: weaving ${t.weave.toFixed(0)} ms`;
  return `go env ${t.env.toFixed(0)} ms, config ${t.config.toFixed(0)} ms, go list ${t.list.toFixed(0)} ms, weaving ${t.weave.toFixed(0)} ms`;
}
