import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds data shipped with go-weave (grammar wasm, built-in aspects, the Go runtime module).
 * The same code runs from the repository (tsx) and from the single-file bundle in dist/weaver,
 * so we probe a short list of layouts instead of hard-coding one; GOWEAVE_ASSETS wins, which
 * lets Bazel point at runfiles.
 */
export function assetPath(rel: 'aspects' | 'runtime' | 'launcher' | 'tree-sitter-go.wasm' | 'web-tree-sitter.wasm'): string {
  // A marker inside each directory tells it apart from same-named source folders.
  const marker = rel === 'aspects' ? 'default.yml' : rel === 'runtime' || rel === 'launcher' ? 'go.mod' : '';
  for (const root of candidateRoots()) {
    const p = join(root, rel);
    if (existsSync(join(p, marker))) return p;
  }
  throw new Error(`go-weave: cannot find its data file "${rel}" (set GOWEAVE_ASSETS to the directory that holds it)`);
}

function candidateRoots(): string[] {
  const roots: string[] = [];
  if (process.env.GOWEAVE_ASSETS) roots.push(resolve(process.env.GOWEAVE_ASSETS));
  const here = moduleDir();
  // dist/weaver/go-weave.cjs: wasm + aspects beside it, runtime one level up.
  roots.push(here, resolve(here, '..'));
  // weaver/src/assets.ts in the repository.
  const repo = resolve(here, '..', '..');
  roots.push(join(repo, 'weaver'), repo, join(repo, 'node_modules', 'tree-sitter-go'), join(repo, 'node_modules', 'web-tree-sitter'));
  return roots;
}

function moduleDir(): string {
  // esbuild's cjs output defines __dirname; under tsx/ESM we derive it from import.meta.url.
  if (typeof __dirname === 'string') return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}


