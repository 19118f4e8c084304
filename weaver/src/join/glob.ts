/** Import-path globs: `*` stays within one path element, `**` crosses them, `?` and `[…]` as usual. */
export function globMatch(pattern: string, path: string): boolean {
  return globRegex(pattern).test(path);
}

const cache = new Map<string, RegExp>();

function globRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let s = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `a/**` also matches `a` itself.
        if (pattern[i + 1] === undefined && s.endsWith('/')) { s = s.slice(0, -1) + '(?:/.*)?'; continue; }
        s += '.*';
      } else s += '[^/]*';
    } else if (c === '?') s += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) { s += '\\['; continue; }
      s += '[' + pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
      i = end;
    } else s += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  re = new RegExp(s + '$');
  cache.set(pattern, re);
  return re;
}
