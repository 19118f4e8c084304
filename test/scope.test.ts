// What a name denotes where it is used, from the syntax alone (weaver/src/join/scope.ts): the
// go statement planner captures variables and writes constants and functions again, so a name
// resolved to the wrong declaration would change a program's types or its evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { loadGoFile } from '../weaver/src/parse/gofile.ts';
import { mergeNames, resolveName } from '../weaver/src/join/scope.ts';

const SRC = `package p

import (
	"fmt"
	str "strings"
)

const c = 1

var v = 2

type T struct{}

func f() {}

func g[P any](a int, rest ...string) (out int) {
	use(c, v, f, a, rest, out, P(nil), fmt.Sprint, str.Cut, len, true, other, shared)
	{
		c := "block"
		use(c)
	}
	use(c)
	for c := 0; c < 1; c++ {
		use(c)
	}
	for _, c := range []int{} {
		use(c)
	}
	if c := 2.5; c > 0 {
	} else {
		use(c)
	}
	switch x := any(1).(type) {
	case int:
		use(x)
	default:
		use(x)
	}
	select {
	case c := <-make(chan int):
		use(c)
	}
	func(c int) { use(c) }(0)
	use(later)
	const k = 3
	use(k)
	later := 0
	_ = later
	return
}
`;

/** The kinds of the arguments of each use(…) call, in order. */
async function uses(pkg?: Map<string, string[]>) {
  const file = await loadGoFile('p.go', SRC);
  const out: (string | undefined)[][] = [];
  const visit = (n: Node) => {
    if (n.type === 'call_expression' && n.childForFieldName('function')?.text === 'use') {
      const args = n.childForFieldName('arguments')!.namedChildren.filter((a): a is Node => !!a);
      out.push(args.map((a) => {
        const id = a.type === 'identifier' ? a : a.type === 'selector_expression' ? a.childForFieldName('operand') : a.childForFieldName('function') ?? a;
        return resolveName(id!.text, id!, file, pkg && mergeNames(pkg.values()));
      }));
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(file.root);
  file.tree.delete();
  return out;
}

test('names resolve to the declaration in scope where they are used', async () => {
  const got = await uses(new Map([['other.go', ['const:other', 'var:shared']], ['more.go', ['func:shared']]]));
  assert.deepEqual(got, [
    ['const', 'var', 'func', 'var', 'var', 'var', 'type', 'package', 'package', 'builtin', 'const', 'const', 'ambiguous'],
    ['var'], // the block's own c
    ['const'], // the block is closed
    ['var'], // a for clause's
    ['var'], // a range's
    ['var'], // an if's, in its else
    ['var'], ['var'], // a type switch's, in a case and in default
    ['var'], // a select case's
    ['var'], // a literal's parameter
    [undefined], // declared later in the function: not in scope, and nothing else declares it
    ['const'],
  ]);
});
