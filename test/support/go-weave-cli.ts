// Helpers of the tests that drive the go-weave command as a user does and watch what it leaves
// running and what go it runs.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './go-fixture.ts';

/** Processes whose command line names the text (the weave server names its socket). */
export async function processesWith(text: string): Promise<number> {
  const r = await run('ps', ['-eo', 'args']);
  return r.stdout.split('\n').filter((l) => l.includes(text) && !l.startsWith('ps ')).length;
}

/** Polls cond every `everyMs` until it holds; fails the test after ms. */
export async function until(what: string, cond: () => Promise<boolean> | boolean, ms = 15_000, everyMs = 100): Promise<void> {
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
