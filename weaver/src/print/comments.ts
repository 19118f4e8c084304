/** A stretch of the original source that woven output leaves out, and what stands in its place. */
export interface Omission {
  start: number;
  end: number;
  text: string;
}

/** Where a comment lies in the source (a tree-sitter `comment` node's indices). */
export interface CommentRange {
  start: number;
  end: number;
}

/**
 * Comments that something other than a person reads: directives (`//go:noinline`, `//line`,
 * `//export`, `//weave:span`, `//lint:ignore`: no space after the slashes), old build
 * constraints, the generated-file marker and deprecation notices (linters read those through
 * `go vet -vettool`).
 */
function readByTools(text: string): boolean {
  return (
    /^\/\/\S/.test(text) ||
    text.startsWith('/*line ') ||
    text.startsWith('// +build') ||
    /^\/\/ Code generated .* DO NOT EDIT\.$/.test(text) ||
    text.includes('Deprecated:')
  );
}

/**
 * The comments woven output leaves out: those only people read. Editing one (a typo in a doc
 * comment, a note at the end of a file) then leaves the woven file byte for byte as it was, and
 * the go command finds the package compiled already where plain go compiles it again.
 *
 * Every line stays where it was (a block comment leaves its line breaks), so positions need no
 * new //line directive. Kept whole: a comment group (comments on consecutive lines) with any
 * comment tools read, so a directive keeps its doc comment and its place; a block comment with
 * code after it on its line (taking it out would move that code's column, or join two tokens);
 * test files (an example's `// Output:` is compared with what it prints); and files that use cgo
 * (the comment above `import "C"` is C code).
 */
export function omittedComments(source: string, comments: CommentRange[], file: { path: string; cgo: boolean }): Omission[] {
  if (file.path.endsWith('_test.go') || file.cgo) return [];
  const sorted = [...comments].sort((a, b) => a.start - b.start);
  const out: Omission[] = [];
  let group: CommentRange[] = [];
  const flush = () => {
    if (!group.some((c) => readByTools(source.slice(c.start, c.end)))) {
      for (const c of group) {
        const o = omission(source, c);
        if (o) out.push(o);
      }
    }
    group = [];
  };
  for (const c of sorted) {
    const prev = group[group.length - 1];
    // Same group: nothing but blanks and at most one line break since the last comment.
    if (prev && !sameGroup(source.slice(prev.end, c.start))) flush();
    group.push(c);
  }
  flush();
  return out;
}

function sameGroup(between: string): boolean {
  return /^[ \t\r]*\n?[ \t\r]*$/.test(between);
}

function omission(source: string, c: CommentRange): Omission | undefined {
  const text = source.slice(c.start, c.end);
  if (text.startsWith('//')) return { start: c.start, end: c.end, text: '' };
  // A block comment goes only when its line ends with it; its line breaks stay.
  const lineEnd = /[ \t\r]*(\n|$)/y;
  lineEnd.lastIndex = c.end;
  if (!lineEnd.test(source)) return undefined;
  return { start: c.start, end: c.end, text: '\n'.repeat(text.split('\n').length - 1) };
}

/**
 * The source between start and end with the omissions that lie wholly inside it applied
 * (omissions sorted by start). One that straddles a bound is left as written.
 */
export function withOmissions(source: string, start: number, end: number, omissions: Omission[]): string {
  let out = '';
  let at = start;
  for (const o of omissions) {
    if (o.end <= start) continue;
    if (o.start >= end) break;
    if (o.start < start || o.end > end) continue;
    out += source.slice(at, o.start) + o.text;
    at = o.end;
  }
  return out + source.slice(at, end);
}

/** Trailing blank lines of a file mean nothing: a comment appended at its end leaves some. */
export function endOfFile(text: string): string {
  return text.replace(/\s+$/, '\n');
}
