/**
 * The index of the first character at or after i of Go source that is neither white space nor
 * inside a comment (src.length when there is none). Text-level scans that run before or without
 * a parse use it: the plan cache's file header, the search for newer syntax to mask.
 */
export function skipSpaceAndComments(src: string, i: number): number {
  const n = src.length;
  for (;;) {
    while (i < n && /\s/.test(src[i])) i++;
    if (src.startsWith('//', i)) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (src.startsWith('/*', i)) {
      const close = src.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else {
      return i;
    }
  }
}
