import { WeaveError } from '../errors.js';
import type { Advice, Aspect, FunctionOptions, JoinPoint, QualifiedName, Template } from './types.js';
import type { YamlNode } from './yaml-node.js';

const JOIN_POINT_KEYS = [
  'all-of', 'one-of', 'not', 'import-path', 'package-name', 'package-filter', 'test-main', 'directive',
  'function', 'function-body', 'function-call', 'method-call', 'struct-definition', 'struct-literal',
  'declaration-of', 'value-declaration',
];
const ADVICE_KEYS = [
  'prepend-statements', 'wrap-expression', 'replace-function', 'append-args', 'assign-value',
  'add-struct-field', 'add-blank-import', 'link-package', 'inject-declarations',
];

/** `net/http.Get`, `*database/sql.DB`: the name follows the last dot after the last slash. */
export function parseQualified(text: string, at: YamlNode, what: string): QualifiedName {
  let s = text.trim();
  const pointer = s.startsWith('*');
  if (pointer) s = s.slice(1);
  const slash = s.lastIndexOf('/');
  const dot = s.indexOf('.', slash + 1);
  if (dot <= 0 || dot === s.length - 1) at.fail(`expected ${what} as a qualified name like "net/http.Get", got ${JSON.stringify(text)}`);
  const name = s.slice(dot + 1);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) at.fail(`expected ${what} as a qualified name like "net/http.Get", got ${JSON.stringify(text)}`);
  return { pkg: s.slice(0, dot), name, pointer };
}

export function parseJoinPoint(n: YamlNode): JoinPoint {
  const entries = n.entries('a join point');
  if (entries.length !== 1) n.fail(`a join point has exactly one key, one of: ${JOIN_POINT_KEYS.join(', ')}`);
  const { key, keyNode, value } = entries[0];
  const origin = keyNode.origin;
  switch (key) {
    case 'all-of':
    case 'one-of': {
      const of = value.items(`the join points of ${key}`).map(parseJoinPoint);
      if (of.length === 0) value.fail(`${key} needs at least one join point`);
      return { kind: key, of, origin };
    }
    case 'not': return { kind: 'not', of: parseJoinPoint(value), origin };
    case 'import-path': return { kind: 'import-path', path: value.string('an import path'), origin };
    case 'package-name': return { kind: 'package-name', name: value.string('a package name'), origin };
    case 'package-filter': {
      if (value.isMap()) {
        value.checkKeys(['pattern', 'root', 'standard'], 'package-filter');
        const p = value.get('pattern') ?? value.fail('package-filter needs a pattern');
        const standard = value.get('standard')?.bool('standard');
        return { kind: 'package-filter', pattern: p.string('a glob pattern'), root: value.get('root')?.bool('root') ?? false, ...(standard === undefined ? {} : { standard }), origin };
      }
      return { kind: 'package-filter', pattern: value.string('a glob pattern'), root: false, origin };
    }
    case 'test-main': return { kind: 'test-main', value: value.bool('test-main'), origin };
    case 'directive': {
      const name = value.string('a directive name such as "weave:span"').replace(/^\/\//, '');
      if (!/^[\w.-]+:[\w.-]+$/.test(name)) value.fail(`expected a directive name such as "weave:span", got ${JSON.stringify(name)}`);
      return { kind: 'directive', name, origin };
    }
    case 'function': return { kind: 'function', options: parseFunctionOptions(value), origin };
    case 'function-body': return { kind: 'function-body', of: parseJoinPoint(value), origin };
    case 'function-call': return { kind: 'function-call', target: parseQualified(value.string('a function'), value, 'the called function'), origin };
    case 'method-call': {
      value.checkKeys(['receiver', 'name', 'match'], 'method-call');
      const recv = value.get('receiver') ?? value.fail('method-call needs a receiver, e.g. "*database/sql.DB"');
      const name = value.get('name') ?? value.fail('method-call needs a name');
      return {
        kind: 'method-call', receiver: parseQualified(recv.string('a receiver type'), recv, 'the receiver type'),
        name: name.string('a method name'), match: parseMatch(value.get('match')), origin,
      };
    }
    case 'struct-definition': return { kind: 'struct-definition', type: parseQualified(value.string('a struct type'), value, 'the struct type'), origin };
    case 'struct-literal': {
      value.checkKeys(['type', 'match', 'field'], 'struct-literal');
      const t = value.get('type') ?? value.fail('struct-literal needs a type');
      const field = value.get('field')?.string('a field name');
      return { kind: 'struct-literal', type: parseQualified(t.string('a struct type'), t, 'the struct type'), match: parseMatch(value.get('match')), field, origin };
    }
    case 'declaration-of': return { kind: 'declaration-of', target: parseQualified(value.string('a declaration'), value, 'the declaration'), origin };
    case 'value-declaration': return { kind: 'value-declaration', type: value.string('a Go type'), origin };
    default:
      return keyNode.fail(`unknown join point "${key}"; expected one of: ${JOIN_POINT_KEYS.join(', ')}`);
  }
}

function parseMatch(n: YamlNode | undefined): 'pointer-only' | 'value-only' | 'any' {
  if (!n) return 'any';
  const s = n.string('match');
  if (s === 'pointer-only' || s === 'value-only' || s === 'any') return s;
  return n.fail(`expected match to be pointer-only, value-only or any, got ${JSON.stringify(s)}`);
}

function parseTypeList(n: YamlNode | undefined, what: string): string[] {
  if (!n) return [];
  return n.items(what).map((i) => i.string('a Go type').replace(/\s+/g, ''));
}

function parseFunctionOptions(n: YamlNode): FunctionOptions {
  const opts: FunctionOptions = {};
  const list = n.isSeq() ? n.items('function options') : n.isMap() ? n.entries('function options').map((e) => e) : n.fail('expected function options (a list or mapping)');
  const handle = (key: string, v: YamlNode, at: YamlNode) => {
    switch (key) {
      case 'name': opts.name = v.string('a function name'); break;
      case 'receiver':
        opts.receiver = v.isScalar() && typeof (v.node as { value?: unknown }).value === 'boolean' ? v.bool('receiver') : parseQualified(v.string('a receiver type'), v, 'the receiver type');
        break;
      case 'signature':
      case 'signature-contains': {
        v.checkKeys(['args', 'returns'], key);
        const sig = { args: parseTypeList(v.get('args'), 'argument types'), returns: parseTypeList(v.get('returns'), 'result types') };
        if (key === 'signature') opts.signature = sig; else opts.signatureContains = sig;
        break;
      }
      case 'goroutine': opts.goroutine = v.bool('goroutine'); break;
      default: at.fail(`unknown function option "${key}"; expected name, receiver, signature, signature-contains or goroutine`);
    }
  };
  for (const item of list) {
    if ('key' in item) { handle(item.key, item.value, item.keyNode); continue; }
    for (const e of item.entries('a function option')) handle(e.key, e.value, e.keyNode);
  }
  return opts;
}

export function parseTemplate(n: YamlNode, imports: Record<string, string>): Template {
  if (n.isMap()) {
    n.checkKeys(['template', 'imports', 'lang'], 'a code template');
    const t = n.get('template') ?? n.fail('expected a template');
    return { source: t.string('Go code'), imports: { ...imports, ...parseImports(n.get('imports')) }, origin: t.origin };
  }
  return { source: n.string('Go code'), imports, origin: n.origin };
}

function parseImports(n: YamlNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!n) return out;
  for (const e of n.entries('imports (alias: import path)')) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(e.key)) e.keyNode.fail(`import alias "${e.key}" is not a Go identifier`);
    out[e.key] = e.value.string('an import path');
  }
  return out;
}

export function parseAdvice(n: YamlNode): Advice {
  const entries = n.entries('an advice');
  if (entries.length !== 1) n.fail(`an advice has exactly one key, one of: ${ADVICE_KEYS.join(', ')}`);
  const { key, keyNode, value } = entries[0];
  const origin = keyNode.origin;
  const withImports = (allowed: string[]) => {
    if (!value.isMap()) value.fail(`expected ${key} to be a mapping with a template`);
    value.checkKeys(allowed, key);
    return parseImports(value.get('imports'));
  };
  switch (key) {
    case 'prepend-statements': {
      const imports = withImports(['template', 'imports', 'order', 'namespace', 'lang']);
      const t = value.get('template') ?? value.fail('prepend-statements needs a template');
      return { kind: key, template: { source: t.string('Go statements'), imports, origin: t.origin }, order: value.get('order')?.int('order') ?? 0, origin };
    }
    case 'wrap-expression':
    case 'assign-value': {
      const imports = withImports(['template', 'imports', 'lang']);
      const t = value.get('template') ?? value.fail(`${key} needs a template`);
      return { kind: key, template: { source: t.string('a Go expression'), imports, origin: t.origin }, origin };
    }
    case 'inject-declarations': {
      const imports = withImports(['template', 'imports', 'links', 'lang']);
      const t = value.get('template') ?? value.fail('inject-declarations needs a template');
      const links = value.get('links')?.items('links (import paths)').map((l) => l.string('an import path')) ?? [];
      return { kind: key, template: { source: t.string('Go declarations'), imports, origin: t.origin }, links, origin };
    }
    case 'replace-function':
      return { kind: key, target: parseQualified(value.string('a function'), value, 'the replacement function'), origin };
    case 'append-args': {
      const imports = withImports(['type', 'values', 'imports']);
      const type = (value.get('type') ?? value.fail('append-args needs the type of the arguments')).string('a Go type');
      const values = (value.get('values') ?? value.fail('append-args needs values')).items('argument templates').map((v) => parseTemplate(v, imports));
      return { kind: key, type, values, origin };
    }
    case 'add-struct-field': {
      value.checkKeys(['name', 'type'], key);
      const name = (value.get('name') ?? value.fail('add-struct-field needs a name')).string('a field name');
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) value.fail(`field name "${name}" is not a Go identifier`);
      const type = (value.get('type') ?? value.fail('add-struct-field needs a type')).string('a Go type');
      return { kind: key, name, type, origin };
    }
    case 'add-blank-import':
    case 'link-package':
      return { kind: key, path: value.string('an import path'), origin };
    default:
      return keyNode.fail(`unknown advice "${key}"; expected one of: ${ADVICE_KEYS.join(', ')}`);
  }
}

export function parseAspect(n: YamlNode): Omit<Aspect, 'fingerprint'> {
  n.checkKeys(['id', 'join-point', 'advice', 'tracer-internal', 'description'], 'an aspect');
  const id = (n.get('id') ?? n.fail('an aspect needs an id')).string('an aspect id');
  const jp = n.get('join-point') ?? n.fail(`aspect "${id}" needs a join-point`);
  const adv = n.get('advice') ?? n.fail(`aspect "${id}" needs advice`);
  const advice = adv.itemsOrOne('advice').map(parseAdvice);
  if (advice.length === 0) adv.fail(`aspect "${id}" needs at least one advice`);
  return { id, joinPoint: parseJoinPoint(jp), advice, origin: n.origin };
}

export { WeaveError };
