// The runtime module's served version (runtime-served.ts): named by the runtime's files, not by
// where go-weave is installed, and new as soon as a file changes. (reproducible.test.ts builds
// with it and reads the binary's build info; uptodate.test.ts edits the runtime between builds.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveRuntime } from '../weaver/src/gocmd/runtime-served.ts';
import { REPO } from './support/go-shop.ts';

const work = mkdtempSync(join(tmpdir(), 'gw-rt-served-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('the runtime is served at a version named by its content: the same from two installs, new after an edit', () => {
  const proxy = join(work, 'proxy');
  const gomodcache = join(work, 'gomodcache');
  const one = join(work, 'one', 'runtime');
  const two = join(work, 'elsewhere', 'two', 'runtime');
  for (const d of [one, two]) cpSync(join(REPO, 'runtime'), d, { recursive: true });
  const a = serveRuntime(proxy, gomodcache, one);
  const b = serveRuntime(proxy, gomodcache, two);
  assert.ok(a && b);
  assert.match(a.served.version, /^v0\.1\.1-0\.20000101000000-[0-9a-f]{12}$/);
  assert.equal(b.served.version, a.served.version);
  assert.deepEqual(b.served.sums, a.served.sums);
  assert.ok(existsSync(a.served.zip));
  assert.match(a.served.sums[0], /^go-weave\.dev\/runtime v0\.1\.1-\S+ h1:\S+=$/);
  assert.match(a.served.sums[1], /^go-weave\.dev\/runtime v0\.1\.1-\S+\/go\.mod h1:\S+=$/);
  // Every file of the module is an input of the plan, so that the record notices an edit.
  assert.ok(a.files.includes(join(one, 'trace', 'span.go')) && a.files.includes(join(one, 'go.mod')));
  // Asked again with nothing changed: the same answer.
  assert.equal(serveRuntime(proxy, gomodcache, one)?.served.version, a.served.version);

  const span = join(one, 'trace', 'span.go');
  appendFileSync(span, '\n// edited\n');
  const edited = serveRuntime(proxy, gomodcache, one);
  assert.ok(edited);
  assert.notEqual(edited.served.version, a.served.version);
  assert.ok(readFileSync(edited.served.zip).includes(Buffer.from('// edited')));
  // The other install still serves the version of its own files.
  assert.equal(serveRuntime(proxy, gomodcache, two)?.served.version, a.served.version);
});
