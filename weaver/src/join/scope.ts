import type { Node } from 'web-tree-sitter';
import type { GoFile } from '../parse/gofile.js';
import { paramsOf, PREDECLARED_TYPES } from './syntax.js';

/**
 * What a name denotes where it is used, as far as the syntax of the package tells: a variable
 * (its type fixed by its declaration), a constant (perhaps untyped), a function declared at the
 * top level (perhaps generic), a type, an imported package, or a predeclared function.
 */
export type NameKind = 'var' | 'const' | 'func' | 'type' | 'package' | 'builtin';

/** Top-level names of a package's files: 'ambiguous' when files disagree (a file the build leaves out). */
export type PackageNames = ReadonlyMap<string, NameKind | 'ambiguous'>;

const BUILTIN_FUNCS = new Set(['append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic', 'print', 'println', 'real', 'recover']);
const PREDECLARED_CONSTS = new Set(['true', 'false', 'iota', 'nil']);

const namesOf = (n: Node | null, field = 'name'): string[] => (n ? n.childrenForFieldName(field).flatMap((c) => (c ? [c.text] : [])) : []);
const listNames = (list: Node | null): string[] => (list ? list.namedChildren.flatMap((c) => (c?.type === 'identifier' ? [c.text] : [])) : []);

/** The names a statement of a block declares for the statements after it. */
function declaredBy(stmt: Node, into: Map<string, NameKind>): void {
  switch (stmt.type) {
    case 'short_var_declaration':
      for (const n of listNames(stmt.childForFieldName('left'))) into.set(n, 'var');
      return;
    case 'var_declaration': case 'const_declaration': case 'type_declaration': {
      const kind: NameKind = stmt.type === 'var_declaration' ? 'var' : stmt.type === 'const_declaration' ? 'const' : 'type';
      for (const c of stmt.namedChildren) {
        if (!c) continue;
        const specs = c.type.endsWith('_spec_list') ? c.namedChildren : [c];
        for (const s of specs) if (s && s.type.endsWith('_spec')) for (const n of namesOf(s)) into.set(n, kind);
      }
      return;
    }
    case 'labeled_statement': {
      const inner = stmt.namedChildren.find((c) => c && c.type !== 'label_name' && c.type !== 'comment');
      if (inner) declaredBy(inner, into);
      return;
    }
  }
}

const topLevelCache = new WeakMap<GoFile, Map<string, NameKind>>();

/** A file's own top-level declarations (functions, variables, constants, types). */
export function topLevelNames(file: GoFile): Map<string, NameKind> {
  let out = topLevelCache.get(file);
  if (out) return out;
  out = new Map<string, NameKind>();
  topLevelCache.set(file, out);
  for (const d of file.root.namedChildren) {
    if (!d) continue;
    if (d.type === 'function_declaration') { const n = d.childForFieldName('name')?.text; if (n && n !== '_' && n !== 'init') out.set(n, 'func'); continue; }
    declaredBy(d, out);
  }
  return out;
}

/** The scope a node opens for the node `inner` below it, searched for `name`. */
function declaredIn(scope: Node, inner: Node, name: string): NameKind | undefined {
  const found = new Map<string, NameKind>();
  switch (scope.type) {
    case 'statement_list':
      // Only what is declared before the use is in scope there.
      for (const c of scope.namedChildren) {
        if (!c || c.endIndex > inner.startIndex) break;
        declaredBy(c, found);
      }
      break;
    case 'for_statement': {
      const clause = scope.namedChildren.find((c) => c?.type === 'for_clause' || c?.type === 'range_clause');
      if (!clause || clause.id === inner.id) break;
      if (clause.type === 'range_clause') {
        if (clause.children.some((c) => c?.type === ':=')) for (const n of listNames(clause.childForFieldName('left'))) found.set(n, 'var');
      } else {
        const init = clause.childForFieldName('initializer');
        if (init && init.id !== inner.id) declaredBy(init, found);
      }
      break;
    }
    case 'if_statement': case 'expression_switch_statement': case 'type_switch_statement': {
      const init = scope.childForFieldName('initializer');
      if (init && init.id !== inner.id) declaredBy(init, found);
      if (scope.type === 'type_switch_statement' && (inner.type === 'type_case' || inner.type === 'default_case')) for (const n of listNames(scope.childForFieldName('alias'))) found.set(n, 'var');
      break;
    }
    case 'communication_case': {
      const comm = scope.childForFieldName('communication');
      if (comm && comm.id !== inner.id && comm.type === 'receive_statement' && comm.children.some((c) => c?.type === ':=')) {
        for (const n of listNames(comm.childForFieldName('left'))) found.set(n, 'var');
      }
      break;
    }
    case 'func_literal': case 'function_declaration': case 'method_declaration':
      for (const f of ['receiver', 'parameters', 'result']) for (const p of paramsOf(scope.childForFieldName(f))) for (const n of p.names) if (n) found.set(n, 'var');
      for (const t of scope.childForFieldName('type_parameters')?.namedChildren ?? []) for (const n of namesOf(t)) found.set(n, 'type');
      break;
  }
  return found.get(name);
}

/**
 * What `name`, used at `at`, denotes: searched from the innermost scope out to the file's
 * imports, the package's top level (this file, then `pkg`, the other files) and the
 * predeclared names. Undefined when nothing declares it where the syntax can see (a dot import).
 */
export function resolveName(name: string, at: Node, file: GoFile, pkg?: PackageNames): NameKind | 'ambiguous' | undefined {
  for (let inner = at, scope = at.parent; scope; inner = scope, scope = scope.parent) {
    if (scope.type === 'source_file') break;
    const k = declaredIn(scope, inner, name);
    if (k) return k;
  }
  const own = topLevelNames(file).get(name);
  if (own) return own;
  if (file.aliases.has(name)) return 'package';
  const other = pkg?.get(name);
  if (other) return other;
  if (file.dotImports.length > 0) return undefined;
  if (PREDECLARED_CONSTS.has(name)) return 'const';
  if (BUILTIN_FUNCS.has(name)) return 'builtin';
  if (PREDECLARED_TYPES.has(name)) return 'type';
  return undefined;
}

/** One file's top-level names as stored between builds: `kind:name`. */
export function encodeNames(names: ReadonlyMap<string, NameKind>): string[] {
  return [...names].map(([n, k]) => `${k}:${n}`).sort();
}

/** The package's top-level names from each file's encodeNames list. */
export function mergeNames(lists: Iterable<readonly string[]>): PackageNames {
  const out = new Map<string, NameKind | 'ambiguous'>();
  for (const list of lists) {
    for (const entry of list) {
      const at = entry.indexOf(':');
      const [kind, name] = [entry.slice(0, at) as NameKind, entry.slice(at + 1)];
      const had = out.get(name);
      out.set(name, had === undefined || had === kind ? kind : 'ambiguous');
    }
  }
  return out;
}
