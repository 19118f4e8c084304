#!/usr/bin/env node
// Runs the bundled CLI when it exists (npm package), else the TypeScript sources through tsx (repository checkout).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'weaver', 'go-weave.cjs');
if (existsSync(bundle) && !process.env.GOWEAVE_FROM_SOURCE) {
  createRequire(import.meta.url)(bundle);
} else {
  await import('tsx/esm');
  await import(join(root, 'weaver', 'src', 'cli', 'run.ts'));
}
