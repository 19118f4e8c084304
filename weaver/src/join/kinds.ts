import type { Aspect, JoinPoint } from '../aspects/types.js';
import { WeaveError } from '../errors.js';

/** The syntax a join point selects; `file` stands for "the package's files" when only package facts are tested. */
export type NodeKind = 'file' | 'body' | 'call' | 'struct-def' | 'composite' | 'field-value' | 'decl' | 'value-spec';

/** Kinds a join point can select; an empty set means it only filters (package facts, directives, `not`). */
export function kindsOf(jp: JoinPoint): Set<NodeKind> {
  switch (jp.kind) {
    case 'function-body': case 'function': return new Set(['body']);
    case 'function-call': case 'method-call': return new Set(['call']);
    case 'struct-definition': return new Set(['struct-def']);
    case 'struct-literal': return new Set([jp.field ? 'field-value' : 'composite']);
    case 'declaration-of': return new Set(['decl']);
    case 'value-declaration': return new Set(['value-spec']);
    case 'one-of': {
      const sets = jp.of.map(kindsOf);
      // A filter-only branch makes the whole one-of a filter: it may hold without any node.
      if (sets.some((s) => s.size === 0)) return new Set();
      return new Set(sets.flatMap((s) => [...s]));
    }
    case 'all-of': {
      const sets = jp.of.map(kindsOf).filter((s) => s.size > 0);
      if (sets.length === 0) return new Set();
      const out = new Set([...sets[0]].filter((k) => sets.every((s) => s.has(k))));
      if (out.size === 0) throw new WeaveError('all-of combines join points that select different kinds of code (no node can match them all)', jp.origin);
      return out;
    }
    default: return new Set();
  }
}

export function aspectKinds(a: Pick<Aspect, 'joinPoint'>): NodeKind[] {
  const k = kindsOf(a.joinPoint);
  return k.size === 0 ? ['file'] : [...k];
}

const FITS: Record<string, NodeKind[] | 'any'> = {
  'prepend-statements': ['body', 'decl'],
  'wrap-expression': ['call', 'composite', 'field-value'],
  'replace-function': ['call'],
  'append-args': ['call'],
  'assign-value': ['value-spec', 'decl'],
  'add-struct-field': ['struct-def'],
  'add-blank-import': 'any',
  'link-package': 'any',
  'inject-declarations': 'any',
};

const KIND_WORDS: Record<NodeKind, string> = {
  file: 'a package (no code node)', body: 'a function body', call: 'a call', 'struct-def': 'a struct definition',
  composite: 'a composite literal', 'field-value': 'a struct literal field', decl: 'a declaration', 'value-spec': 'a value declaration',
};

/** Refuses, at load time, advice that cannot apply to what the join point selects. */
export function checkAdviceFits(a: Pick<Aspect, 'id' | 'joinPoint' | 'advice'>): void {
  const kinds = aspectKinds(a);
  for (const adv of a.advice) {
    const fits = FITS[adv.kind];
    if (fits === 'any') continue;
    const bad = kinds.find((k) => !fits.includes(k));
    if (bad) throw new WeaveError(`advice ${adv.kind} cannot apply to ${KIND_WORDS[bad]} selected by the join point of aspect "${a.id}"`, adv.origin);
  }
}
