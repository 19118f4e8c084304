import { appendFileSync } from 'node:fs';
import type { LocatedError } from './core.js';

export interface WeaveReport {
  wovenPackages: number;
  joinPoints: number;
  aspects: string[];
  errors: LocatedError[];
  /**
   * Dependencies (module@version) built from a woven copy: the binary's build info shows them
   * replaced by a directory, which scanners reading it cannot match to a version.
   */
  replacedModules?: string[];
}

/**
 * Appends one JSON line per invocation to $GOWEAVE_REPORT (read by the GitHub Action). A single
 * small O_APPEND write keeps lines whole when builds run in parallel.
 */
export function appendReport(path: string | undefined, r: WeaveReport): void {
  appendReportLine(path, reportLine(r));
}

export function appendReportLine(path: string | undefined, line: string): void {
  if (path) appendFileSync(path, line + '\n');
}

/** The report as one JSON line (without the newline); the launcher replays it as is. */
export function reportLine(r: WeaveReport): string {
  const errors = r.errors.map((e) => ({ file: e.file ?? '', line: e.line ?? 0, col: e.col ?? 0, message: e.message }));
  return JSON.stringify({ wovenPackages: r.wovenPackages, joinPoints: r.joinPoints, aspects: [...r.aspects].sort(), errors, replacedModules: [...(r.replacedModules ?? [])].sort() });
}
