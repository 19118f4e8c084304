// Woven code imports the runtime module; adding it to a module must not change how that module's
// own code behaves. A go line below 1.22 keeps per-loop variables (and old GODEBUG defaults), so
// the go.mod copy has to keep it: the runtime's go line is low enough for that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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

test('a module with go 1.21 keeps its loop semantics when woven', async () => {
  const dir = writeTree({ 'go.mod': 'module example.com/old\n\ngo 1.21\n', 'main.go': MAIN }, 'gw-goline-');
  try {
    const env = { GOWEAVE_CACHE: join(dir, '.weave'), GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local' };
    const plain = await run(GO, ['run', '.'], { cwd: dir, env: { ...process.env, ...env } });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, '[3 3 3]\n');
    const woven = await goWeave(['build', '-o', join(dir, 'bin'), '.'], { cwd: dir, env });
    assert.equal(woven.code, 0, woven.stderr);
    const out = await run(join(dir, 'bin'), [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' } });
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout.split('\n')[0], '[3 3 3]');
    // The span proves the runtime really was woven in.
    assert.match(out.stdout + out.stderr, /main\.values/);
  } finally {
    removeTree(dir);
  }
});
