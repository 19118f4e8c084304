'use strict';
// Writes the compiler's -embedcfg for one package:
//   node embedcfg.cjs OUT PKG_DIR EXCLUDED_LIST SRC... -- EMBED...
// PKG_DIR is the package's directory in short-path form; EMBED arguments are `short=exec` pairs.
// EXCLUDED_LIST names, one per line, the SRCs build constraints leave out: their patterns, which
// the compiler never sees, need not match.
// Patterns follow //go:embed: path.Match per element, directories expand to their files except
// names starting with '.' or '_' unless the pattern has the `all:` prefix.
const fs = require('node:fs');

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function patternsOf(file) {
  const result = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    const m = /^\s*\/\/go:embed\s+(.*)$/.exec(line);
    if (!m) return;
    const re = /"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g;
    let t;
    while ((t = re.exec(m[1])) !== null) {
      const pattern = t[1] !== undefined ? JSON.parse(`"${t[1]}"`) : t[2] !== undefined ? t[2] : t[3];
      result.push({ pattern, where: `${file}:${index + 1}` });
    }
  });
  return result;
}

function segmentRegExp(segment) {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end < 0) return undefined;
      let body = segment.slice(i + 1, end);
      if (body.startsWith('^')) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < segment.length) re += `\\${segment[++i]}`;
    else re += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function main() {
  const [out, pkgDir, excludedList, ...rest] = process.argv.slice(2);
  const sep = rest.indexOf('--');
  const excluded = new Set(fs.readFileSync(excludedList, 'utf8').split('\n').filter(Boolean));
  const srcs = rest.slice(0, sep).filter((src) => !excluded.has(src.slice(src.lastIndexOf('/') + 1)));
  const embeds = new Map();
  for (const pair of rest.slice(sep + 1)) {
    const eq = pair.indexOf('=');
    const short = pair.slice(0, eq);
    const prefix = pkgDir === '' ? '' : `${pkgDir}/`;
    if (!short.startsWith(prefix)) fail(`go_weave: embedsrcs file ${short} is outside the package directory ${pkgDir}`);
    embeds.set(short.slice(prefix.length), pair.slice(eq + 1));
  }
  const cfg = { Patterns: {}, Files: {} };
  for (const src of srcs) {
    for (const { pattern, where } of patternsOf(src)) {
      const all = pattern.startsWith('all:');
      const body = all ? pattern.slice(4) : pattern;
      const segs = body.split('/').map(segmentRegExp);
      if (segs.some((s) => s === undefined)) fail(`${where}: invalid //go:embed pattern ${pattern}`);
      const matched = [];
      for (const rel of [...embeds.keys()].sort()) {
        const parts = rel.split('/');
        if (parts.length < segs.length) continue;
        if (!segs.every((s, i) => s.test(parts[i]))) continue;
        const inner = parts.slice(segs.length);
        if (inner.length > 0 && !all && inner.some((p) => p.startsWith('.') || p.startsWith('_'))) continue;
        matched.push(rel);
      }
      if (matched.length === 0) fail(`${where}: pattern ${pattern}: no matching files in embedsrcs`);
      cfg.Patterns[pattern] = matched;
      for (const rel of matched) cfg.Files[rel] = embeds.get(rel);
    }
  }
  const tmp = `${out}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cfg, null, 1) + '\n');
  fs.renameSync(tmp, out);
}

main();
