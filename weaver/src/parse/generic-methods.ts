import type { Node } from 'web-tree-sitter';
import { skipSpaceAndComments } from './gotext.js';

/**
 * Go 1.27 lets a method declare type parameters of its own (`func (r *Rand) N[Int intType](n Int) Int`);
 * the released Go grammar knows them only on functions and types, and rejects such a method,
 * and with it the whole file. Blanking the list out (spaces for every character but line
 * breaks, so each index into the tree still indexes the real source) leaves an ordinary method
 * with the same receiver, name, parameters, results and body. The list is needed by no join
 * point or advice: templates read names and types from the parameters, the receiver and the
 * results, which may mention a type parameter, and woven code is printed from the real source,
 * where the list is still there.
 *
 * Only declarations that start a line are looked at (gofmt puts every top-level declaration
 * there); a function literal's generic result type (`func() List[int]`) must keep its brackets,
 * and in gofmt'd code a literal never starts a line. These are the candidates: isTypeParameterList
 * tells, once the blanked text is parsed, which really were.
 */
export function methodTypeParameterLists(source: string): Array<[number, number]> {
  const lists: Array<[number, number]> = [];
  for (const m of source.matchAll(/^func[ \t]*\(/gm)) {
    const open = m.index + m[0].length - 1;
    const receiverEnd = matching(source, open);
    if (receiverEnd < 0) continue;
    let i = skipSpaceAndComments(source, receiverEnd + 1);
    const name = /^[\p{L}_][\p{L}\p{Nd}_]*/u.exec(source.slice(i, i + 256));
    if (!name) continue;
    i = skipSpaceAndComments(source, i + name[0].length);
    if (source[i] !== '[') continue;
    const close = matching(source, i);
    if (close >= 0) lists.push([i, close + 1]);
  }
  return lists;
}

/** text with each range's characters but line breaks turned into spaces. */
export function blankRanges(text: string, ranges: Array<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [from, to] of ranges) {
    out += text.slice(at, from) + text.slice(from, to).replace(/[^\n\r]/g, ' ');
    at = to;
  }
  return out + text.slice(at);
}

/**
 * Whether a blanked range turned out to be what it was taken for: the gap between a method
 * declaration's name and its parameters in the tree parsed from the masked text. Anything else
 * (a look-alike line in a raw string, say) must keep its text.
 */
export function isTypeParameterList(root: Node, [from, to]: [number, number]): boolean {
  for (let n: Node | null = root.descendantForIndex(from, to); n; n = n.parent) {
    if (n.type !== 'method_declaration') continue;
    const name = n.childForFieldName('name');
    const params = n.childForFieldName('parameters');
    return !!name && !!params && name.endIndex <= from && params.startIndex >= to;
  }
  return false;
}

/** Index of the bracket closing the one at `open`, skipping strings, runes and comments; -1 if none. */
function matching(s: string, open: number): number {
  const closer: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c in closer) stack.push(closer[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    } else if (c === '"' || c === "'") {
      for (i++; i < s.length && s[i] !== c && s[i] !== '\n'; i++) if (s[i] === '\\') i++;
    } else if (c === '`') {
      i = s.indexOf('`', i + 1);
      if (i < 0) return -1;
    } else if (c === '/' && s[i + 1] === '/') {
      i = s.indexOf('\n', i);
      if (i < 0) return -1;
    } else if (c === '/' && s[i + 1] === '*') {
      i = s.indexOf('*/', i + 2);
      if (i < 0) return -1;
      i++;
    }
  }
  return -1;
}
