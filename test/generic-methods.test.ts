// Go 1.27 syntax the released Go grammar does not know: methods with type parameters of their own
// (weaver/src/parse/generic-methods.ts). A file with one is woven like any other instead of
// being left unwoven; test/fixtures/generic-methods is woven and built by go1.27.3, which the
// go command takes from the module proxy, and its //weave:span on a generic method exports spans
// to an OTLP receiver on loopback. Golden case parse-generic-method shows the woven text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { loadGoFile } from '../weaver/src/parse/gofile.ts';
import { WeaveError } from '../weaver/src/errors.ts';
import { goWeave, REPO, run, tempDir } from './support/go-tool.ts';
import { runTraced } from './support/traced-run.ts';

const GO127 = 'go1.27.3';
const INTERNAL = 1;
const STATUS_ERROR = 2;

function all(n: Node, type: string): Node[] {
  const out = n.type === type ? [n] : [];
  for (const c of n.namedChildren) if (c) out.push(...all(c, type));
  return out;
}

test('a method with type parameters parses as a method; look-alike text and real syntax errors do not', async () => {
  const source = [
    'package p',
    '',
    'type S struct{}',
    '',
    'func (s *S) Map[T any, U interface{ ~[]T /* ] */ }](xs U) []T { return nil }',
    '',
    'func (s S) Plain() func() List[int] {',
    '\treturn func() List[int] { return nil }',
    '}',
    '',
    'var doc = `',
    'func (s *S) Fake[X any]() {}',
    '`',
    '',
  ].join('\n');
  const f = await loadGoFile('p.go', source);
  try {
    const methods = all(f.root, 'method_declaration').map((m) => m.childForFieldName('name')?.text);
    assert.deepEqual(methods, ['Map', 'Plain']);
    // The tree indexes the real source, and text that only looks like a method keeps its brackets.
    const [raw] = all(f.root, 'raw_string_literal');
    assert.equal(raw.text, '`\nfunc (s *S) Fake[X any]() {}\n`');
    assert.equal(source.slice(raw.startIndex, raw.endIndex), raw.text);
    // A generic result type of a function literal is not a type parameter list.
    assert.ok(all(f.root, 'generic_type').some((g) => g.text === 'List[int]'));
  } finally {
    f.tree.delete();
  }
  // Broken code is still reported where it is broken.
  await assert.rejects(loadGoFile('bad.go', source + 'func (s *S) Bad[T any](x T {\n}\n'), (e: unknown) => e instanceof WeaveError && /bad\.go:14:27: syntax error: expected "\)"/.test(String(e)));
});

test(`${GO127}: a //weave:span on a generic method is woven, compiled and exports its spans`, { timeout: 600_000 }, async (t) => {
  const version = run('go', ['version'], { env: { GOTOOLCHAIN: GO127 } });
  if (!version.stdout.includes(GO127)) {
    t.skip(`GOTOOLCHAIN=${GO127} is not available: ${version.stderr.trim()}`);
    return;
  }
  const dir = tempDir('generic-methods');
  cpSync(join(REPO, 'test', 'fixtures', 'generic-methods'), dir, { recursive: true });
  const env = { GOTOOLCHAIN: GO127 };
  const plain = run('go', ['build', '-o', join(dir, 'plain'), '.'], { cwd: dir, env });
  assert.equal(plain.code, 0, plain.stderr);
  const plainRun = run(join(dir, 'plain'), []);
  assert.equal(plainRun.code, 0, plainRun.stderr);

  const b = goWeave(['build', '-o', join(dir, 'woven'), '.'], { cwd: dir, env });
  assert.equal(b.code, 0, b.stderr);
  assert.doesNotMatch(b.stderr, /unwoven|syntax error/);
  const { stdout, spans } = await runTraced(join(dir, 'woven'), { env: { OTEL_SERVICE_NAME: 'generic-methods' } });
  assert.equal(stdout, plainRun.stdout);
  assert.equal(stdout, '#2 <nil>\nindex 5 out of range\n[4 5]\n1 2 p\n');

  const gets = spans.filter((s) => s.name === 'store.get');
  assert.equal(gets.length, 2, `spans: ${spans.map((s) => s.name).join(', ')}`);
  for (const s of gets) {
    assert.equal(s.kind, INTERNAL);
    assert.equal(s.attributes['kind'], 'generic');
    assert.equal(s.attributes['code.function.name'], 'example.com/genericmethods.Get');
  }
  const failed = gets.find((s) => s.status?.code === STATUS_ERROR);
  assert.ok(failed, 'the call past the end records its error');
  assert.equal(failed.status?.message, 'index 5 out of range');
  assert.equal(gets.filter((s) => s !== failed && s.status?.code !== STATUS_ERROR).length, 1);
});
