import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './go-tool.ts';

export interface StdPackage { importPath: string; name: string; dir: string; files: { path: string; source: string }[] }

/** The installed Go's standard-library packages for this platform, with the Go files a build compiles. */
export function stdPackages(): StdPackage[] {
  const r = run('go', ['list', '-e', '-json=ImportPath,Name,Dir,GoFiles,CgoFiles', 'std']);
  if (r.code !== 0) throw new Error(`go list std failed:\n${r.stderr}`);
  const out: StdPackage[] = [];
  // go list -json prints one object per package, back to back.
  for (const chunk of r.stdout.split(/\n}\n/).filter((c) => c.trim())) {
    const p = JSON.parse(chunk.trim().endsWith('}') ? chunk : chunk + '\n}') as { ImportPath: string; Name: string; Dir: string; GoFiles?: string[] };
    const files = (p.GoFiles ?? []).map((f) => ({ path: join(p.Dir, f), source: readFileSync(join(p.Dir, f), 'utf8') }));
    out.push({ importPath: p.ImportPath, name: p.Name, dir: p.Dir, files });
  }
  return out;
}
