import type { Edit } from '../edit/plan.js';
import { paramsOf } from '../join/syntax.js';
import type { PositionMap } from '../parse/positions.js';
import { lineDirective } from '../print/print.js';
import type { NamingRequests } from './context.js';

/**
 * Names the anonymous or blank parameters and results that templates referred to. Each inserted
 * name is followed by a /*line*\/ directive so the rest of the line keeps its columns.
 */
export function namingEdits(naming: NamingRequests, positions: PositionMap, seqStart: number): Edit[] {
  const edits: Edit[] = [];
  let seq = seqStart;
  const restore = (i: number) => lineDirective(positions.position(i), true);
  for (const { list, prefix, single } of naming.lists.values()) {
    if (single) {
      edits.push({ kind: 'replace', start: list.startIndex, end: list.endIndex, pieces: [{ gen: `(${prefix}0 ` }, { orig: true }, { gen: ')' }], exclusive: 'naming', aspect: 'naming', seq: seq++ });
      continue;
    }
    let i = 0;
    for (const p of paramsOf(list)) {
      const decl = p.decl;
      const nameNodes = decl.childrenForFieldName('name');
      if (nameNodes.length === 0 && p.typeNode) {
        edits.push({ kind: 'insert', at: p.typeNode.startIndex, text: `${prefix}${i} ${restore(p.typeNode.startIndex)}`, lines: false, order: -1, aspect: 'naming', seq: seq++ });
        i++;
        continue;
      }
      for (const n of nameNodes) {
        if (n?.text === '_') edits.push({ kind: 'replace', start: n.startIndex, end: n.endIndex, pieces: [{ gen: `${prefix}${i}` }], exclusive: 'naming', aspect: 'naming', seq: seq++ });
        i++;
      }
    }
  }
  return edits;
}
