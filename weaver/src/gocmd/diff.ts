/** A line of an edit script: kept (' '), removed ('-') or added ('+'). */
interface Op {
  kind: ' ' | '-' | '+';
  line: string;
}

/**
 * Myers' O(ND) shortest edit script over lines. Woven files differ from their originals by a few
 * inserted lines, so D is small and this stays linear in practice.
 */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v: Int32Array = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  // Walk the trace backwards to recover the path.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x] });
    y--;
  }
  return ops.reverse();
}

function splitLines(s: string): string[] {
  const lines = s.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A unified diff with `context` lines around each change; empty when the texts are equal.
 * `compared`, when given, stands in for oldText when lines are matched: a text with oldText's
 * lines (or its first ones), some of them shortened; the lines shown are oldText's.
 */
export function unifiedDiff(oldName: string, newName: string, oldText: string, newText: string, opts: { context?: number; compared?: string } = {}): string {
  const context = opts.context ?? 3;
  const shown = splitLines(oldText);
  const a = opts.compared === undefined ? shown : splitLines(opts.compared);
  const b = splitLines(newText);
  const ops = editScript(a, b);
  // Kept and removed lines read as the old text has them (the script's lines of a, in order).
  if (opts.compared !== undefined) {
    let line = 0;
    for (const o of ops) if (o.kind !== '+') o.line = shown[line++] ?? o.line;
  }
  if (ops.every((o) => o.kind === ' ')) return '';
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  // Positions of each op in a and b, to number hunks.
  const posA: number[] = [];
  const posB: number[] = [];
  let ia = 0;
  let ib = 0;
  for (const o of ops) {
    posA.push(ia);
    posB.push(ib);
    if (o.kind !== '+') ia++;
    if (o.kind !== '-') ib++;
  }
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2*context kept lines.
    for (;;) {
      while (end < ops.length && ops[end].kind !== ' ') end++;
      let j = end;
      while (j < ops.length && ops[j].kind === ' ' && j - end < 2 * context) j++;
      if (j < ops.length && ops[j].kind !== ' ') end = j;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const hunk = ops.slice(start, stop);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    const aStart = aCount === 0 ? posA[start] : posA[start] + 1;
    const bStart = bCount === 0 ? posB[start] : posB[start] + 1;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const o of hunk) out.push(o.kind + o.line);
    i = stop;
  }
  return out.join('\n') + '\n';
}
