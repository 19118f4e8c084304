// Woven code imports the runtime module; adding it to a module must not change how that module's
// own code behaves. A go line below 1.22 keeps per-loop variables (and old GODEBUG defaults), so
// the go.mod copy has to keep it: the runtime's go line is low enough for that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { goWeave, GO } from './support/go-shop.ts';

const MAIN = `package main

import "fmt"

//weave:span
func values() []int {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	return []int{fs[0](), fs[1](), fs[2]()}
}

func main() { fmt.Println(values()) }
`;

/**
 * Runs the module in cwd plain (go run) and woven (go-weave build, then the binary with the
 * console exporter); both must succeed. The woven output's spans are on stderr.
 */
async function plainAndWoven(cwd: string, cache: string): Promise<{ plain: string; woven: string; spans: string }> {
  const env = { GOWEAVE_CACHE: join(cache, '.weave'), GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local' };
  const plain = await run(GO, ['run', '.'], { cwd, env: { ...process.env, ...env } });
  assert.equal(plain.code, 0, plain.stderr);
  const bin = join(cache, 'bin');
  const build = await goWeave(['build', '-o', bin, '.'], { cwd, env });
  assert.equal(build.code, 0, build.stderr);
  const out = await run(bin, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' } });
  assert.equal(out.code, 0, out.stderr);
  return { plain: plain.stdout, woven: out.stdout, spans: out.stderr };
}

test('a module with go 1.21 keeps its loop semantics when woven', async () => {
  const dir = writeTree({ 'go.mod': 'module example.com/old\n\ngo 1.21\n', 'main.go': MAIN }, 'gw-goline-');
  try {
    const { plain, woven, spans } = await plainAndWoven(dir, dir);
    assert.equal(plain, '[3 3 3]\n');
    assert.equal(woven, '[3 3 3]\n');
    // The span proves the runtime really was woven in.
    assert.match(spans, /"name":"main\.values"/);
  } finally {
    removeTree(dir);
  }
});

test('a module below go 1.17 whose dependencies need modules it does not list: raised, it still builds, and its go.mod is untouched', async () => {
  // go 1.16 loads the whole module graph, so app's go.mod names only a; raised past 1.17 (the
  // runtime's go line), the graph is pruned to what go.mod requires and b would go missing.
  const files = {
    'app/go.mod': 'module example.com/app\n\ngo 1.16\n\nrequire example.com/a v1.0.0\n\nreplace (\n\texample.com/a => ../a\n\texample.com/b => ../b\n)\n',
    'app/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/a"\n)\n\n//weave:span\nfunc greet() string { return a.Hello() }\n\nfunc main() { fmt.Println(greet()) }\n',
    'a/go.mod': 'module example.com/a\n\ngo 1.18\n\nrequire example.com/b v1.0.0\n',
    'a/a.go': 'package a\n\nimport "example.com/b"\n\nfunc Hello() string { return "hello " + b.Name() }\n',
    'b/go.mod': 'module example.com/b\n\ngo 1.18\n',
    'b/b.go': 'package b\n\nfunc Name() string { return "b" }\n',
  };
  const dir = writeTree(files, 'gw-pruned-');
  try {
    const app = join(dir, 'app');
    const { plain, woven, spans } = await plainAndWoven(app, dir);
    assert.equal(plain, 'hello b\n');
    assert.equal(woven, 'hello b\n');
    assert.match(spans, /"name":"main\.greet"/);
    assert.equal(readFileSync(join(app, 'go.mod'), 'utf8'), files['app/go.mod']);
    assert.equal(existsSync(join(app, 'go.sum')), false);
  } finally {
    removeTree(dir);
  }
});
