import type { Node } from 'web-tree-sitter';
import type { GoFile } from '../parse/gofile.js';

/** Small syntax helpers shared by the join points and the template context. */

export const FUNCTION_TYPES = ['function_declaration', 'method_declaration', 'func_literal'];

/** The predeclared types' names. */
export const PREDECLARED_TYPES: ReadonlySet<string> = new Set([
  'bool', 'byte', 'complex64', 'complex128', 'error', 'float32', 'float64', 'int', 'int8', 'int16', 'int32', 'int64',
  'rune', 'string', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'any', 'comparable',
]);

/**
 * A type's text with every package qualifier replaced by its import path and every type declared in
 * this package qualified by the package's own path, spaces removed: `*http.Request` → `*net/http.Request`.
 */
export function canonicalType(node: Node, file: GoFile, importPath: string): string {
  const base = node.startIndex;
  const text = file.source.slice(node.startIndex, node.endIndex);
  const edits: { s: number; e: number; t: string }[] = [];
  const visit = (n: Node) => {
    if (n.type === 'qualified_type') {
      const pkg = n.childForFieldName('package');
      if (pkg) {
        const path = file.aliases.get(pkg.text);
        if (path) edits.push({ s: pkg.startIndex - base, e: pkg.endIndex - base, t: path });
      }
      return;
    }
    if (n.type === 'type_identifier' && !PREDECLARED_TYPES.has(n.text) && n.parent?.type !== 'qualified_type' && n.parent?.type !== 'type_spec') {
      edits.push({ s: n.startIndex - base, e: n.startIndex - base, t: importPath + '.' });
      return;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(node);
  let out = text;
  for (const ed of edits.sort((a, b) => b.s - a.s)) out = out.slice(0, ed.s) + ed.t + out.slice(ed.e);
  return out.replace(/\s+/g, '');
}

/** Normalises a type written in an aspect (`* net/http.Request`) for comparison. */
export function normalizeAspectType(t: string): string {
  return t.replace(/\s+/g, '');
}

export interface Param { names: (string | undefined)[]; typeNode: Node | null; variadic: boolean; decl: Node }

export function paramsOf(list: Node | null): Param[] {
  if (!list || list.type !== 'parameter_list') return [];
  const out: Param[] = [];
  for (const d of list.namedChildren) {
    if (!d || (d.type !== 'parameter_declaration' && d.type !== 'variadic_parameter_declaration')) continue;
    const names = d.childrenForFieldName('name').filter((n): n is Node => !!n).map((n) => n.text);
    out.push({ names: names.length ? names : [undefined], typeNode: d.childForFieldName('type'), variadic: d.type === 'variadic_parameter_declaration', decl: d });
  }
  return out;
}

/** The declaration or statement that a directive comment would annotate. */
export function annotatedStatement(node: Node): Node {
  let n: Node = node;
  while (n.parent && !['source_file', 'statement_list', 'block'].includes(n.parent.type)) n = n.parent;
  return n;
}

/** Directive comments (`//name args`) on the lines directly above a statement or declaration. */
export function directivesOf(stmt: Node): string[] {
  const out: string[] = [];
  let prev = stmt.previousSibling;
  let line = stmt.startPosition.row;
  while (prev && prev.type === 'comment' && prev.endPosition.row === line - 1) {
    if (prev.text.startsWith('//')) out.push(prev.text.slice(2));
    line = prev.startPosition.row;
    prev = prev.previousSibling;
  }
  return out;
}

export function enclosingFunction(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (FUNCTION_TYPES.includes(n.type)) return n;
  return undefined;
}

export function unparen(n: Node | null): Node | null {
  while (n && n.type === 'parenthesized_expression') n = n.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
  return n;
}
