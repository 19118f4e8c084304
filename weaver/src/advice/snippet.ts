import { WeaveError } from '../errors.js';
import { firstErrorNode } from '../parse/gofile.js';
import { parseGo } from '../parse/parser.js';
import type { Template } from '../aspects/types.js';

export type SnippetKind = 'statements' | 'expression' | 'declarations';

const WRAP: Record<SnippetKind, [string, string]> = {
  statements: ['package p\nfunc _() {\n', '\n}\n'],
  expression: ['package p\nvar _ = (', ')\n'],
  declarations: ['package p\n', '\n'],
};

export interface Snippet { text: string; used: Set<string> }

const cache = new Map<string, { renames: { s: number; e: number; alias: string }[]; error?: string; errorLine?: number }>();

/**
 * Checks that rendered template code is valid Go of the expected kind and rewrites the package
 * qualifiers named in the template's `imports` to the aliases chosen for this file.
 */
export async function rewriteSnippet(
  code: string, kind: SnippetKind, template: Template, aliasFor: (alias: string, path: string) => string,
): Promise<Snippet> {
  const aliases = Object.keys(template.imports);
  const key = kind + '\0' + aliases.join(',') + '\0' + code;
  let hit = cache.get(key);
  if (!hit) {
    hit = await analyse(code, kind, new Set(aliases));
    if (cache.size > 50_000) cache.clear();
    cache.set(key, hit);
  }
  if (hit.error) {
    throw new WeaveError(`template produced invalid Go (${kind}): ${hit.error}\n${indent(code)}`, { file: template.origin.file, line: template.origin.line + (hit.errorLine ?? 0) });
  }
  let text = code;
  const used = new Set<string>();
  for (const r of [...hit.renames].sort((a, b) => b.s - a.s)) {
    const path = template.imports[r.alias];
    used.add(path);
    const alias = aliasFor(r.alias, path);
    // Code woven into the package it refers to drops the qualifier (and its dot).
    const end = alias === '' ? text.indexOf('.', r.e) + 1 : r.e;
    text = text.slice(0, r.s) + alias + text.slice(end);
  }
  return { text, used };
}

function indent(code: string): string {
  return code.split('\n').map((l) => '    | ' + l).join('\n');
}

async function analyse(code: string, kind: SnippetKind, aliases: Set<string>) {
  const [pre, post] = WRAP[kind];
  const tree = await parseGo(pre + code + post);
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const bad = firstErrorNode(root);
      const line = bad ? Math.max(0, bad.startPosition.row - (pre.split('\n').length - 1)) : 0;
      return { renames: [], error: bad ? `unexpected ${JSON.stringify(bad.text.split('\n')[0].slice(0, 30))}` : 'syntax error', errorLine: line };
    }
    if (kind === 'expression') {
      const spec = root.descendantsOfType('var_spec')[0];
      const vals = spec?.childForFieldName('value')?.namedChildren ?? [];
      if (vals.length !== 1) return { renames: [], error: 'expected exactly one expression' };
    }
    const renames: { s: number; e: number; alias: string }[] = [];
    if (aliases.size) {
      for (const n of root.descendantsOfType(['selector_expression', 'qualified_type'])) {
        if (!n) continue;
        const q = n.childForFieldName('operand') ?? n.childForFieldName('package');
        if (!q || (q.type !== 'identifier' && q.type !== 'package_identifier') || !aliases.has(q.text)) continue;
        renames.push({ s: q.startIndex - pre.length, e: q.endIndex - pre.length, alias: q.text });
      }
    }
    return { renames };
  } finally {
    tree.delete();
  }
}
