import type { Node } from 'web-tree-sitter';
import { WeaveError } from '../errors.js';
import type { GoFile } from '../parse/gofile.js';

/**
 * `//weave:ignore`: the program's own way to keep go-weave's hands off a piece of code. The
 * directive sits on the line directly above what it excludes, as `//go:` directives do (other
 * directive lines may stand between), and anything after the name is a free-form reason:
 *
 *   - above a declaration (function, method, type, var, const): no join point inside it;
 *   - above a statement: none inside that statement;
 *   - above the package clause: none in the whole file.
 *
 * What the excluded code calls is not excluded: a call into a woven package still runs that
 * package's woven code.
 */
const IGNORE_DIRECTIVE = 'weave:ignore';

export interface Ignored {
  whole: boolean;
  /** Byte ranges [start, end) of the excluded declarations and statements. */
  ranges: { start: number; end: number }[];
}

const NOTHING: Ignored = { whole: false, ranges: [] };

function isIgnoreComment(text: string): boolean {
  if (!text.startsWith('//' + IGNORE_DIRECTIVE)) return false;
  const rest = text.slice(2 + IGNORE_DIRECTIVE.length);
  return rest === '' || rest[0] === ' ' || rest[0] === '\t';
}

/**
 * The parts of a file excluded by `//weave:ignore`. A directive with nothing directly below it
 * (a blank line, the end of a block) is an error: silently weaving code the program asked to
 * keep as written would be worse.
 */
export function ignoredParts(file: GoFile): Ignored {
  if (!file.source.includes('//' + IGNORE_DIRECTIVE)) return NOTHING;
  const out: Ignored = { whole: false, ranges: [] };
  for (const c of file.root.descendantsOfType('comment')) {
    if (!c || !isIgnoreComment(c.text)) continue;
    const lineStart = file.source.lastIndexOf('\n', c.startIndex - 1) + 1;
    if (file.source.slice(lineStart, c.startIndex).trim() !== '') {
      throw new WeaveError(`//${IGNORE_DIRECTIVE} must be on a line of its own, directly above what it excludes (as a //go: directive is)`, file.positions.position(c.startIndex));
    }
    const target = annotatedBy(c);
    if (!target) {
      throw new WeaveError(`//${IGNORE_DIRECTIVE} must be on the line directly above the declaration, statement or package clause it excludes`, file.positions.position(c.startIndex));
    }
    if (target.type === 'package_clause') out.whole = true;
    else out.ranges.push({ start: target.startIndex, end: target.endIndex });
  }
  return out;
}

/** The node a directive comment annotates: the next code, starting on the line below the comment block it is part of. */
function annotatedBy(comment: Node): Node | undefined {
  let last = comment;
  let next = comment.nextNamedSibling;
  while (next && next.type === 'comment' && next.startPosition.row === last.endPosition.row + 1) {
    last = next;
    next = next.nextNamedSibling;
  }
  if (!next || next.type === 'comment' || next.startPosition.row !== last.endPosition.row + 1) return undefined;
  return next;
}

/** Whether a node lies inside an excluded part. */
export function isIgnored(ignored: Ignored, node: Node): boolean {
  if (ignored.whole) return true;
  return ignored.ranges.some((r) => node.startIndex >= r.start && node.endIndex <= r.end);
}
