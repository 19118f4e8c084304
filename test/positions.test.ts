import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGo } from '../weaver/src/parse/parser.ts';
import { PositionMap } from '../weaver/src/parse/positions.ts';

test('tree-sitter indices are JavaScript string indices (UTF-16 code units), even after non-ASCII text', async () => {
  const src = 'package main\n\nvar s = "h\u00e9llo \u{1F600}"; var x = 42\n';
  const tree = await parseGo(src);
  const lit = tree.rootNode.descendantsOfType('int_literal')[0]!;
  assert.equal(lit.startIndex, src.indexOf('42'));
  assert.equal(src.slice(lit.startIndex, lit.endIndex), '42');
  tree.delete();
});

test('columns are 1-based UTF-8 byte columns, as the Go compiler reports them', () => {
  const src = 'package main\n\nvar s = "h\u00e9llo \u{1F600}"; var x = 42\n';
  const pm = new PositionMap(src, 'a.go');
  // "var s = " (8) + quote (1) + h (1) + é (2) + llo (3) + space (1) + emoji (4) + quote (1) + "; var x = " (10) = 31 bytes before 42.
  assert.deepEqual(pm.position(src.indexOf('42')), { file: 'a.go', line: 3, col: 32 });
});

test('positions are seen through existing //line and /*line*/ directives', () => {
  const src = 'package main\n//line gen.y:100:5\nx y\nz\n/*line :7:3*/w\n';
  const pm = new PositionMap(src, 'a.go');
  assert.deepEqual(pm.position(src.indexOf('x y') + 2), { file: 'gen.y', line: 100, col: 7 });
  assert.deepEqual(pm.position(src.indexOf('z')), { file: 'gen.y', line: 101, col: 1 });
  // A file-less directive with a column keeps the previous file name.
  assert.deepEqual(pm.position(src.indexOf('w')), { file: 'gen.y', line: 7, col: 3 });
  assert.deepEqual(pm.position(0), { file: 'a.go', line: 1, col: 1 });
});
