import type { Aspect, JoinPoint } from '../aspects/types.js';

/**
 * Words a file's text must contain for a join point to match there, as clauses that must all
 * hold, each satisfied by any one of its words. An empty list means "no text condition".
 *
 * Parsing is most of a weave's cost, and on a typical edit the package touched has no join
 * point at all: a substring test lets those files skip the parser (and a build skip loading it).
 * Every word is a name the matcher compares with an identifier or comment of the file itself,
 * so a file without it cannot match; the filter only ever skips work, never a match.
 */
export type Needles = Needle[][];

/**
 * A word, a pattern where spacing may vary (gofmt's own spacing is not assumed), or being the
 * package named: a call of a package's function by its bare name needs no import in the package
 * itself.
 */
export type Needle = string | RegExp | { inPackage: string };

/** A go statement (`go f(…)`, `go(func…`, with any white space between). */
export const GO_STATEMENT = /\bgo\b\s*[\w(]/;

/** A go statement, a call of a method Go or TryGo (sync.WaitGroup's, an errgroup's), or of AfterFunc. */
const GO_FUNC = new RegExp(`${GO_STATEMENT.source}|\\.\\s*(?:Try)?Go\\s*\\(|\\bAfterFunc\\b`);

export function needlesOf(jp: JoinPoint): Needles {
  switch (jp.kind) {
    case 'all-of': return jp.of.flatMap(needlesOf);
    case 'one-of': {
      // Any member may be the one that holds: the union of all their words is necessary.
      const members = jp.of.map(needlesOf);
      if (members.length === 0 || members.some((m) => m.length === 0)) return [];
      return [[...new Set(members.flat(2))]];
    }
    case 'function-body': return needlesOf(jp.of);
    case 'directive': return [[jp.name]];
    case 'function': {
      const o = jp.options;
      const out: Needles = [];
      if (o.name !== undefined) out.push([o.name === '' ? 'func' : o.name]);
      if (typeof o.receiver === 'object') out.push([o.receiver.name]);
      if (o.goroutine === true) out.push([GO_FUNC]);
      return out;
    }
    // A call of pkg.F resolves through the file's import of pkg (an alias, a dot import and a
    // raw string all still spell the path), or is a bare F in pkg itself. Most files that say
    // Exit (a 4 MB generated file of sqlite's, say) do not import "os".
    case 'function-call': return [[jp.target.name], ...importOf(jp.target.pkg)];
    case 'method-call': return [[jp.name]];
    case 'struct-definition': return [[jp.type.name]];
    // A literal of pkg.T names its type, through an import of pkg as for a call.
    case 'struct-literal': return [[jp.type.name], ...importOf(jp.type.pkg)];
    case 'declaration-of': return [[jp.target.name]];
    // Package-level facts and negations say nothing about the text; a declared type is
    // compared after canonicalisation, so it is left unconstrained too.
    case 'not': case 'import-path': case 'package-name': case 'package-filter': case 'test-main': case 'value-declaration':
      return [];
  }
}

/** The file imports pkg (its path spelled as a string literal) or is pkg. */
function importOf(pkg: string): Needles {
  return pkg ? [[`"${pkg}"`, `\`${pkg}\``, { inPackage: pkg }]] : [];
}

const cache = new WeakMap<Aspect, Needles>();

/** Whether the aspect may match somewhere in a file with this text, of the package importPath (unknown: any). */
export function textMayMatch(aspect: Aspect, source: string, importPath?: string): boolean {
  let n = cache.get(aspect);
  if (!n) {
    n = needlesOf(aspect.joinPoint);
    cache.set(aspect, n);
  }
  const holds = (word: Needle) => {
    if (typeof word === 'string') return source.includes(word);
    if (word instanceof RegExp) return word.test(source);
    return importPath === undefined || importPath === word.inPackage;
  };
  return n.every((clause) => clause.some(holds));
}
