import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFile } from 'node:child_process';
import { sha256 } from '../../weaver/src/gocmd/hash.ts';
import type { Core, PackageInput, PackageResult } from '../../weaver/src/gocmd/core.ts';

/** Writes a tree of files under a new temp directory and returns its path. */
export function writeTree(files: Record<string, string>, prefix = 'gw-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return root;
}

/** Every file under dir (but the named entries) with its mtime and content, so any write shows. */
export function snapshot(dir: string, skip: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      if (skip.includes(n)) continue;
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p, `${statSync(p).mtimeMs} ${readFileSync(p, 'utf8')}`);
    }
  };
  walk(dir);
  return out;
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (never throws on a non-zero exit: tests assert on the code). */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, maxBuffer: 64 << 20, timeout: opts.timeoutMs ?? 600_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? ((err as unknown as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * A stand-in runtime module with the real module path, so the modfile/go.work plumbing is
 * exercised without compiling the real runtime in fast tests.
 */
export function fakeRuntime(): string {
  return writeTree({
    'go.mod': 'module go-weave.dev/runtime\n\ngo 1.25\n',
    'trace/trace.go': 'package trace\n\nimport "os"\n\n// Hello marks a woven join point on stderr.\nfunc Hello(where string) { os.Stderr.WriteString("woven: " + where + "\\n") }\n',
  }, 'gw-fakert-');
}

export interface FakeAspects {
  tag: string;
}

/**
 * A tiny weaver with the core's contract: in main-module packages it turns a `// @weave` comment
 * line into a call of the runtime on the same line (so no //line directive is needed) and adds
 * the import on the package clause's line. `tag` plays the role of the aspect definition.
 */
export function fakeCore(tag = 'v1', calls: string[] = []): Core<FakeAspects> {
  return {
    loadConfig: async () => ({ tag }),
    packageMayMatch: (_a, pkg) => !!pkg.mainModule,
    aspectSetHash: (a) => sha256('fake', a.tag),
    // Like a real aspect file, the tag is part of what the weaver is: a new tag is a new configuration.
    fingerprint: `fake-weaver-${tag}`,
    weavePackage: async (a, pkg: PackageInput): Promise<PackageResult> => {
      calls.push(pkg.importPath);
      let joinPoints = 0;
      const files = pkg.files.map((f) => {
        if (!/^\s*\/\/ @weave\s*$/m.test(f.source)) return { ...f, changed: false };
        let src = f.source.replace(/^(\s*)\/\/ @weave\s*$/gm, (_m, ws: string) => {
          joinPoints++;
          return `${ws}__gw_trace.Hello(${JSON.stringify(a.tag + ' ' + pkg.importPath)})`;
        });
        src = src.replace(/^package (\w+)[ \t]*$/m, '//go-weave:woven\npackage $1; import __gw_trace "go-weave.dev/runtime/trace"');
        // The marker line shifts lines by one: restore them for the rest of the file.
        src = src.replace(/(; import __gw_trace "go-weave.dev\/runtime\/trace")\n/, `$1\n//line ${f.path}:2\n`);
        return { path: f.path, source: src, changed: true };
      });
      const changed = files.some((f) => f.changed);
      return { files, addedImports: changed ? ['go-weave.dev/runtime/trace'] : [], linkDeps: [], joinPoints, aspects: changed ? ['fake.' + a.tag] : [] };
    },
  };
}
