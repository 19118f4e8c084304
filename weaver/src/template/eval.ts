import type { Command, Operand, Pipeline, TNode } from './ast.js';
import { TemplateSyntaxError } from './parse.js';

export class TemplateExecError extends TemplateSyntaxError {}

/** Variables of a block; `$x = v` assigns where `$x` was declared, `$x := v` declares here. */
class Scope {
  private readonly vars = new Map<string, unknown>();
  constructor(private readonly parent?: Scope) {}
  has(name: string): boolean { return this.vars.has(name) || !!this.parent?.has(name); }
  get(name: string): unknown { return this.vars.has(name) ? this.vars.get(name) : this.parent?.get(name); }
  declare(name: string, v: unknown): void { this.vars.set(name, v); }
  assign(name: string, v: unknown): void {
    if (this.vars.has(name) || !this.parent?.has(name)) this.vars.set(name, v);
    else this.parent.assign(name, v);
  }
}

const funcs: Record<string, (...args: unknown[]) => unknown> = {
  and: (...a) => { for (const x of a) if (!truthy(x)) return x; return a[a.length - 1]; },
  or: (...a) => { for (const x of a) if (truthy(x)) return x; return a[a.length - 1]; },
  not: (a) => !truthy(a),
  eq: (a, ...b) => b.some((x) => x === a || String(x) === String(a)),
  ne: (a, b) => String(a) !== String(b),
  lt: (a, b) => (a as number) < (b as number),
  le: (a, b) => (a as number) <= (b as number),
  gt: (a, b) => (a as number) > (b as number),
  ge: (a, b) => (a as number) >= (b as number),
  len: (a) => (Array.isArray(a) || typeof a === 'string' ? a.length : a && typeof a === 'object' ? Object.keys(a).length : 0),
  index: (a, ...keys) => keys.reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k as string], a),
  print: (...a) => a.map(show).join(''),
  println: (...a) => a.map(show).join(' ') + '\n',
  printf: (f, ...a) => sprintf(String(f), a),
  quote: (a) => JSON.stringify(show(a)),
  slice: (a, i, j) => (a as unknown[] | string).slice(i as number, j as number | undefined),
  join: (a, sep) => (a as unknown[]).map(show).join(String(sep)),
  contains: (s, sub) => String(s).includes(String(sub)),
  hasPrefix: (s, p) => String(s).startsWith(String(p)),
};

export function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

export function show(v: unknown): string {
  if (v === undefined || v === null) return '<no value>';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && typeof (v as { toString?: unknown }).toString === 'function' && (v as object).toString !== Object.prototype.toString) return String(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*\d*)([vsdqxtf%])/g, (_m, _flags: string, verb: string) => {
    if (verb === '%') return '%';
    const a = args[i++];
    switch (verb) {
      case 'q': return JSON.stringify(show(a));
      case 'd': return String(Math.trunc(Number(a)));
      case 'x': return typeof a === 'number' ? a.toString(16) : Buffer.from(show(a)).toString('hex');
      default: return show(a);
    }
  });
}

export function execute(nodes: TNode[], dot: unknown, extraFuncs: Record<string, (...args: unknown[]) => unknown> = {}): string {
  const out: string[] = [];
  const fns = { ...funcs, ...extraFuncs };

  const run = (list: TNode[], d: unknown, scope: Scope): void => {
    for (const n of list) {
      switch (n.t) {
        case 'text': out.push(n.text); break;
        case 'action': {
          const v = pipeline(n.pipe, d, scope);
          if (n.pipe.decl.length === 0) out.push(show(v));
          break;
        }
        case 'if':
          if (truthy(pipeline(n.pipe, d, scope))) run(n.then, d, new Scope(scope)); else run(n.else, d, new Scope(scope));
          break;
        case 'with': {
          const v = pipeline(n.pipe, d, scope);
          if (truthy(v)) run(n.body, v, new Scope(scope)); else run(n.else, d, new Scope(scope));
          break;
        }
        case 'range': {
          const names = n.pipe.decl;
          const v = pipeline({ ...n.pipe, decl: [] }, d, scope);
          const items = Array.isArray(v) ? v.map((x, i) => [i, x] as const)
            : v && typeof v === 'object' ? Object.entries(v as Record<string, unknown>)
              : typeof v === 'number' ? Array.from({ length: v }, (_, i) => [i, i] as const) : [];
          if (items.length === 0) { run(n.else, d, new Scope(scope)); break; }
          for (const [k, x] of items) {
            const s = new Scope(scope);
            if (names.length === 1) s.declare(names[0], x);
            if (names.length === 2) { s.declare(names[0], k); s.declare(names[1], x); }
            run(n.body, x, s);
          }
          break;
        }
      }
    }
  };

  const pipeline = (p: Pipeline, d: unknown, scope: Scope): unknown => {
    let v: unknown;
    let first = true;
    for (const c of p.commands) {
      v = command(c, d, scope, first ? undefined : { value: v });
      first = false;
    }
    for (const name of p.decl) {
      if (p.assign) {
        if (!scope.has(name)) throw new TemplateExecError(`undefined variable: ${name}`, p.pos);
        scope.assign(name, v);
      } else scope.declare(name, v);
    }
    return v;
  };

  const command = (c: Command, d: unknown, scope: Scope, piped?: { value: unknown }): unknown => {
    const [head, ...rest] = c.operands;
    const args = rest.map((o) => operand(o, d, scope));
    if (piped) args.push(piped.value);
    if (head.t === 'func') {
      const f = fns[head.name];
      if (!f) throw new TemplateExecError(`function "${head.name}" not defined`, c.pos);
      return f(...args);
    }
    if (head.t === 'field') return field(head, d, scope, args, c.pos);
    if (args.length) throw new TemplateExecError('can\'t give arguments to a non-function', c.pos);
    return operand(head, d, scope);
  };

  const operand = (o: Operand, d: unknown, scope: Scope): unknown => {
    switch (o.t) {
      case 'dot': return d;
      case 'var': {
        if (o.name === '$') return root;
        if (!scope.has(o.name)) throw new TemplateExecError(`undefined variable: ${o.name}`, 0);
        return scope.get(o.name);
      }
      case 'string': case 'number': case 'bool': return o.value;
      case 'nil': return null;
      case 'field': return field(o, d, scope, [], 0);
      case 'pipe': return pipeline(o.pipe, d, new Scope(scope));
      case 'chain': return field({ t: 'field', base: 'dot', path: o.path }, operand(o.base, d, scope), scope, [], 0);
      case 'func': {
        const f = fns[o.name];
        if (!f) throw new TemplateExecError(`function "${o.name}" not defined`, 0);
        return f();
      }
    }
  };

  const field = (o: Extract<Operand, { t: 'field' }>, d: unknown, scope: Scope, args: unknown[], pos: number): unknown => {
    let v: unknown = o.base === 'dot' ? d : o.base.var === '$' ? root : scope.get(o.base.var);
    o.path.forEach((name, i) => {
      const last = i === o.path.length - 1;
      if (v === undefined || v === null) throw new TemplateExecError(`nil pointer evaluating .${o.path.slice(0, i + 1).join('.')}`, pos);
      const member = (v as Record<string, unknown>)[name];
      if (member === undefined) throw new TemplateExecError(`can't evaluate field ${name}`, pos);
      if (typeof member === 'function') v = (member as (...a: unknown[]) => unknown).apply(v, last ? args : []);
      else {
        if (last && args.length) throw new TemplateExecError(`${name} is not a method but has arguments`, pos);
        v = member;
      }
    });
    return v;
  };

  const root = dot;
  run(nodes, dot, new Scope());
  return out.join('');
}
