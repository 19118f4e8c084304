import type { Node } from 'web-tree-sitter';
import type { Edit, Piece, ReplaceEdit } from '../edit/plan.js';
import type { GoCallPlan } from '../join/gocall.js';
import type { GoFile } from '../parse/gofile.js';
import { generatedFile, lineDirective } from '../print/print.js';

/** Statements advice prepends to the literal go-weave writes around a go statement's call. */
export interface GoPrologue { text: string; order: number; aspect: string; seq: number }

/**
 * A go statement's call (plan), or a function value handed to a method that starts it as a
 * goroutine (arg; result: what that function returns, '' or 'error').
 */
export type GoWrap = ({ plan: GoCallPlan } | { arg: Node; result: '' | 'error' }) & { prologue: GoPrologue[] };

const FN = '__weave_gof';
const arg = (i: number) => `__weave_go${i}`;

/**
 * The edits that turn each planned go statement into a goroutine literal running the prologue
 * first. Everything the program wrote stays where it was, except what the plan names again
 * inside the literal (a function, constants): a statement where other advice rewrites any of
 * that, or the statement as a whole, is left as written rather than woven wrongly.
 */
export function goWrapEdits(wraps: Iterable<GoWrap>, others: readonly Edit[], file: GoFile, seq: number): Edit[] {
  const out: Edit[] = [];
  for (const w of wraps) {
    // A wrap is made with its first prologue; its edits are tagged with that aspect.
    const tag = { aspect: w.prologue[0].aspect, seq: seq++ };
    if ('arg' in w) {
      out.push(...argumentEdits(w.arg, w.result, w, file, tag));
      continue;
    }
    if (fits(w.plan, [...others, ...out])) {
      out.push(...wrapEdits(w.plan, w, file, tag));
      continue;
    }
    // Left as written; the prologue's imports still need a use: in a literal never called.
    out.push({ kind: 'insert', at: w.plan.stmt.startIndex, text: `_ = func() {${prologueText(w)}}`, lines: true, order: 0, ...tag });
  }
  return out;
}

interface Tag { aspect: string; seq: number }

/**
 * `wg.Go(f)` → `wg.Go(func(v func()) func() { return func() { …; v() } }(f))`: f is still
 * evaluated by the call, and its type is the one the method takes. Only insertions at the
 * value's edges, which render outside any advice on the value itself.
 */
function argumentEdits(arg: Node, result: '' | 'error', w: GoWrap, file: GoFile, tag: Tag): Edit[] {
  const t = result ? `func() ${result}` : 'func()';
  const at = lineDirective(file.positions.position(arg.startIndex), true);
  const open = `func(${FN} ${t}) ${t} { return ${t} {${prologueText(w)}${at}${result ? 'return ' : ''}${FN}() } }(${at}`;
  return [
    { kind: 'insert', at: arg.startIndex, text: open, lines: false, order: 1_000_000, ...tag },
    { kind: 'insert', at: arg.endIndex, text: ')', lines: false, order: -1_000_000, ...tag },
  ];
}

/** Whether other edits leave the statement's own text alone, apart from the values it captures. */
function fits(p: GoCallPlan, edits: readonly Edit[]): boolean {
  const [s, e] = [p.stmt.startIndex, p.stmt.endIndex];
  // Without captures the call itself stays where it is, in the literal.
  const caps = captured(p);
  const kept = (caps.length ? caps : [p.call]).map((n) => [n.startIndex, n.endIndex] as const);
  const inside = (a: number, b: number) => kept.some(([ks, ke]) => a >= ks && b <= ke);
  for (const ed of edits) {
    if (ed.kind === 'insert') {
      if (ed.at > s && ed.at < e && !inside(ed.at, ed.at)) return false;
      continue;
    }
    if (ed.end <= s || ed.start >= e) continue;
    if (ed.start <= s && ed.end >= e && ed.pieces.some((x) => 'orig' in x)) continue;
    if (!inside(ed.start, ed.end)) return false;
  }
  return true;
}

function captured(p: GoCallPlan) {
  return [...(p.fn.capture ? [p.fn.node] : []), ...p.args.filter((a) => a.capture).map((a) => a.node)];
}

function prologueText(w: { prologue: GoPrologue[] }): string {
  return [...w.prologue].sort((a, b) => a.order - b.order || a.seq - b.seq).map((p) => `\n//line ${generatedFile(p.aspect)}:1\n${p.text}`).join('') + '\n';
}

function wrapEdits(p: GoCallPlan, w: GoWrap, file: GoFile, tag: Tag): Edit[] {
  const src = (n: { startIndex: number; endIndex: number }) => file.source.slice(n.startIndex, n.endIndex);
  const replace = (start: number, end: number, gen: string): ReplaceEdit => ({ kind: 'replace', start, end, pieces: [{ gen } as Piece], ...tag });
  const caps = captured(p);
  const call = p.call;
  if (caps.length === 0) {
    // Nothing to evaluate first: the call itself moves into the literal, where it stands.
    return [
      replace(p.stmt.startIndex, call.startIndex, `go func() {${prologueText(w)}`),
      { kind: 'insert', at: call.endIndex, text: ' }()', lines: false, order: 1_000_000, ...tag },
    ];
  }
  const names = [...(p.fn.capture ? [FN] : []), ...p.args.flatMap((a, i) => (a.capture ? [arg(i)] : []))];
  const last = p.args[p.args.length - 1];
  const again = `${p.fn.capture ? FN : src(p.fn.node)}(${p.args.map((a, i) => (a.capture ? arg(i) : src(a.node))).join(', ')}${last?.spread ? '...' : ''})`;
  const edits: Edit[] = [replace(p.stmt.startIndex, caps[0].startIndex, `{ ${names.join(', ')} := `)];
  for (let i = 1; i < caps.length; i++) edits.push(replace(caps[i - 1].endIndex, caps[i].startIndex, ', '));
  const at = lineDirective(file.positions.position(call.startIndex), true);
  edits.push(replace(caps[caps.length - 1].endIndex, call.endIndex, `; go func() {${prologueText(w)}${at}${again} }() }`));
  return edits;
}
