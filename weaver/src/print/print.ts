import { WeaveError } from '../errors.js';
import type { Edit, InsertEdit, ReplaceEdit } from '../edit/plan.js';
import type { PositionMap } from '../parse/positions.js';
import { endOfFile, withOmissions, type Omission } from './comments.js';

export const WOVEN_MARKER = '//go-weave:woven';

interface RNode { edit: ReplaceEdit; children: RNode[] }

export function lineDirective(pos: { file: string; line: number; col: number | undefined }, inline: boolean): string {
  const body = `${pos.file}:${pos.line}${pos.col !== undefined ? ':' + pos.col : ''}`;
  return inline ? `/*line ${body}*/` : `//line ${body}`;
}

export function generatedFile(aspect: string): string {
  return `<go-weave:${aspect}>`;
}

/**
 * Applies edits to a source, keeping every original token at its original file:line:col through
 * //line and /*line directives, and tagging generated lines with the aspect that produced them.
 * Original text goes out without the omitted comments (sorted by start; see comments.ts).
 */
export function printWoven(source: string, edits: Edit[], positions: PositionMap, where: string, omissions: Omission[] = []): string {
  const replaces = edits.filter((e): e is ReplaceEdit => e.kind === 'replace');
  const inserts = edits.filter((e): e is InsertEdit => e.kind === 'insert').sort((a, b) => a.at - b.at || a.order - b.order || a.seq - b.seq);
  const roots = nest(replaces, positions, where);
  for (const ins of inserts) checkInsert(ins, roots, positions, where);

  const pos = (i: number) => positions.position(i);
  const orig = (s: number, e: number) => withOmissions(source, s, e, omissions);
  // An insertion at a replacement's edge goes outside it, once: a replacement renders only those
  // strictly inside its range.
  const renderRange = (s: number, e: number, children: RNode[], inner = false): string => {
    let out = '';
    let at = s;
    let ci = 0;
    const ins = inserts.filter((x) => (inner ? x.at > s && x.at < e : x.at >= s && x.at <= e) && !children.some((c) => x.at > c.edit.start && x.at < c.edit.end));
    let ii = 0;
    while (ii < ins.length || ci < children.length) {
      const nextIns = ins[ii];
      const nextChild = children[ci];
      if (nextIns && (!nextChild || nextIns.at <= nextChild.edit.start)) {
        // All insertions at one index form one block.
        const group: InsertEdit[] = [];
        while (ins[ii] && ins[ii].at === nextIns.at) group.push(ins[ii++]);
        out += orig(at, nextIns.at) + renderInserts(group, nextIns.at);
        at = nextIns.at;
        continue;
      }
      out += orig(at, nextChild.edit.start);
      out += renderReplace(nextChild);
      at = nextChild.edit.end;
      ci++;
    }
    return out + orig(at, e);
  };

  const renderInserts = (group: InsertEdit[], at: number): string => {
    let out = '';
    let linesOpen = false;
    for (const g of group) {
      if (!g.lines) { out += g.text; continue; }
      out += `\n//line ${generatedFile(g.aspect)}:1\n${g.text}`;
      linesOpen = true;
    }
    if (linesOpen && at < source.length) out += '\n' + lineDirective(pos(at), false) + '\n';
    else if (linesOpen) out += '\n';
    return out;
  };

  const renderReplace = (n: RNode): string => {
    let out = '';
    let generated = false;
    for (const p of n.edit.pieces) {
      if ('gen' in p) { out += p.gen; generated ||= p.gen.length > 0; continue; }
      if (generated) out += lineDirective(pos(n.edit.start), true);
      out += renderRange(n.edit.start, n.edit.end, n.children, true);
    }
    if (generated && n.edit.end < source.length) out += lineDirective(pos(n.edit.end), true);
    return out;
  };

  const body = renderRange(0, source.length, roots);
  const first = lineDirective({ file: positions.position(0).file, line: positions.position(0).line, col: 1 }, false);
  return `${WOVEN_MARKER}\n${first}\n${endOfFile(body)}`;
}

function conflict(a: Edit, b: Edit, positions: PositionMap, at: number, where: string): never {
  const p = positions.position(at);
  throw new WeaveError(`conflicting advice: aspects "${a.aspect}" and "${b.aspect}" both rewrite the same code (${where})`, { file: p.file, line: p.line, col: p.col });
}

/** Orders replacements into a containment tree; partial overlaps and exclusive duplicates are conflicts. */
function nest(replaces: ReplaceEdit[], positions: PositionMap, where: string): RNode[] {
  // Outer first: earlier start, then longer, then (same range) later aspect wraps the earlier one.
  const sorted = [...replaces].sort((a, b) => a.start - b.start || b.end - a.end || b.seq - a.seq);
  const roots: RNode[] = [];
  const stack: RNode[] = [];
  for (const e of sorted) {
    while (stack.length && stack[stack.length - 1].edit.end <= e.start && !(stack[stack.length - 1].edit.start === e.start && stack[stack.length - 1].edit.end === e.end)) stack.pop();
    const parent = stack[stack.length - 1];
    const node: RNode = { edit: e, children: [] };
    if (parent) {
      const pe = parent.edit;
      if (e.end > pe.end) conflict(pe, e, positions, e.start, where);
      if (pe.start === e.start && pe.end === e.end && pe.exclusive && pe.exclusive === e.exclusive) conflict(pe, e, positions, e.start, where);
      if (!pe.pieces.some((p) => 'orig' in p)) conflict(pe, e, positions, e.start, where);
      parent.children.push(node);
    } else roots.push(node);
    stack.push(node);
  }
  return roots;
}

function checkInsert(ins: InsertEdit, roots: RNode[], positions: PositionMap, where: string): void {
  const visit = (list: RNode[]) => {
    for (const n of list) {
      if (ins.at > n.edit.start && ins.at < n.edit.end) {
        if (!n.edit.pieces.some((p) => 'orig' in p)) conflict(n.edit, ins, positions, ins.at, where);
        visit(n.children);
      }
    }
  };
  visit(roots);
}
