import type { Node, Tree } from 'web-tree-sitter';
import { WeaveError } from '../errors.js';
import { blankRanges, isTypeParameterList, methodTypeParameterLists } from './generic-methods.js';
import { parseGo } from './parser.js';
import { PositionMap } from './positions.js';

export interface ImportSpec {
  path: string;
  /** Explicit name: an identifier, `.` or `_`; undefined when the default name applies. */
  name: string | undefined;
  /** The identifier this import binds in the file (undefined for `_`, `.`). */
  local: string | undefined;
}

/** A parsed Go file with the lookups every join point needs. */
export interface GoFile {
  path: string;
  source: string;
  tree: Tree;
  root: Node;
  packageName: string;
  /** Index right after the package clause's name: where new imports go. */
  packageClauseEnd: number;
  imports: ImportSpec[];
  /** identifier → import path, for qualified references (`http.Get`). */
  aliases: Map<string, string>;
  /** import paths imported with `.` */
  dotImports: string[];
  positions: PositionMap;
  /**
   * The tree was parsed from a copy where Go 1.26 `new(expression)` calls had their `new`
   * spelled with a look-alike letter (see maskNewExpressions), or Go 1.27 methods had their type
   * parameter lists blanked out (see generic-methods.ts); text taken from tree nodes must
   * go through unmaskText before it reaches woven output.
   */
  masked: boolean;
}

/** The package name an import binds when it has no explicit name, guessed from its path. */
export function defaultImportName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1];
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  last = last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/-go$/, '');
  return last.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The released Go grammar predates Go 1.26, where `new` also takes an expression (`new("x")`,
 * `new(f())`), and reports those calls as syntax errors. Spelling such a `new` with a Cyrillic
 * "е" makes it an ordinary call to an ordinary identifier, of the same length, so every index
 * into the tree still indexes the real source.
 */
const MASKED_NEW = 'n\u0435w';

/** Only calls the grammar rejected are masked: `new(T)` keeps its own node shape. */
export function maskNewExpressions(source: string, root: Node): string {
  let out = source;
  for (const m of source.matchAll(/\bnew\s*\(/g)) {
    const at = m.index;
    let n: Node | null = root.descendantForIndex(at, at + 3);
    let inError = false;
    let call: Node | null = null;
    let literal = false;
    for (let a = n; a; a = a.parent) {
      if (a.type === 'comment' || a.type === 'interpreted_string_literal' || a.type === 'raw_string_literal' || a.type === 'rune_literal') literal = true;
      if (a.type === 'ERROR') inError = true;
      if (!call && a.type === 'call_expression') call = a;
    }
    n = null;
    if (literal) continue;
    if (!inError && call && call.startIndex === at && !call.hasError) continue;
    out = out.slice(0, at) + MASKED_NEW + out.slice(at + 3);
  }
  return out;
}

/** Undoes maskNewExpressions in text built from a masked tree. */
export function unmaskText(text: string): string {
  return text.includes(MASKED_NEW) ? text.replaceAll(MASKED_NEW, 'new') : text;
}

/**
 * The tree of source parsed from a copy where syntax newer than the grammar knows is blanked or
 * respelled at the same length (undefined when there is none). Errors left in it are the
 * source's own, and there they are told where they are, not where the newer syntax is.
 */
async function parseNewerSyntax(source: string, first: Tree): Promise<Tree | undefined> {
  const candidates = methodTypeParameterLists(source);
  let text = blankRanges(source, candidates);
  let tree = text === source ? undefined : await parseGo(text);
  if ((tree ?? first).rootNode.hasError && !source.includes(MASKED_NEW)) {
    const respelled = maskNewExpressions(text, (tree ?? first).rootNode);
    if (respelled !== text) {
      tree?.delete();
      text = respelled;
      tree = await parseGo(text);
    }
  }
  if (!tree) return undefined;
  const wrong = candidates.filter((r) => !isTypeParameterList(tree!.rootNode, r));
  if (wrong.length > 0) {
    tree.delete();
    for (const [from, to] of wrong) text = text.slice(0, from) + source.slice(from, to) + text.slice(to);
    tree = await parseGo(text);
  }
  return tree;
}

export async function loadGoFile(path: string, source: string): Promise<GoFile> {
  let tree = await parseGo(source);
  let masked = false;
  if (tree.rootNode.hasError) {
    const newer = await parseNewerSyntax(source, tree);
    if (newer) {
      tree.delete();
      tree = newer;
      masked = !newer.rootNode.hasError;
    }
  }
  const root = tree.rootNode;
  const positions = new PositionMap(source, path);
  if (root.hasError) {
    const err = new WeaveError(unmaskText(syntaxErrorDetail(root)), errorPosition(root, positions, path));
    tree.delete();
    throw err;
  }
  const pkg = root.namedChildren.find((n) => n?.type === 'package_clause');
  const pkgName = pkg?.namedChildren.find((n) => n?.type === 'package_identifier');
  if (!pkg || !pkgName) {
    tree.delete();
    throw new WeaveError('expected a package clause', { file: path, line: 1, col: 1 });
  }
  const imports: ImportSpec[] = [];
  for (const decl of root.namedChildren) {
    if (decl?.type !== 'import_declaration') continue;
    // import_spec sits directly under the declaration or under its parenthesised list.
    const specs = decl.namedChildren.flatMap((c) => (c?.type === 'import_spec_list' ? c.namedChildren : [c]));
    for (const spec of specs) {
      if (spec?.type !== 'import_spec') continue;
      const pathNode = spec.childForFieldName('path');
      const nameNode = spec.childForFieldName('name');
      if (!pathNode) continue;
      const ipath = unquote(pathNode.text);
      const name = nameNode?.text;
      const local = name === undefined ? defaultImportName(ipath) : name === '_' || name === '.' ? undefined : name;
      imports.push({ path: ipath, name, local });
    }
  }
  const aliases = new Map<string, string>();
  const dotImports: string[] = [];
  for (const imp of imports) {
    if (imp.local) aliases.set(imp.local, imp.path);
    if (imp.name === '.') dotImports.push(imp.path);
  }
  return {
    path, source, tree, root,
    packageName: pkgName.text,
    packageClauseEnd: pkgName.endIndex,
    imports, aliases, dotImports, positions, masked,
  };
}

function unquote(lit: string): string {
  if (lit.startsWith('`')) return lit.slice(1, -1);
  try { return JSON.parse(lit) as string; } catch { return lit.slice(1, -1); }
}

/** The first ERROR or MISSING node, depth first. */
export function firstErrorNode(root: Node): Node | undefined {
  const cursor = root.walk();
  // Depth-first to the first ERROR or MISSING node.
  for (;;) {
    const n = cursor.currentNode;
    if (n.type === 'ERROR' || n.isMissing) return n;
    if (n.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return undefined;
    }
  }
}

function syntaxErrorDetail(root: Node): string {
  const n = firstErrorNode(root);
  if (!n) return 'syntax error: the file is not valid Go';
  if (n.isMissing) return `syntax error: expected ${JSON.stringify(n.type)}`;
  const text = n.text.split('\n')[0].slice(0, 40);
  return `syntax error: unexpected ${JSON.stringify(text)}`;
}

function errorPosition(root: Node, positions: PositionMap, file: string): { file: string; line: number; col?: number } {
  const n = firstErrorNode(root);
  return n ? positions.position(n.startIndex) : { file, line: 1 };
}
