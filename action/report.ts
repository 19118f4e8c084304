// Reads the JSON-lines report the weaver appends to GOWEAVE_REPORT, one line per go command.
import * as fs from 'node:fs';
import { locate } from './annotate.ts';

export interface WeaveError {
  file: string;
  line: number;
  col: number;
  message: string;
}

export interface WeaveTotals {
  invocations: number;
  wovenPackages: number;
  joinPoints: number;
  aspects: string[];
  errors: WeaveError[];
  /** Dependencies built from woven copies (module@version): their build info shows the copy. */
  replacedModules: string[];
  malformed: string[]; // "report.jsonl:3: …" for lines that could not be read
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function readReport(file: string): WeaveTotals {
  const t: WeaveTotals = { invocations: 0, wovenPackages: 0, joinPoints: 0, aspects: [], errors: [], replacedModules: [], malformed: [] };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return t;
  }
  const aspects = new Set<string>();
  const replaced = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch (e) {
      t.malformed.push(`${file}:${i + 1}: expected one JSON object per line: ${(e as Error).message}`);
      return;
    }
    t.invocations++;
    // Each go command reports what it wove; a package built by two commands counts twice.
    t.wovenPackages += num(rec.wovenPackages);
    t.joinPoints += num(rec.joinPoints);
    if (Array.isArray(rec.aspects)) for (const a of rec.aspects) if (typeof a === 'string') aspects.add(a);
    if (Array.isArray(rec.replacedModules)) for (const m of rec.replacedModules) if (typeof m === 'string') replaced.add(m);
    if (Array.isArray(rec.errors)) {
      for (const e of rec.errors as Record<string, unknown>[]) {
        const err = { file: String(e.file ?? ''), line: num(e.line), col: num(e.col), message: String(e.message ?? '') };
        // Errors without a position may still carry one in the text ("go-weave: f.yml:3:5: …").
        // and a positioned error may repeat its position in the text; the annotation shows it once.
        const at = locate(err.message);
        if (at && (!err.file || at.line === err.line)) {
          t.errors.push({ file: err.file || at.file, line: at.line, col: at.col ?? err.col, message: at.message });
        } else t.errors.push(err);
      }
    }
  });
  t.aspects = [...aspects].sort();
  t.replacedModules = [...replaced].sort();
  return t;
}
