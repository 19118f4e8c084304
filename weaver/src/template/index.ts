import type { Template } from '../aspects/types.js';
import { WeaveError } from '../errors.js';
import type { TNode } from './ast.js';
import { execute } from './eval.js';
import { parseTemplateSource, TemplateSyntaxError } from './parse.js';

export interface CompiledTemplate { template: Template; nodes: TNode[] }

function lineOf(src: string, pos: number): number {
  let n = 0;
  for (let i = 0; i < pos && i < src.length; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}

function locate(t: Template, pos: number): { file: string; line: number } {
  return { file: t.origin.file, line: t.origin.line + lineOf(t.source, pos) };
}

/** Parses a template once, when the aspect file is loaded, so syntax errors surface early. */
export function compileTemplate(t: Template): CompiledTemplate {
  try {
    return { template: t, nodes: parseTemplateSource(t.source) };
  } catch (e) {
    if (e instanceof TemplateSyntaxError) throw new WeaveError(`template: ${e.message}`, locate(t, e.pos));
    throw e;
  }
}

export function renderTemplate(c: CompiledTemplate, dot: unknown, funcs: Record<string, (...a: unknown[]) => unknown> = {}): string {
  try {
    return execute(c.nodes, dot, funcs);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) throw new WeaveError(`template: ${e.message}`, locate(c.template, e.pos));
    if (e instanceof WeaveError) throw e;
    throw new WeaveError(`template: ${(e as Error).message}`, locate(c.template, 0));
  }
}
