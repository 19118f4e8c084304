import type { Node } from 'web-tree-sitter';
import type { Advice, Aspect, Template } from '../aspects/types.js';
import type { Edit, Piece } from '../edit/plan.js';
import { goroutineResult, type Candidate, type PackageFacts } from '../join/match.js';
import type { GoFile } from '../parse/gofile.js';
import { compileTemplate, renderTemplate, type CompiledTemplate } from '../template/index.js';
import { ORIGINAL_PLACEHOLDER, templateDot, type NamingRequests } from './context.js';
import type { GoWrap } from './gowrap.js';
import type { ImportAllocator } from './imports.js';
import { rewriteSnippet, type SnippetKind } from './snippet.js';

/** Everything advice needs about the file being woven; advice only appends edits to it. */
export interface FilePlan {
  file: GoFile;
  facts: PackageFacts;
  imports: ImportAllocator;
  naming: NamingRequests;
  edits: Edit[];
  linkDeps: Set<string>;
  /** Import names that replaced calls no longer use, already kept alive with `var _ = X.Name`. */
  keepUsed: Set<string>;
  /** Go statements to turn into goroutine literals once all advice is in (gowrap.ts), by node id. */
  goWraps: Map<number, GoWrap>;
  seq: number;
}

const compiled = new WeakMap<Template, CompiledTemplate>();
function compiledOf(t: Template): CompiledTemplate {
  let c = compiled.get(t);
  if (!c) { c = compileTemplate(t); compiled.set(t, c); }
  return c;
}

async function render(plan: FilePlan, t: Template, c: Candidate, kind: SnippetKind): Promise<string> {
  const dot = templateDot(c, plan.file, plan.facts, plan.naming);
  const code = renderTemplate(compiledOf(t), dot, { Version: () => '0.1.0' });
  const snippet = await rewriteSnippet(code, kind, t, (_alias, path) => plan.imports.aliasFor(path, _alias));
  return snippet.text;
}

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  const parts = text.split(ORIGINAL_PLACEHOLDER);
  parts.forEach((p, i) => {
    if (p) out.push({ gen: p });
    if (i < parts.length - 1) out.push({ orig: true });
  });
  return out;
}

function bodyOf(c: Candidate): Node | null {
  if (c.kind === 'body') return c.node;
  if (['function_declaration', 'method_declaration'].includes(c.node.type)) return c.node.childForFieldName('body');
  return null;
}

/** Turns a qualified type written in an aspect (`*go-weave.dev/runtime/trace.Span`) into file-local Go. */
export function localType(type: string, plan: FilePlan): string {
  return type.replace(/((?:[\w.-]+\/)*[\w-]+(?:\.v\d+)?)\.([A-Za-z_]\w*)/g, (_m, path: string, name: string) => {
    const alias = plan.imports.aliasFor(path);
    return alias ? `${alias}.${name}` : name;
  });
}

export async function applyAdvice(plan: FilePlan, aspect: Aspect, adv: Advice, c: Candidate): Promise<void> {
  const seq = plan.seq++;
  const base = { aspect: aspect.id, seq };
  switch (adv.kind) {
    case 'prepend-statements': {
      if (c.goCall || c.goArg) {
        const text = await render(plan, adv.template, c, 'statements');
        if (!text.trim()) return;
        let w = plan.goWraps.get(c.node.id);
        if (!w) {
          const what = c.goCall ? { plan: c.goCall } : { arg: c.node, result: goroutineResult(c.fn!, { file: plan.file, facts: plan.facts }) ?? '' };
          plan.goWraps.set(c.node.id, (w = { ...what, prologue: [] }));
        }
        w.prologue.push({ text: text.replace(/^\n+|\n+$/g, ''), order: adv.order, ...base });
        return;
      }
      const body = bodyOf(c);
      if (!body) return;
      const text = await render(plan, adv.template, c, 'statements');
      if (!text.trim()) return;
      plan.edits.push({ kind: 'insert', at: body.startIndex + 1, text: text.replace(/^\n+|\n+$/g, ''), lines: true, order: adv.order, ...base });
      return;
    }
    case 'wrap-expression': {
      const text = await render(plan, adv.template, c, 'expression');
      plan.edits.push({ kind: 'replace', start: c.node.startIndex, end: c.node.endIndex, pieces: pieces(text.trim()), ...base });
      return;
    }
    case 'replace-function': {
      const fn = c.node.childForFieldName('function') ?? c.node.childForFieldName('type');
      if (!fn) return;
      // Keep explicit type arguments (`pkg.F[T]`): only the function's name changes.
      const target = fn.type === 'index_expression' || fn.type === 'generic_type' ? (fn.childForFieldName('operand') ?? fn.childForFieldName('type') ?? fn) : fn;
      const qualifier = target.type === 'selector_expression' || target.type === 'qualified_type' ? (target.childForFieldName('operand') ?? target.childForFieldName('package')) : null;
      const qualifierPath = qualifier ? plan.file.aliases.get(qualifier.text) : undefined;
      let name: string;
      if (qualifier && qualifierPath === adv.target.pkg) name = `${qualifier.text}.${adv.target.name}`;
      else {
        const alias = plan.imports.aliasFor(adv.target.pkg);
        name = alias ? `${alias}.${adv.target.name}` : adv.target.name;
        // The replaced call may have been the file's only use of its import; keep that import used.
        if (qualifier && qualifierPath && !plan.keepUsed.has(qualifier.text)) {
          plan.keepUsed.add(qualifier.text);
          const old = target.childForFieldName('field') ?? target.childForFieldName('name');
          plan.edits.push({ kind: 'insert', at: plan.file.source.length, text: `var _ = ${qualifier.text}.${old?.text ?? ''}`, lines: true, order: 1, ...base });
        }
      }
      plan.edits.push({ kind: 'replace', start: target.startIndex, end: target.endIndex, pieces: [{ gen: name }], exclusive: 'callee', ...base });
      return;
    }
    case 'append-args': {
      const args = c.node.childForFieldName('arguments');
      if (!args) return;
      const values: string[] = [];
      for (const v of adv.values) values.push((await render(plan, v, c, 'expression')).trim());
      const list = args.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment');
      const lastArg = list[list.length - 1];
      const spread = lastArg?.type === 'variadic_argument' || args.children.some((ch) => ch?.type === '...');
      if (spread && lastArg) {
        const last = lastArg.type === 'variadic_argument' ? lastArg.namedChildren.find((n) => n && n.type !== 'comment') ?? lastArg : lastArg;
        const type = localType(adv.type, plan);
        plan.edits.push({ kind: 'replace', start: last.startIndex, end: last.endIndex, pieces: [{ gen: `append(append([]${type}(nil), ` }, { orig: true }, { gen: `...), ${values.join(', ')})` }], ...base });
        return;
      }
      const close = args.endIndex - 1;
      const lead = list.length ? ', ' : '';
      plan.edits.push({ kind: 'insert', at: list.length ? list[list.length - 1].endIndex : close, text: lead + values.join(', '), lines: false, order: 0, ...base });
      return;
    }
    case 'assign-value': {
      const spec = c.node;
      const names = spec.childrenForFieldName('name');
      if (names.length !== 1) return;
      const text = (await render(plan, adv.template, c, 'expression')).trim();
      const value = spec.childForFieldName('value');
      if (value) {
        plan.edits.push({ kind: 'replace', start: value.startIndex, end: value.endIndex, pieces: pieces(text), exclusive: 'value', ...base });
      } else {
        const after = spec.childForFieldName('type') ?? names[0]!;
        plan.edits.push({ kind: 'insert', at: after.endIndex, text: ` = ${text.replace(ORIGINAL_PLACEHOLDER, '')}`, lines: false, order: 0, ...base });
      }
      return;
    }
    case 'add-struct-field': {
      const list = c.node.childForFieldName('type')?.namedChildren.find((n) => n?.type === 'field_declaration_list');
      if (!list) return;
      plan.edits.push({ kind: 'insert', at: list.endIndex - 1, text: `${adv.name} ${localType(adv.type, plan)}`, lines: true, order: 0, ...base });
      return;
    }
    case 'add-blank-import':
      plan.imports.addBlank(adv.path);
      return;
    case 'link-package':
      // Imported by a file go-weave generates beside each main package, or among the tests of
      // each test binary, built with this one: the build decides which binaries need it.
      plan.linkDeps.add(adv.path);
      return;
    case 'inject-declarations': {
      const text = await render(plan, adv.template, c, 'declarations');
      if (/^\/\/go:linkname /m.test(text)) plan.imports.addBlank('unsafe');
      for (const l of adv.links) plan.linkDeps.add(l);
      plan.edits.push({ kind: 'insert', at: plan.file.source.length, text: text.replace(/^\n+|\n+$/g, ''), lines: true, order: 0, ...base });
      return;
    }
  }
}
