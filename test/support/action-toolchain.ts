// A real Go distribution archive packed from the machine's Go install (top-level go/,
// gzip -1 to keep it quick), plus the facts a listing needs about it.
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface PackedToolchain {
  goroot: string;
  goName: string; // go1.26.8
  semver: string; // 1.26.8
  filename: string; // go1.26.8.linux-amd64.tar.gz
  file: string;
  sha256: string;
  size: number;
}

/** The Go installation to pack: $GOROOT, /usr/local/go, or the go on PATH (e.g. a CI tool cache). */
export function machineGoroot(): string {
  for (const c of [process.env.GOROOT, '/usr/local/go']) {
    if (c && fs.existsSync(path.join(c, 'bin', 'go'))) return c;
  }
  try {
    const root = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim();
    if (root && fs.existsSync(path.join(root, 'bin', 'go'))) return root;
  } catch {
    // fall through
  }
  throw new Error('no Go installation found (set GOROOT or put go on PATH)');
}

export function packToolchain(dir: string): PackedToolchain {
  const goroot = machineGoroot();
  const goName = fs.readFileSync(path.join(goroot, 'VERSION'), 'utf8').split('\n')[0].trim();
  const goarch = { x64: 'amd64', arm64: 'arm64' }[process.arch as string] ?? process.arch;
  const filename = `${goName}.linux-${goarch}.tar.gz`;
  const file = path.join(dir, filename);
  const base = path.basename(goroot);
  if (!/^[\w.-]+$/.test(base)) throw new Error(`${goroot}: unexpected directory name`);
  // Distribution archives have a top-level go/, whatever the installed directory is called.
  execFileSync('/bin/sh', ['-ec', 'tar -C "$1" --transform "s,^$2,go," -cf - "$2" | gzip -1 > "$3"', 'sh', path.dirname(goroot), base, file]);
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const semver = goName.replace(/^go/, '');
  return { goroot, goName, semver, filename, file, sha256, size: fs.statSync(file).size };
}

/**
 * The packed archive, made once and reused by every test file and benchmark of a run (and
 * later runs while the machine's Go is unchanged): packing 270 MB costs several seconds.
 * Published with a rename so concurrent test processes never see half an archive.
 */
export function sharedToolchain(): PackedToolchain {
  const goroot = machineGoroot();
  const st = fs.statSync(path.join(goroot, 'VERSION'));
  const dir = path.join(os.tmpdir(), `go-weave-action-toolchain-${Math.round(st.mtimeMs)}-${st.size}`);
  const meta = path.join(dir, 'toolchain.json');
  if (fs.existsSync(meta)) return JSON.parse(fs.readFileSync(meta, 'utf8')) as PackedToolchain;
  const tmp = fs.mkdtempSync(`${dir}.tmp-`);
  const packed = packToolchain(tmp);
  const final = { ...packed, file: path.join(dir, packed.filename) };
  fs.writeFileSync(path.join(tmp, 'toolchain.json'), JSON.stringify(final));
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race
  }
  return JSON.parse(fs.readFileSync(meta, 'utf8')) as PackedToolchain;
}
