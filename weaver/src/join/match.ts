import type { Node } from 'web-tree-sitter';
import type { FunctionOptions, JoinPoint, QualifiedName } from '../aspects/types.js';
import type { GoFile } from '../parse/gofile.js';
import type { NodeKind } from './kinds.js';
import { planGoCall, type GoCallPlan } from './gocall.js';
import { globMatch } from './glob.js';
import type { PackageNames } from './scope.js';
import { stdResults, stdVar } from './std-results.js';
import { annotatedStatement, canonicalType, directivesOf, enclosingFunction, normalizeAspectType, paramsOf, unparen } from './syntax.js';

export interface PackageFacts {
  importPath: string;
  name?: string;
  standard?: boolean;
  mainModule?: boolean;
  testMain?: boolean;
}

/** A node a join point may select. */
export interface Candidate {
  kind: NodeKind;
  node: Node;
  /**
   * For `body`: the function declaration or literal; or a go statement calling something else
   * than a literal (`go f(x)`), whose call go-weave can turn into one (goCall).
   */
  fn?: Node;
  goCall?: GoCallPlan;
  /**
   * For `body`: a function value other than a literal handed to a method that runs it as a
   * goroutine (`g.Go(srv.ListenAndServe)`); fn is that call. go-weave wraps the value in a literal.
   */
  goArg?: Node;
  /** For `composite` / `field-value`: the composite literal and whether it is `&T{…}`. */
  composite?: Node;
  pointer?: boolean;
  /** For `field-value`: the key. */
  field?: string;
}

const TYPES_FOR: Record<NodeKind, string[]> = {
  file: [],
  body: ['function_declaration', 'method_declaration', 'func_literal', 'go_statement', 'call_expression'],
  call: ['call_expression', 'type_conversion_expression'],
  'struct-def': ['type_spec'],
  composite: ['composite_literal'],
  'field-value': ['composite_literal'],
  decl: ['function_declaration', 'method_declaration', 'var_spec', 'const_spec'],
  'value-spec': ['var_spec', 'const_spec'],
};

function isTopLevel(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'source_file') return true;
    if (['block', 'func_literal', 'function_declaration', 'method_declaration'].includes(p.type)) return false;
  }
  return false;
}

/** Node types that only occur at the top level of a file, found without walking the whole tree. */
const TOP_LEVEL_TYPES = new Set(['function_declaration', 'method_declaration', 'type_spec', 'var_spec', 'const_spec']);

function topLevelNodes(file: GoFile, types: Set<string>, out: Map<string, Node[]>): void {
  const add = (n: Node | null) => { if (n && types.has(n.type)) out.get(n.type)!.push(n); };
  for (const d of file.root.namedChildren) {
    if (!d) continue;
    if (d.type === 'function_declaration' || d.type === 'method_declaration') { add(d); continue; }
    if (d.type !== 'type_declaration' && d.type !== 'var_declaration' && d.type !== 'const_declaration') continue;
    for (const c of d.namedChildren) {
      if (c?.type === 'var_spec_list' || c?.type === 'const_spec_list') c.namedChildren.forEach(add);
      else add(c);
    }
  }
}

/**
 * Finds the nodes of several kinds, grouped by node type. Declarations are read from the top level;
 * only calls, literals and function literals need a walk of the whole tree, which crosses into WASM
 * and costs about a tenth of the parse, so it happens at most once and only when needed.
 * `literals`: whether function literals can be selected at all (no aspect names its functions);
 * `goroutines`: whether go statements and calls such as wg.Go(f) can (a goroutine join point).
 */
export function nodesByType(file: GoFile, kinds: Iterable<NodeKind>, literals = true, goroutines = literals): Map<string, Node[]> {
  const wanted = (k: NodeKind, t: string) => k !== 'body' || (t === 'func_literal' ? literals : GOROUTINE_TYPES.has(t) ? goroutines : true);
  const types = new Set<string>();
  const left = new Set<string>();
  for (const k of kinds) for (const t of TYPES_FOR[k]) (wanted(k, t) ? types : left).add(t);
  const out = new Map<string, Node[]>();
  for (const t of types) out.set(t, []);
  const deep = [...types].filter((t) => !TOP_LEVEL_TYPES.has(t));
  topLevelNodes(file, types, out);
  if (deep.length) for (const n of file.root.descendantsOfType(deep)) if (n) out.get(n.type)!.push(n);
  // Keep the "absent type" convention of candidatesOf: a type left out has an empty list.
  for (const t of left) if (!types.has(t)) out.set(t, []);
  return out;
}

/** The nodes a function-body join point selects only as the start of a goroutine. */
const GOROUTINE_TYPES = new Set(['go_statement', 'call_expression']);

/** Whether a join point could select the body of a function literal (one without a name or receiver). */
export function mayMatchLiteral(jp: JoinPoint): boolean {
  switch (jp.kind) {
    case 'function': return (jp.options.name === undefined || jp.options.name === '') && jp.options.receiver !== true && typeof jp.options.receiver !== 'object';
    case 'function-body': return mayMatchLiteral(jp.of);
    case 'all-of': return jp.of.every(mayMatchLiteral);
    case 'one-of': return jp.of.some(mayMatchLiteral);
    case 'declaration-of': return false;
    default: return true;
  }
}

/** Whether a join point could select a go statement's call (through the `goroutine: true` function option). */
export function mayMatchGoStatement(jp: JoinPoint): boolean {
  switch (jp.kind) {
    case 'function': return jp.options.goroutine === true;
    case 'function-body': return mayMatchGoStatement(jp.of);
    case 'all-of': return jp.of.some(mayMatchGoStatement) && jp.of.every(mayMatchLiteral);
    case 'one-of': return jp.of.some(mayMatchGoStatement);
    default: return false;
  }
}

/**
 * Every node of the given kind in the file, in source order; `found` is a prior nodesByType
 * result, `pkg` the package's other top-level names (go statements are planned with them).
 */
export function candidatesOf(file: GoFile, kind: NodeKind, found?: Map<string, Node[]>, pkg?: PackageNames): Candidate[] {
  if (kind === 'file') return [{ kind, node: file.root }];
  const out: Candidate[] = [];
  const nodes = found && TYPES_FOR[kind].every((t) => found.has(t))
    ? TYPES_FOR[kind].flatMap((t) => found.get(t)!).sort((a, b) => a.startIndex - b.startIndex)
    : file.root.descendantsOfType(TYPES_FOR[kind]);
  for (const n of nodes) {
    if (!n) continue;
    switch (kind) {
      case 'body': {
        if (n.type === 'go_statement') {
          const goCall = planGoCall(n, file, pkg);
          if (goCall) out.push({ kind, node: n, fn: n, goCall });
          break;
        }
        if (n.type === 'call_expression') {
          const goArg = goroutineArgument(n);
          if (goArg) out.push({ kind, node: goArg, fn: n, goArg });
          break;
        }
        const body = n.childForFieldName('body');
        if (body) out.push({ kind, node: body, fn: n });
        break;
      }
      case 'call':
        if (n.type === 'call_expression' || n.childForFieldName('type')?.type === 'generic_type') out.push({ kind, node: n });
        break;
      case 'struct-def':
        if (n.childForFieldName('type')?.type === 'struct_type' && isTopLevel(n)) out.push({ kind, node: n });
        break;
      case 'composite': {
        const p = n.parent;
        const pointer = p?.type === 'unary_expression' && p.childForFieldName('operator')?.text === '&';
        out.push({ kind, node: pointer ? p! : n, composite: n, pointer });
        break;
      }
      case 'field-value': {
        const p = n.parent;
        const pointer = p?.type === 'unary_expression' && p.childForFieldName('operator')?.text === '&';
        for (const el of n.childForFieldName('body')?.namedChildren ?? []) {
          if (el?.type !== 'keyed_element') continue;
          const key = el.childForFieldName('key');
          const value = el.childForFieldName('value');
          const inner = value?.namedChildren.find((c) => c && c.type !== 'comment') ?? value;
          if (key && inner) out.push({ kind, node: inner, composite: n, pointer, field: key.text });
        }
        break;
      }
      case 'decl': case 'value-spec':
        if (isTopLevel(n)) out.push({ kind, node: n });
        break;
    }
  }
  return out;
}

/**
 * What a join point says about a whole package before any file is read: false when it can never
 * match there, true when it surely does, undefined when it depends on the code.
 */
export function packageVerdict(jp: JoinPoint, facts: PackageFacts): boolean | undefined {
  switch (jp.kind) {
    case 'import-path': return facts.importPath === jp.path;
    case 'package-name': return facts.name === undefined ? undefined : facts.name === jp.name;
    case 'package-filter':
      return globMatch(jp.pattern, facts.importPath) && (!jp.root || !!facts.mainModule) && (jp.standard === undefined || !!facts.standard === jp.standard);
    case 'test-main': return !!facts.testMain === jp.value;
    case 'struct-definition': return facts.importPath === jp.type.pkg ? undefined : false;
    case 'declaration-of': return facts.importPath === jp.target.pkg ? undefined : false;
    case 'all-of': {
      let all: boolean | undefined = true;
      for (const c of jp.of) {
        const v = packageVerdict(c, facts);
        if (v === false) return false;
        if (v === undefined) all = undefined;
      }
      return all;
    }
    case 'one-of': {
      let any: boolean | undefined = false;
      for (const c of jp.of) {
        const v = packageVerdict(c, facts);
        if (v === true) return true;
        if (v === undefined) any = undefined;
      }
      return any;
    }
    case 'not': {
      const v = packageVerdict(jp.of, facts);
      return v === undefined ? undefined : !v;
    }
    case 'function-body': return packageVerdict(jp.of, facts) === false ? false : undefined;
    default: return undefined;
  }
}

export interface MatchContext { file: GoFile; facts: PackageFacts }

/**
 * The text after `//NAME` of the directive annotating a candidate (a function body's directive sits
 * above its declaration), or undefined when there is none.
 */
export function directiveOf(c: Candidate, name: string): string | undefined {
  const anchor = c.kind === 'body' && c.fn ? c.fn : c.node;
  // A go statement's call is no function of the program's own to annotate.
  if (anchor.type === 'source_file' || c.goCall || c.goArg) return undefined;
  // A spec of a `var (…)` group may carry its own directive, or share the group's.
  const own = anchor.parent?.type === 'var_spec_list' || anchor.parent?.type === 'const_spec_list' ? directivesOf(anchor) : [];
  const line = [...own, ...directivesOf(annotatedStatement(anchor))].find((d) => d === name || d.startsWith(name + ' ') || d.startsWith(name + '\t'));
  return line === undefined ? undefined : line.slice(name.length);
}

export function matches(jp: JoinPoint, c: Candidate, ctx: MatchContext): boolean {
  switch (jp.kind) {
    case 'all-of': return jp.of.every((j) => matches(j, c, ctx));
    case 'one-of': return jp.of.some((j) => matches(j, c, ctx));
    case 'not': return !matches(jp.of, c, ctx);
    case 'import-path': case 'package-name': case 'package-filter': case 'test-main': {
      const facts = jp.kind === 'package-name' ? { ...ctx.facts, name: ctx.file.packageName } : ctx.facts;
      return packageVerdict(jp, facts) === true;
    }
    case 'directive': return directiveOf(c, jp.name) !== undefined;
    case 'function': return c.kind === 'body' && !!c.fn && functionMatches(c.fn, jp.options, ctx);
    case 'function-body': return c.kind === 'body' && matches(jp.of, c, ctx);
    case 'function-call': return c.kind === 'call' && calleeIs(c.node, jp.target, ctx);
    case 'method-call': return c.kind === 'call' && methodCallIs(c.node, jp.receiver, jp.name, jp.match, ctx);
    case 'struct-definition':
      return c.kind === 'struct-def' && ctx.facts.importPath === jp.type.pkg && c.node.childForFieldName('name')?.text === jp.type.name;
    case 'struct-literal': {
      if (c.kind !== 'composite' && c.kind !== 'field-value') return false;
      if (jp.field !== undefined ? c.kind !== 'field-value' || c.field !== jp.field : c.kind !== 'composite') return false;
      if (jp.match === 'pointer-only' && !c.pointer) return false;
      if (jp.match === 'value-only' && c.pointer) return false;
      const t = c.composite?.childForFieldName('type');
      return !!t && typeNames(t, jp.type, ctx);
    }
    case 'declaration-of':
      return c.kind === 'decl' && ctx.facts.importPath === jp.target.pkg && declName(c.node) === jp.target.name;
    case 'value-declaration': {
      if (c.kind !== 'value-spec') return false;
      const t = c.node.childForFieldName('type');
      return !!t && canonicalType(t, ctx.file, ctx.facts.importPath) === normalizeAspectType(jp.type);
    }
  }
}

/**
 * Whether fn is a function literal that runs as a goroutine of its own: the one a go statement
 * calls (`go func(…) {…}(…)`), or the one handed to a sync.WaitGroup's Go (`wg.Go(func() {…})`),
 * an errgroup's Go or TryGo, or time's or context's AfterFunc (none of which recovers a panic).
 */
function startsGoroutine(fn: Node, ctx: MatchContext): boolean {
  if (fn.type !== 'func_literal') return false;
  let callee: Node = fn;
  let p = fn.parent;
  while (p?.type === 'parenthesized_expression') {
    callee = p;
    p = p.parent;
  }
  if (p?.type === 'call_expression' && p.childForFieldName('function')?.id === callee.id) return p.parent?.type === 'go_statement';
  const call = p?.type === 'argument_list' ? p.parent : null;
  return call?.type === 'call_expression' && goroutineFunctionArg(call)?.id === callee.id && goroutineResult(call, ctx) !== undefined;
}

/**
 * The argument a call would run as a goroutine of its own, by the call's shape alone: `x.Go(f)`,
 * `x.TryGo(f)`, `AfterFunc(d, f)`. goroutineResult tells whether the call really is one.
 */
function goroutineFunctionArg(call: Node): Node | undefined {
  const f = unparen(call.childForFieldName('function'));
  const name = f?.type === 'selector_expression' ? f.childForFieldName('field')?.text : f?.type === 'identifier' ? f.text : undefined;
  const at = name === 'AfterFunc' ? 1 : (name === 'Go' || name === 'TryGo') && f?.type === 'selector_expression' ? 0 : undefined;
  if (at === undefined) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
  if (args.length !== at + 1 || args[at].type === 'variadic_argument') return undefined;
  return args[at];
}

/**
 * What the function a call such as `wg.Go(f)` starts as a goroutine returns ('' for nothing), or
 * undefined when the call is no such thing: sync.WaitGroup's Go, an x/sync errgroup's Go or
 * TryGo (the receiver's type as the syntax tells it), time.AfterFunc or context.AfterFunc.
 */
export function goroutineResult(call: Node, ctx: MatchContext): '' | 'error' | undefined {
  if (!goroutineFunctionArg(call)) return undefined;
  const f = unparen(call.childForFieldName('function'));
  if (AFTER_FUNCS.some((t) => calleeIs(call, t, ctx))) return '';
  const method = f?.type === 'selector_expression' ? f.childForFieldName('field')?.text : undefined;
  if (method !== 'Go' && method !== 'TryGo') return undefined;
  const t = staticTypeOf(f!.childForFieldName('operand'), ctx)?.replace(/^\*/, '');
  if (t === 'sync.WaitGroup' && method === 'Go') return '';
  if (t === 'golang.org/x/sync/errgroup.Group') return 'error';
  return undefined;
}

const AFTER_FUNCS: QualifiedName[] = [{ pkg: 'time', name: 'AfterFunc', pointer: false }, { pkg: 'context', name: 'AfterFunc', pointer: false }];

/** The function value (no literal) that a call such as `g.Go(srv.Serve)` would run as a goroutine. */
function goroutineArgument(call: Node): Node | undefined {
  const arg = goroutineFunctionArg(call);
  return arg && unparen(arg)?.type !== 'func_literal' ? arg : undefined;
}

function declName(n: Node): string | undefined {
  return n.childForFieldName('name')?.text;
}

function functionMatches(fn: Node, o: FunctionOptions, ctx: MatchContext): boolean {
  // The literal go-weave would write around a go statement's call, or around a function value
  // handed to wg.Go: only for join points that ask for goroutines, as it has no name, receiver
  // or signature of its own.
  if (fn.type === 'go_statement' || fn.type === 'call_expression') {
    const synthetic = o.goroutine === true && !o.name && (o.receiver === undefined || o.receiver === false) && !o.signature && !o.signatureContains;
    return synthetic && (fn.type === 'go_statement' || goroutineResult(fn, ctx) !== undefined);
  }
  if (o.goroutine !== undefined && startsGoroutine(fn, ctx) !== o.goroutine) return false;
  if (o.name !== undefined) {
    const name = fn.type === 'func_literal' ? '' : fn.childForFieldName('name')?.text ?? '';
    if (name !== o.name) return false;
  }
  if (o.receiver !== undefined) {
    const recv = fn.type === 'method_declaration' ? paramsOf(fn.childForFieldName('receiver'))[0] : undefined;
    if (typeof o.receiver === 'boolean') { if (!!recv !== o.receiver) return false; }
    else {
      if (!recv?.typeNode) return false;
      const t = canonicalType(recv.typeNode, ctx.file, ctx.facts.importPath).replace(/\[.*\]$/, '');
      const want = (o.receiver.pointer ? '*' : '') + o.receiver.pkg + '.' + o.receiver.name;
      if (t !== want) return false;
    }
  }
  if (o.signature || o.signatureContains) {
    const flat = (list: Node | null) => paramsOf(list).flatMap((p) => p.names.map(() => (p.variadic ? '...' : '') + (p.typeNode ? canonicalType(p.typeNode, ctx.file, ctx.facts.importPath) : '')));
    const args = flat(fn.childForFieldName('parameters'));
    const res = fn.childForFieldName('result');
    const results = !res ? [] : res.type === 'parameter_list' ? flat(res) : [canonicalType(res, ctx.file, ctx.facts.importPath)];
    if (o.signature) {
      const want = o.signature;
      if (args.join(',') !== want.args.join(',') || results.join(',') !== want.returns.join(',')) return false;
    }
    if (o.signatureContains) {
      const want = o.signatureContains;
      if (!want.args.every((a) => args.includes(a)) || !want.returns.every((r) => results.includes(r))) return false;
    }
  }
  return true;
}

/** Resolves the called function of a call to (package path, name), through the file's imports. */
export function calleeOf(call: Node, ctx: MatchContext): { pkg: string; name: string } | undefined {
  let f = call.type === 'call_expression' ? unparen(call.childForFieldName('function')) : call.childForFieldName('type')?.childForFieldName('type') ?? null;
  if (f?.type === 'index_expression' || f?.type === 'generic_type') f = f.childForFieldName('operand') ?? f.childForFieldName('type');
  if (!f) return undefined;
  if (f.type === 'selector_expression' || f.type === 'qualified_type') return importedName(f, ctx);
  if (f.type === 'identifier') return { pkg: ctx.facts.importPath, name: f.text };
  return undefined;
}

/** A `pkg.Name` selector or qualified type resolved to (package path, name) through the file's imports. */
function importedName(f: Node, ctx: MatchContext): { pkg: string; name: string } | undefined {
  const operand = f.childForFieldName('operand') ?? f.childForFieldName('package');
  const field = f.childForFieldName('field') ?? f.childForFieldName('name');
  if (operand?.type !== 'identifier' && operand?.type !== 'package_identifier') return undefined;
  const path = ctx.file.aliases.get(operand.text);
  if (!path || !field) return undefined;
  return { pkg: path, name: field.text };
}

function calleeIs(call: Node, t: QualifiedName, ctx: MatchContext): boolean {
  const c = calleeOf(call, ctx);
  if (!c || c.name !== t.name) return false;
  if (c.pkg === t.pkg) return true;
  // A bare name may come from a dot import.
  const f = call.type === 'call_expression' ? unparen(call.childForFieldName('function')) : null;
  return f?.type === 'identifier' && ctx.file.dotImports.includes(t.pkg);
}

function typeNames(t: Node, want: QualifiedName, ctx: MatchContext): boolean {
  const canon = canonicalType(t, ctx.file, ctx.facts.importPath);
  return canon === `${want.pkg}.${want.name}` || (ctx.file.dotImports.includes(want.pkg) && t.text === want.name);
}

function methodCallIs(call: Node, recv: QualifiedName, name: string, match: 'pointer-only' | 'value-only' | 'any', ctx: MatchContext): boolean {
  if (call.type !== 'call_expression') return false;
  const f = unparen(call.childForFieldName('function'));
  if (f?.type !== 'selector_expression' || f.childForFieldName('field')?.text !== name) return false;
  const t = staticTypeOf(f.childForFieldName('operand'), ctx);
  if (!t) return false;
  const base = `${recv.pkg}.${recv.name}`;
  const effective = match !== 'any' ? match : recv.pointer ? 'pointer-only' : 'any';
  if (effective === 'pointer-only') return t === '*' + base;
  if (effective === 'value-only') return t === base;
  return t === base || t === '*' + base;
}

/**
 * The type of an expression when the syntax alone tells it: a composite literal, `new(T)`, or an
 * identifier declared with an explicit type or initialised from one of those in an enclosing scope.
 */
export function staticTypeOf(expr: Node | null, ctx: MatchContext): string | undefined {
  const e = unparen(expr);
  if (!e) return undefined;
  if (e.type === 'composite_literal') { const t = e.childForFieldName('type'); return t ? canonicalType(t, ctx.file, ctx.facts.importPath) : undefined; }
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '&') {
    const inner = staticTypeOf(e.childForFieldName('operand'), ctx);
    return inner ? '*' + inner : undefined;
  }
  if (e.type === 'call_expression' && e.childForFieldName('function')?.text === 'new') {
    const arg = e.childForFieldName('arguments')?.namedChildren[0];
    return arg ? '*' + canonicalType(arg, ctx.file, ctx.facts.importPath) : undefined;
  }
  if (e.type === 'call_expression') return resultsOf(e, ctx)?.[0];
  if (e.type === 'selector_expression') {
    const v = importedName(e, ctx);
    return v && stdVar(v.pkg, v.name);
  }
  if (e.type !== 'identifier') return undefined;
  const name = e.text;
  for (let fn = enclosingFunction(e); fn; fn = enclosingFunction(fn)) {
    const found = typeInFunction(fn, name, e.startIndex, ctx);
    if (found) return found;
  }
  for (const spec of ctx.file.root.descendantsOfType('var_spec')) {
    if (!spec || !isTopLevelSpec(spec)) continue;
    const t = specType(spec, name, ctx);
    if (t) return t;
  }
  return undefined;
}

/** The results of a call to a standard-library constructor (`log.New(…)`), through the file's imports. */
function resultsOf(call: Node, ctx: MatchContext): readonly string[] | undefined {
  const c = calleeOf(call, ctx);
  return c && stdResults(c.pkg, c.name);
}

function isTopLevelSpec(n: Node): boolean {
  return n.parent?.type === 'var_declaration' ? n.parent.parent?.type === 'source_file' : n.parent?.parent?.parent?.type === 'source_file';
}

function specType(spec: Node, name: string, ctx: MatchContext): string | undefined {
  const names = spec.childrenForFieldName('name').map((n) => n?.text);
  const i = names.indexOf(name);
  if (i < 0) return undefined;
  const t = spec.childForFieldName('type');
  if (t) return canonicalType(t, ctx.file, ctx.facts.importPath);
  const value = spec.childForFieldName('value')?.namedChildren[i];
  return value ? staticTypeOf(value, ctx) : undefined;
}

function typeInFunction(fn: Node, name: string, before: number, ctx: MatchContext): string | undefined {
  for (const list of [fn.childForFieldName('receiver'), fn.childForFieldName('parameters')]) {
    for (const p of paramsOf(list)) if (p.names.includes(name) && p.typeNode) return canonicalType(p.typeNode, ctx.file, ctx.facts.importPath);
  }
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  let found: string | undefined;
  for (const d of body.descendantsOfType(['short_var_declaration', 'var_spec'])) {
    if (!d || d.startIndex > before || enclosingFunction(d)?.id !== fn.id) continue;
    if (d.type === 'var_spec') { found = specType(d, name, ctx) ?? found; continue; }
    const left = d.childForFieldName('left')?.namedChildren.map((n) => n?.text) ?? [];
    const i = left.indexOf(name);
    const right = d.childForFieldName('right')?.namedChildren ?? [];
    if (i >= 0 && right.length === left.length) found = staticTypeOf(right[i], ctx) ?? found;
    else if (i >= 0 && right.length === 1 && right[0]?.type === 'call_expression') found = resultsOf(right[0], ctx)?.[i] ?? found;
  }
  return found;
}
