import type { Node } from 'web-tree-sitter';
import type { GoFile } from '../parse/gofile.js';
import { directiveOf, type Candidate, type PackageFacts } from '../join/match.js';
import { canonicalType, enclosingFunction, normalizeAspectType, paramsOf } from '../join/syntax.js';

/** Stands in for `{{ . }}` while the rendered code is checked; replaced by the original node afterwards. */
export const ORIGINAL_PLACEHOLDER = '__go_weave_original__';

/** Parameter and result lists that templates asked to name, so `.Function.Result 0` has something to refer to. */
export class NamingRequests {
  readonly lists = new Map<number, { list: Node; prefix: string; single?: boolean }>();
  request(list: Node, prefix: string, single = false): void {
    this.lists.set(list.id, { list, prefix, single });
  }
}

export interface DirectiveArg { Key: string; Value: string }

export function parseDirectiveArgs(text: string): DirectiveArg[] {
  const out: DirectiveArg[] = [];
  const re = /([\w.\-/]+)=("(?:[^"\\]|\\.)*"|\S*)|("(?:[^"\\]|\\.)*"|\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) out.push({ Key: m[1], Value: m[2].startsWith('"') ? JSON.parse(m[2]) as string : m[2] });
    else out.push({ Key: '', Value: m[3].startsWith('"') ? JSON.parse(m[3]) as string : m[3] });
  }
  return out;
}

class FunctionContext {
  constructor(private readonly fn: Node, private readonly file: GoFile, private readonly facts: PackageFacts, private readonly naming: NamingRequests) {}

  Name(): string { return this.fn.type === 'func_literal' ? '' : this.fn.childForFieldName('name')?.text ?? ''; }

  Receiver(): string {
    const list = this.fn.childForFieldName('receiver');
    const p = paramsOf(list)[0];
    if (!p || !list) return '';
    if (p.names[0] && p.names[0] !== '_') return p.names[0];
    this.naming.request(list, '__weave_recv');
    return '__weave_recv0';
  }

  ReceiverType(): string {
    const p = paramsOf(this.fn.childForFieldName('receiver'))[0];
    return p?.typeNode?.text ?? '';
  }

  private flat(list: Node | null): { name: string | undefined; type: string; variadic: boolean }[] {
    return paramsOf(list).flatMap((p) => p.names.map((name) => ({
      name, variadic: p.variadic,
      type: p.typeNode ? (p.variadic ? '...' : '') + canonicalType(p.typeNode, this.file, this.facts.importPath) : '',
    })));
  }

  private argName(i: number): string {
    const list = this.fn.childForFieldName('parameters');
    const args = this.flat(list);
    if (i < 0 || i >= args.length) throw new Error(`.Function.Argument ${i}: the function has ${args.length} arguments`);
    const n = args[i].name;
    if (n && n !== '_') return n;
    this.naming.request(list!, '__weave_arg');
    return `__weave_arg${i}`;
  }

  Argument(i: number): string { return this.argName(Number(i)); }

  ArgumentOfType(t: string): string {
    const want = normalizeAspectType(t);
    const i = this.flat(this.fn.childForFieldName('parameters')).findIndex((a) => a.type === want);
    return i < 0 ? '' : this.argName(i);
  }

  NumArguments(): number { return this.flat(this.fn.childForFieldName('parameters')).length; }

  private results(): { list: Node | null; single: boolean; items: { name: string | undefined; type: string }[] } {
    const res = this.fn.childForFieldName('result');
    if (!res) return { list: null, single: false, items: [] };
    if (res.type !== 'parameter_list') return { list: res, single: true, items: [{ name: undefined, type: canonicalType(res, this.file, this.facts.importPath) }] };
    return { list: res, single: false, items: this.flat(res) };
  }

  private resultName(i: number): string {
    const r = this.results();
    if (i < 0 || i >= r.items.length) throw new Error(`.Function.Result ${i}: the function has ${r.items.length} results`);
    const n = r.items[i].name;
    if (n && n !== '_') return n;
    this.naming.request(r.list!, '__weave_res', r.single);
    return `__weave_res${i}`;
  }

  Result(i: number): string { return this.resultName(Number(i)); }

  ResultOfType(t: string): string {
    const want = normalizeAspectType(t);
    const i = this.results().items.findIndex((r) => r.type === want);
    return i < 0 ? '' : this.resultName(i);
  }

  /** The last result when it is `error`: the usual place to look for a failure. */
  LastResultError(): string {
    const items = this.results().items;
    return items.length && items[items.length - 1].type === 'error' ? this.resultName(items.length - 1) : '';
  }

  NumResults(): number { return this.results().items.length; }
}

export interface TemplateDot {
  Function: FunctionContext | undefined;
  Package: { Name: string; ImportPath: string };
  File: { Name: string; Path: string };
  AST: Record<string, unknown>;
  DirectiveArgs(name: string): DirectiveArg[];
  Directive(name: string): { Name: string; Args: DirectiveArg[] } | undefined;
  toString(): string;
}

export function templateDot(c: Candidate, file: GoFile, facts: PackageFacts, naming: NamingRequests): TemplateDot {
  const fnNode = c.kind === 'body' ? c.fn : c.node.type === 'source_file' ? undefined : enclosingFunction(c.node) ?? (['function_declaration', 'method_declaration'].includes(c.node.type) ? c.node : undefined);
  const directiveArgs = (name: string): DirectiveArg[] | undefined => {
    const rest = directiveOf(c, name.replace(/^\/\//, ''));
    return rest === undefined ? undefined : parseDirectiveArgs(rest);
  };
  const base = file.path.split('/').pop() ?? file.path;
  return {
    Function: fnNode ? new FunctionContext(fnNode, file, facts, naming) : undefined,
    Package: { Name: file.packageName, ImportPath: facts.importPath },
    File: { Name: base, Path: file.path },
    AST: astView(c),
    DirectiveArgs: (name: string) => directiveArgs(name) ?? [],
    Directive: (name: string) => {
      const args = directiveArgs(name);
      if (!args) return undefined;
      const first = args.find((a) => a.Key === '');
      return { Name: first?.Value ?? '', Args: args };
    },
    toString: () => ORIGINAL_PLACEHOLDER,
  };
}

function astView(c: Candidate): Record<string, unknown> {
  const n = c.node;
  if (n.type === 'call_expression') {
    const args = n.childForFieldName('arguments');
    const list = (args?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment').map((a) => a.text);
    return { Fun: n.childForFieldName('function')?.text ?? '', Args: list, Ellipsis: !!args?.children.some((ch) => ch?.type === '...' || ch?.type === 'variadic_argument') };
  }
  if (c.composite) {
    const body = c.composite.childForFieldName('body');
    return { Type: c.composite.childForFieldName('type')?.text ?? '', Elts: (body?.namedChildren ?? []).filter((x): x is Node => !!x && x.type !== 'comment').map((x) => x.text) };
  }
  return {};
}
