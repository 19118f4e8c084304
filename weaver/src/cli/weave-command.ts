import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadAspectFiles, loadConfig } from '../aspects/load.js';
import type { AspectSet } from '../aspects/types.js';
import { WeaveError } from '../errors.js';
import { weavePackage } from '../weave.js';
import { writeFileAtomic } from '../gocmd/atomic.js';

export interface WeaveArgs { configs: string[]; importPath?: string; outDir?: string; report?: string; mainModule: boolean; files: string[] }

export function parseWeaveArgs(argv: string[]): WeaveArgs {
  const a: WeaveArgs = { configs: [], mainModule: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new WeaveError(`flag ${arg} needs a value`);
      return v;
    };
    if (arg === '-c' || arg === '--config') a.configs.push(value());
    else if (arg === '-p') a.importPath = value();
    else if (arg === '-o') a.outDir = value();
    else if (arg === '--report') a.report = value();
    // The package belongs to the user's own code: `package-filter {root: true}` aspects apply.
    else if (arg === '--main-module') a.mainModule = true;
    else if (arg.startsWith('-')) throw new WeaveError(`unknown flag ${arg}; usage: go-weave weave [-c ASPECTS.yml]… [-p IMPORT_PATH] [-o OUT_DIR] [--report FILE] [--main-module] FILE.go…`);
    else a.files.push(arg);
  }
  return a;
}

export function aspectsFor(configs: string[]): AspectSet {
  return configs.length ? loadAspectFiles(configs) : loadConfig({});
}

/** `go-weave weave`: one package's files in, woven files out; nothing is written unless all succeed. */
export async function weaveCommand(argv: string[], stdout: (s: string) => void): Promise<number> {
  const args = parseWeaveArgs(argv);
  if (args.files.length === 0) throw new WeaveError('no Go files given; usage: go-weave weave [-c ASPECTS.yml]… [-p IMPORT_PATH] [-o OUT_DIR] FILE.go…');
  if (args.files.length > 1 && !args.outDir) throw new WeaveError('several files need -o OUT_DIR');
  const set = aspectsFor(args.configs);
  const files = args.files.map((f) => {
    if (!existsSync(f)) throw new WeaveError(`no such file: ${f}`);
    return { path: f, source: readFileSync(f, 'utf8') };
  });
  const names = new Set<string>();
  for (const f of files) {
    const b = basename(f.path);
    if (names.has(b)) throw new WeaveError(`two inputs named ${b}: -o keeps base names, so they would collide`);
    names.add(b);
  }
  const res = await weavePackage(set, { importPath: args.importPath ?? 'main', mainModule: args.mainModule, files });
  if (args.outDir) {
    for (const f of res.files) writeFileAtomic(join(args.outDir, basename(f.path)), f.source);
  } else {
    stdout(res.files[0].source);
  }
  if (args.report) {
    writeFileAtomic(resolve(args.report), JSON.stringify({
      files: res.files.map((f) => ({ path: f.path, out: args.outDir ? join(args.outDir, basename(f.path)) : undefined, woven: f.changed })),
      addedImports: res.addedImports, linkDeps: res.linkDeps, joinPoints: res.joinPoints, aspects: res.aspects,
    }, null, 2) + '\n');
  }
  return 0;
}
