// Reads the Go version a repository pins in go.mod, go.work, .go-version or .tool-versions.
// Errors name the file and line so a typo is found without reading the action's source.
import * as fs from 'node:fs';
import * as path from 'node:path';

const VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/;

function bad(file: string, line: number, what: string): never {
  throw new Error(`${file}:${line}: ${what}`);
}

function stripComment(line: string): string {
  const i = line.indexOf('//');
  return (i >= 0 ? line.slice(0, i) : line).trim();
}

/** go.mod / go.work: a `toolchain goX` line wins over the `go X` line, as with the go command. */
function fromModFile(file: string, text: string): string {
  let goLine: string | null = null;
  let toolchain: string | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = stripComment(raw);
    const n = i + 1;
    const m = /^(go|toolchain)(\s+(.*))?$/.exec(line);
    if (!m) return;
    const value = (m[3] ?? '').trim();
    if (m[1] === 'go') {
      if (!VERSION.test(value)) bad(file, n, `expected a Go version like 1.22 or 1.22.3 after "go", found "${value}"`);
      goLine = value;
    } else {
      if (value === 'default') return;
      // Custom toolchain names (go1.22.0-foo) still say which release they are built on.
      const t = /^go(.+?)(?:-.*)?$/.exec(value);
      if (!t || !VERSION.test(t[1])) bad(file, n, `expected a toolchain name like go1.22.3 after "toolchain", found "${value}"`);
      toolchain = t[1];
    }
  });
  const v = toolchain ?? goLine;
  if (v === null) throw new Error(`${file}: no "toolchain" or "go" line to take the Go version from`);
  return v;
}

function fromGoVersion(file: string, text: string): string {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (i < 0) throw new Error(`${file}: empty; expected a Go version like 1.22.3`);
  const v = lines[i].trim().replace(/^go/, '');
  if (!VERSION.test(v)) bad(file, i + 1, `expected a Go version like 1.22.3, found "${lines[i].trim()}"`);
  return v;
}

function fromToolVersions(file: string, text: string): string {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/#.*/, '').trim();
    const m = /^(golang|go)\s+(\S+)/.exec(line);
    if (!m) continue;
    const v = m[2].replace(/^go/, '');
    if (!VERSION.test(v)) bad(file, i + 1, `expected a Go version like 1.22.3 after "${m[1]}", found "${m[2]}"`);
    return v;
  }
  throw new Error(`${file}: no "golang <version>" line`);
}

/** The version string (e.g. "1.22", "1.22.3", "1.23rc1") pinned by `file`. */
export function readVersionFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`go-version-file ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const base = path.basename(file);
  if (base === '.tool-versions') return fromToolVersions(file, text);
  if (base === 'go.mod' || base === 'go.work' || base.endsWith('.mod') || base.endsWith('.work')) return fromModFile(file, text);
  return fromGoVersion(file, text);
}
