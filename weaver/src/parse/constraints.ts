// Which files of a package the go command would compile for one target: file-name suffixes
// (_linux, _arm64, _linux_arm64), //go:build lines (or // +build lines in files without one)
// and, with cgo off, files importing "C". The Bazel rules need it: unlike the go command,
// Bazel hands the weaver every file listed in srcs.
import { WeaveError } from '../errors.js';

/** What constraints are evaluated against: the target and its satisfied tags. */
export interface BuildContext {
  goos: string;
  goarch: string;
  compiler: string;
  cgo: boolean;
  /** Release tags (go1.N), tool tags (goexperiment.X, amd64.v1) and the user's -tags. */
  tags: ReadonlySet<string>;
}

const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux',
  'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);
const UNIX_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd',
  'openbsd', 'solaris',
]);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle',
  'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64',
  's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);
// A GOOS that implies another one's files and tags too.
const IMPLIED_OS: Record<string, string> = { android: 'linux', illumos: 'solaris', ios: 'darwin' };

export function matchTag(ctx: BuildContext, tag: string): boolean {
  if (tag === 'cgo') return ctx.cgo;
  if (tag === ctx.goos || tag === ctx.goarch || tag === ctx.compiler) return true;
  if (IMPLIED_OS[ctx.goos] === tag) return true;
  if (tag === 'unix') return UNIX_OS.has(ctx.goos);
  return ctx.tags.has(tag === 'boringcrypto' ? 'goexperiment.boringcrypto' : tag);
}

/** Whether a file name's _GOOS, _GOARCH or _GOOS_GOARCH suffix (before _test) fits ctx. */
export function fileNameMatches(ctx: BuildContext, fileName: string): boolean {
  const stem = fileName.split('.')[0];
  const underscore = stem.indexOf('_');
  // The part before the first underscore never counts: linux.go has no constraint.
  if (underscore < 0) return true;
  const parts = stem.slice(underscore).split('_');
  if (parts[parts.length - 1] === 'test') parts.pop();
  const last = parts[parts.length - 1];
  const before = parts[parts.length - 2];
  if (parts.length >= 2 && KNOWN_OS.has(before) && KNOWN_ARCH.has(last)) return matchTag(ctx, before) && matchTag(ctx, last);
  if (KNOWN_OS.has(last) || KNOWN_ARCH.has(last)) return matchTag(ctx, last);
  return true;
}

type Expr =
  | { kind: 'tag'; name: string }
  | { kind: 'not'; x: Expr }
  | { kind: 'and' | 'or'; x: Expr; y: Expr };

export function evalExpr(ctx: BuildContext, e: Expr): boolean {
  switch (e.kind) {
    case 'tag':
      return matchTag(ctx, e.name);
    case 'not':
      return !evalExpr(ctx, e.x);
    case 'and':
      return evalExpr(ctx, e.x) && evalExpr(ctx, e.y);
    case 'or':
      return evalExpr(ctx, e.x) || evalExpr(ctx, e.y);
  }
}

const TAG = /^[A-Za-z0-9_.]+/;

/** Parses the expression of a //go:build line; errors name the column within it. */
export function parseGoBuildExpr(text: string): Expr {
  let pos = 0;
  let tok = '';
  let tokPos = 0;
  const fail = (message: string, at = tokPos): never => {
    throw Object.assign(new Error(message), { offset: at });
  };
  const current = (): string => tok;
  const next = (): void => {
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
    tokPos = pos;
    if (pos >= text.length) {
      tok = '';
      return;
    }
    const two = text.slice(pos, pos + 2);
    if (two === '&&' || two === '||') {
      tok = two;
      pos += 2;
      return;
    }
    if ('!()'.includes(text[pos])) {
      tok = text[pos++];
      return;
    }
    const m = TAG.exec(text.slice(pos));
    if (!m) fail(`invalid syntax at ${text[pos]}`);
    tok = m![0];
    pos += tok.length;
  };
  const or = (): Expr => {
    let x = and();
    while (tok === '||') {
      next();
      x = { kind: 'or', x, y: and() };
    }
    return x;
  };
  const and = (): Expr => {
    let x = not();
    while (tok === '&&') {
      next();
      x = { kind: 'and', x, y: not() };
    }
    return x;
  };
  const not = (): Expr => {
    if (tok !== '!') return atom();
    next();
    if (tok === '!') fail('double negation not allowed');
    return { kind: 'not', x: atom() };
  };
  const atom = (): Expr => {
    if (tok === '(') {
      const open = tokPos;
      next();
      const x = or();
      // Read through a call: TypeScript would keep tok narrowed to '(' across or().
      if (current() !== ')') fail('missing close paren', open);
      next();
      return x;
    }
    if (tok === '') fail('unexpected end of expression');
    if (!TAG.test(tok) || tok === '&&' || tok === '||') fail(`unexpected token ${tok}`);
    const name = tok;
    next();
    return { kind: 'tag', name };
  };
  next();
  const e = or();
  if (tok !== '') fail(`unexpected token ${tok}`);
  return e;
}

/** A // +build line's options: space-separated alternatives of comma-separated terms. */
function plusBuildMatches(ctx: BuildContext, text: string): boolean {
  return text.split(/\s+/).filter(Boolean).some((option) =>
    option.split(',').every((term) => {
      const negated = term.startsWith('!');
      const name = negated ? term.slice(1) : term;
      // A malformed term never matches, as the go command ignores such a line's option.
      if (!/^[A-Za-z0-9_.]+$/.test(name)) return false;
      return matchTag(ctx, name) !== negated;
    }));
}

interface Header {
  goBuild?: { text: string; line: number; col: number };
  plusBuild: string[];
}

/**
 * The leading comments of a file: its //go:build line (anywhere before the first code) and the
 * // +build lines that precede the last blank line before the code, which is where the go
 * command reads them.
 */
function readHeader(file: string, source: string): Header {
  const lines = source.split('\n');
  let inBlock = false;
  let ended = false;
  let endLine = 0;
  let goBuild: Header['goBuild'];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    if (line === '' && !ended) {
      endLine = i;
      continue;
    }
    if (!line.startsWith('//')) ended = true;
    if (!inBlock && /^\/\/go:build(\s|$)/.test(line)) {
      if (goBuild) throw new WeaveError('multiple //go:build comments', { file, line: i + 1 });
      goBuild = { text: line.slice('//go:build'.length), line: i + 1, col: lines[i].indexOf('//go:build') + 1 };
    }
    for (;;) {
      if (inBlock) {
        const close = line.indexOf('*/');
        if (close < 0) break;
        inBlock = false;
        line = line.slice(close + 2).trim();
        continue;
      }
      if (line === '' || line.startsWith('//')) break;
      if (line.startsWith('/*')) {
        inBlock = true;
        line = line.slice(2).trim();
        continue;
      }
      // Code: the header is over.
      return { goBuild, plusBuild: plusBuildLines(lines.slice(0, endLine)) };
    }
  }
  return { goBuild, plusBuild: plusBuildLines(lines.slice(0, endLine)) };
}

function plusBuildLines(lines: string[]): string[] {
  return lines.map((l) => l.trim()).flatMap((l) => {
    const m = /^\/\/\s*\+build(?:\s+(.*))?$/.exec(l);
    return m ? [m[1] ?? ''] : [];
  });
}

/** Whether the file imports "C" (cgo), read from its import declarations. */
export function importsC(source: string): boolean {
  // Comments and other string literals could hold `import "C"`: blank them out first.
  const code = source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|`[^`]*`|'(?:[^'\\\n]|\\.)*'|"((?:[^"\\\n]|\\.)*)"/g, (m, s: string | undefined) =>
    s === 'C' ? m : m.replace(/[^\n]/g, ' '));
  const group = /(?:^|[\s;])import\s*\(([^)]*)\)/g;
  for (let m = group.exec(code); m; m = group.exec(code)) {
    if (/(^|[\s;])"C"/.test(m[1])) return true;
  }
  return /(?:^|[\s;])import\s+"C"/.test(code);
}

/**
 * Why the go command would leave the file out of the package for ctx, or undefined when it
 * compiles it. A //go:build line that does not parse is an error at its position.
 */
export function excludedBecause(ctx: BuildContext, file: string, source: string): string | undefined {
  const name = file.split('/').pop() ?? file;
  if (name.startsWith('_') || name.startsWith('.')) return 'its name starts with _ or .';
  if (!fileNameMatches(ctx, name)) return `its name is for another GOOS/GOARCH than ${ctx.goos}/${ctx.goarch}`;
  const header = readHeader(file, source);
  if (header.goBuild) {
    let expr: Expr;
    try {
      expr = parseGoBuildExpr(header.goBuild.text);
    } catch (e) {
      const offset = (e as { offset?: number }).offset ?? 0;
      throw new WeaveError(`parsing //go:build line: ${(e as Error).message}`, {
        file,
        line: header.goBuild.line,
        col: header.goBuild.col + '//go:build'.length + offset,
      });
    }
    if (!evalExpr(ctx, expr)) return `//go:build${header.goBuild.text}`.trimEnd();
  } else {
    const failing = header.plusBuild.find((l) => !plusBuildMatches(ctx, l));
    if (failing !== undefined) return `// +build ${failing}`;
  }
  if (!ctx.cgo && importsC(source)) return 'it imports "C" and cgo is off';
  return undefined;
}

/**
 * The build context file the Bazel standard-library action writes from `go list`'s context:
 * `goos linux`, `goarch amd64`, `compiler gc`, `cgo false`, `tags go1.1 … amd64.v1 …`.
 */
export function parseBuildContext(text: string, file: string): BuildContext {
  const fields = new Map<string, string[]>();
  text.split('\n').forEach((line) => {
    const words = line.trim().split(/\s+/).filter(Boolean);
    if (words.length > 0) fields.set(words[0], words.slice(1));
  });
  const one = (key: string): string => {
    const v = fields.get(key);
    if (!v || v.length !== 1) throw new WeaveError(`expected a line "${key} <value>" in the build context`, { file });
    return v[0];
  };
  const cgo = one('cgo');
  if (cgo !== 'true' && cgo !== 'false') throw new WeaveError(`expected "cgo true" or "cgo false", not "cgo ${cgo}"`, { file });
  return { goos: one('goos'), goarch: one('goarch'), compiler: one('compiler'), cgo: cgo === 'true', tags: new Set(fields.get('tags') ?? []) };
}
