/**
 * Maps string indices to the positions the Go compiler would report for the original file:
 * 1-based lines and 1-based UTF-8 byte columns, seen through any //line or /*line directives
 * already in the file (cgo output is full of them).
 */
export interface Position { file: string; line: number; col: number | undefined }

interface Directive { at: number; file: string; line: number; col: number | undefined }

export class PositionMap {
  private readonly lineStarts: number[] = [0];
  private readonly directives: Directive[] = [];

  constructor(private readonly source: string, private readonly file: string) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    if (source.includes('line ')) this.scanDirectives();
  }

  /** 0-based raw line index of a string index. */
  rawLine(index: number): number {
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= index) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  private rawByteCol(index: number): number {
    const start = this.lineStarts[this.rawLine(index)];
    return Buffer.byteLength(this.source.slice(start, index), 'utf8') + 1;
  }

  position(index: number): Position {
    const line = this.rawLine(index);
    const col = this.rawByteCol(index);
    const d = this.lastDirectiveBefore(index);
    if (!d) return { file: this.file, line: line + 1, col };
    const dLine = this.rawLine(d.at);
    if (line === dLine) {
      const c = d.col === undefined ? undefined : d.col + (col - this.rawByteCol(d.at));
      return { file: d.file, line: d.line, col: c };
    }
    return { file: d.file, line: d.line + (line - dLine), col: d.col === undefined ? undefined : col };
  }

  private lastDirectiveBefore(index: number): Directive | undefined {
    const ds = this.directives;
    if (ds.length === 0 || ds[0].at > index) return undefined;
    let lo = 0, hi = ds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ds[mid].at <= index) lo = mid; else hi = mid - 1;
    }
    return ds[lo];
  }

  private scanDirectives(): void {
    const re = /\/\/line ([^\n]*)\n|\/\*line ([^*]*)\*\//g;
    let prevFile = this.file;
    for (let m = re.exec(this.source); m; m = re.exec(this.source)) {
      const lineForm = m[1] !== undefined;
      if (lineForm && m.index !== 0 && this.source[m.index - 1] !== '\n') continue;
      const parsed = parseDirective(lineForm ? m[1] : m[2], prevFile);
      if (!parsed) continue;
      prevFile = parsed.file;
      this.directives.push({ at: m.index + m[0].length, ...parsed });
    }
  }
}

/** Parses `file:line[:col]` from the right, as the compiler does. */
export function parseDirective(body: string, prevFile: string): { file: string; line: number; col: number | undefined } | undefined {
  const m = /^(.*?):(\d+)(?::(\d+))?\s*$/.exec(body);
  if (!m) return undefined;
  const line = Number(m[2]);
  const col = m[3] !== undefined ? Number(m[3]) : undefined;
  let file = m[1];
  if (file === '' && col !== undefined) file = prevFile;
  return { file, line, col };
}
