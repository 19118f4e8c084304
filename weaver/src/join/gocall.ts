import type { Node } from 'web-tree-sitter';
import type { GoFile } from '../parse/gofile.js';
import { resolveName, type PackageNames } from './scope.js';
import { unparen } from './syntax.js';

/**
 * How `go f(args)` can become `go func() { …; f(args) }()` without changing what it does: go
 * evaluates the function value and the arguments in the calling goroutine, so whatever could
 * change before the new goroutine runs is captured first (`{ v0, v1 := f, a; go func() { …;
 * v0(v1) }() }`), and only what nothing can change (constants, functions declared at the top
 * level, packages' members called) is written again inside the literal.
 *
 * A capture must keep the argument's type: `v := 1` is an int where the parameter may be a
 * float64 or a time.Duration. Only arguments whose type the syntax shows are captured, constants
 * are left inline; a go statement with any other argument is not planned (and stays as written).
 */
export interface GoCallPlan {
  stmt: Node;
  call: Node;
  /** The function value: captured, or kept for the new goroutine to name (a function, a package's member). */
  fn: { node: Node; capture: boolean };
  /** node: the expression (inside `x...`); spread: written with `...`. */
  args: { node: Node; capture: boolean; spread: boolean }[];
}

type Sort = 'const' | 'typed' | undefined;

const LITERALS = new Set(['int_literal', 'float_literal', 'imaginary_literal', 'rune_literal', 'interpreted_string_literal', 'raw_string_literal', 'true', 'false', 'nil', 'iota']);
const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

const named = (n: Node | null): Node[] => (n ? n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : []);

/** The plan for a go statement, or undefined when its call cannot be wrapped safely. */
export function planGoCall(stmt: Node, file: GoFile, pkg?: PackageNames): GoCallPlan | undefined {
  if (stmt.type !== 'go_statement') return undefined;
  const call = named(stmt)[0];
  if (call?.type !== 'call_expression') return undefined;
  const fnNode = call.childForFieldName('function');
  const f = unparen(fnNode);
  if (!fnNode || !f || f.type === 'func_literal') return undefined;
  const capture = functionCapture(f, file, pkg);
  if (capture === undefined) return undefined;
  const list = named(call.childForFieldName('arguments'));
  const args: GoCallPlan['args'] = [];
  for (const a of list) {
    const spread = a.type === 'variadic_argument';
    const node = spread ? named(a)[0] : a;
    if (!node) return undefined;
    const sort = sortOf(node, file, pkg, list.length);
    if (sort === undefined) return undefined;
    args.push({ node, capture: sort === 'typed', spread });
  }
  return { stmt, call, fn: { node: fnNode, capture }, args };
}

/** Whether the function value must be captured (true), may be named again (false), or neither (undefined). */
function functionCapture(f: Node, file: GoFile, pkg?: PackageNames): boolean | undefined {
  switch (f.type) {
    case 'identifier': {
      const k = resolveName(f.text, f, file, pkg);
      if (k === 'var') return true;
      // A function may be generic, inferred from the arguments: it cannot be a value on its own.
      if (k === 'func' || k === 'builtin') return false;
      return undefined;
    }
    case 'selector_expression': {
      const operand = unparen(f.childForFieldName('operand'));
      if (operand?.type === 'identifier') {
        const k = resolveName(operand.text, operand, file, pkg);
        if (k === 'package') return false;
        if (k === undefined || k === 'ambiguous') return undefined;
      }
      // A method value or a field: typed, and bound to its receiver now, as go binds it.
      return true;
    }
    case 'index_expression': {
      const operand = unparen(f.childForFieldName('operand'));
      if (operand?.type !== 'identifier') return undefined;
      const k = resolveName(operand.text, operand, file, pkg);
      if (k === 'var') return true;
      if (k === 'func') return false;
      return undefined;
    }
    case 'call_expression': return true;
    default: return undefined;
  }
}

/**
 * 'typed' for an argument whose value has a type of its own (captured as is), 'const' for a
 * constant (or a function) that can be written again where it is used, undefined otherwise.
 * `args` counts the go call's arguments: a lone call may stand for several values.
 */
function sortOf(e: Node, file: GoFile, pkg: PackageNames | undefined, args: number): Sort {
  const sort = (n: Node | null): Sort => (n ? sortOf(n, file, pkg, 2) : undefined);
  if (LITERALS.has(e.type)) return 'const';
  switch (e.type) {
    case 'identifier': {
      const k = resolveName(e.text, e, file, pkg);
      if (k === 'var') return 'typed';
      if (k === 'const' || k === 'func') return 'const';
      return undefined;
    }
    case 'parenthesized_expression': return sort(unparen(e));
    case 'func_literal': case 'composite_literal': case 'type_assertion_expression': case 'type_conversion_expression':
      return 'typed';
    case 'unary_expression': {
      const op = e.childForFieldName('operator')?.text;
      if (op === '&' || op === '<-') return 'typed';
      return sort(e.childForFieldName('operand'));
    }
    case 'binary_expression': {
      const op = e.childForFieldName('operator')?.text ?? '';
      const [l, r] = [sort(e.childForFieldName('left')), sort(e.childForFieldName('right'))];
      if (l === undefined || r === undefined) return undefined;
      if (l === 'const' && r === 'const') return 'const';
      // A comparison is an untyped bool; a shifted constant takes its type from where it is used.
      if (COMPARISONS.has(op)) return undefined;
      if (op === '<<' || op === '>>') return l === 'typed' ? 'typed' : undefined;
      return 'typed';
    }
    case 'selector_expression': {
      const operand = unparen(e.childForFieldName('operand'));
      if (operand?.type === 'identifier') {
        const k = resolveName(operand.text, operand, file, pkg);
        // A field, method value or method expression is typed; a package's member may be an
        // untyped constant.
        return k === 'var' || k === 'type' ? 'typed' : undefined;
      }
      return sort(operand) === 'typed' ? 'typed' : undefined;
    }
    case 'index_expression': case 'slice_expression': {
      const operand = unparen(e.childForFieldName('operand'));
      const s = sort(operand);
      // F[T] names an instance of a generic function: constant, like F.
      if (e.type === 'index_expression' && operand?.type === 'identifier' && resolveName(operand.text, operand, file, pkg) === 'func') return 'const';
      return s === undefined ? undefined : 'typed';
    }
    case 'call_expression': {
      const fn = unparen(e.childForFieldName('function'));
      if (fn?.type === 'identifier') {
        const k = resolveName(fn.text, fn, file, pkg);
        if (k === 'type') return 'typed';
        if (k === 'builtin') return ['len', 'cap', 'new', 'make', 'append'].includes(fn.text) ? 'typed' : undefined;
        if (k === undefined || k === 'ambiguous') return undefined;
      }
      return args >= 2 ? 'typed' : undefined;
    }
    default: return undefined;
  }
}
