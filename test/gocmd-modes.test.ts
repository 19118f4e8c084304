// The other ways into the go command: run, install, -race, a cross-compiled target, and the
// `go-weave go …` passthrough, each with the real weaver and the real toolchain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTree, run, writeTree } from './support/go-fixture.ts';
import { GO, goWeave } from './support/go-shop.ts';

const MAIN = `package main

import (
	"fmt"
	"os"
	"sync"
)

//weave:span
func square(n int) int { return n * n }

func main() {
	var wg sync.WaitGroup
	results := make([]int, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = square(i)
		}()
	}
	wg.Wait()
	fmt.Println(results, os.Args[1:])
}
`;

let dir = '';
let env: NodeJS.ProcessEnv = {};
const SPAN = /"name":"main\.square"/g;

before(() => {
  dir = writeTree({ 'go.mod': 'module example.com/modes\n\ngo 1.22\n', 'main.go': MAIN }, 'gw-modes-');
  env = { GOWEAVE_CACHE: join(dir, '.weave'), GOFLAGS: '-buildvcs=false', OTEL_TRACES_EXPORTER: 'console' };
});
after(() => removeTree(dir));

test('go-weave run: the program gets its arguments and runs woven', async () => {
  const r = await goWeave(['run', '.', 'a', '-v'], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '[0 1 4 9] [a -v]\n');
  assert.equal(r.stderr.match(SPAN)?.length, 4, r.stderr);
});

test('go-weave install puts a woven binary in GOBIN', async () => {
  const gobin = join(dir, 'gobin');
  const r = await goWeave(['install', '.'], { cwd: dir, env: { ...env, GOBIN: gobin } });
  assert.equal(r.code, 0, r.stderr);
  const out = await run(join(gobin, 'modes'), ['x'], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' } });
  assert.equal(out.stdout, '[0 1 4 9] [x]\n');
  assert.equal(out.stderr.match(SPAN)?.length, 4, out.stderr);
});

const cc = ['gcc', 'cc', 'clang'].some((c) => ['/usr/bin', '/usr/local/bin', '/bin'].some((d) => existsSync(join(d, c))));
test('go-weave build -race: the woven program and the runtime pass the race detector', { skip: cc ? false : 'no C compiler for -race' }, async () => {
  const bin = join(dir, 'race');
  const r = await goWeave(['build', '-race', '-o', bin, '.'], { cwd: dir, env: { ...env, CGO_ENABLED: '1' } });
  assert.equal(r.code, 0, r.stderr);
  const out = await run(bin, [], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console', GORACE: 'halt_on_error=1' } });
  assert.equal(out.code, 0, out.stderr);
  assert.doesNotMatch(out.stderr, /DATA RACE/);
  assert.equal(out.stderr.match(SPAN)?.length, 4, out.stderr);
});

test('a cross-compiled target (GOOS/GOARCH) is planned and woven for that target', async () => {
  const report = join(dir, 'cross-report.jsonl');
  const targets = [['windows', 'amd64', 'modes.exe'], ['linux', 'arm64', 'modes-arm64']];
  for (const [goos, goarch, name] of targets) {
    const bin = join(dir, name);
    const r = await goWeave(['build', '-o', bin, '.'], { cwd: dir, env: { ...env, GOOS: goos, GOARCH: goarch, GOWEAVE_REPORT: report } });
    assert.equal(r.code, 0, r.stderr);
    // The woven binary carries the runtime and the span name; the plain one would not.
    const bytes = readFileSync(bin);
    assert.ok(bytes.includes('go-weave.dev/runtime/trace'), `${goos}/${goarch}: no runtime in the binary`);
    assert.ok(bytes.includes('main.square'), `${goos}/${goarch}: no span name in the binary`);
    const file = await run('file', [bin]).catch(() => undefined);
    if (file?.code === 0) assert.match(file.stdout, goos === 'windows' ? /PE32\+/ : /ARM aarch64/);
  }
  const lines = readFileSync(report, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { wovenPackages: number; errors: unknown[] });
  assert.equal(lines.length, targets.length);
  for (const l of lines) {
    assert.ok(l.wovenPackages > 0);
    assert.deepEqual(l.errors, []);
  }
});

test('go-weave go passes any go command through unchanged', async () => {
  const mine = await goWeave(['go', 'env', 'GOOS', 'GOMOD'], { cwd: dir, env });
  const real = await run(GO, ['env', 'GOOS', 'GOMOD'], { cwd: dir });
  assert.equal(mine.code, 0, mine.stderr);
  assert.equal(mine.stdout, real.stdout);
  const bad = await goWeave(['go', 'no-such-subcommand'], { cwd: dir, env });
  const realBad = await run(GO, ['no-such-subcommand'], { cwd: dir });
  assert.equal(bad.code, realBad.code);
  assert.notEqual(bad.code, 0);
});
