// Helpers of the tests that drive the go-weave command as a user does and watch what it leaves
// running and what go it runs.
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './go-fixture.ts';
import { REPO } from './go-shop.ts';

/** Dates a path back (a minute by default): older than any racy window, as if saved a while ago. */
export function age(path: string, secondsAgo = 60): void {
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(path, t, t);
}

/** Runs a woven program with the console exporter: its output, and the names of the spans it printed. */
export async function runConsoleTraced(binary: string): Promise<{ stdout: string; spans: string[] }> {
  const r = await run(binary, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' } });
  assert.equal(r.code, 0, r.stderr);
  return { stdout: r.stdout, spans: [...r.stderr.matchAll(/"name":"([^"]+)"/g)].map((m) => m[1]) };
}

/**
 * go-weave's data files as an installation at `at` holds them (for GOWEAVE_ASSETS), with a copy
 * of the runtime module of its own, which a test may edit.
 */
export function goWeaveAssets(at: string): string {
  mkdirSync(at, { recursive: true });
  for (const f of ['aspects', 'tree-sitter-go.wasm', 'web-tree-sitter.wasm']) symlinkSync(join(REPO, 'dist', 'weaver', f), join(at, f));
  symlinkSync(join(REPO, 'dist', 'launcher'), join(at, 'launcher'));
  cpSync(join(REPO, 'dist', 'runtime'), join(at, 'runtime'), { recursive: true });
  return at;
}

/** Processes whose command line names the text (the weave server names its socket). */
export async function processesWith(text: string): Promise<number> {
  const r = await run('ps', ['-eo', 'args']);
  return r.stdout.split('\n').filter((l) => l.includes(text) && !l.startsWith('ps ')).length;
}

/**
 * Polls cond every `everyMs` until it holds; fails the test after ms. What the tests wait for
 * (a weave server's plan, a build ahead) takes a second or two; the bound is for a machine other
 * work slows down many times over, where it only makes a real failure slower to report.
 */
export async function until(what: string, cond: () => Promise<boolean> | boolean, ms = 60_000, everyMs = 100): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Writes an executable `go` at path that appends each build and install it runs (its arguments)
 * to log, runs the shell lines in `before` (a test's own behaviour, such as sleeping instead),
 * then execs the real go.
 */
export async function loggingGo(path: string, log: string, before: string[] = []): Promise<void> {
  const goroot = (await run('go', ['env', 'GOROOT'])).stdout.trim();
  writeFileSync(path, [
    '#!/bin/sh',
    `case "$1" in build|install) echo "$*" >> '${log}' ;; esac`,
    ...before,
    `exec '${join(goroot, 'bin', 'go')}' "$@"`,
    '',
  ].join('\n'));
  chmodSync(path, 0o755);
}
