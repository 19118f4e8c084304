// go run, go test and go vet after editing code, go-weave ÷ plain go: a small program that starts an
// HTTP server and client and exits, and its test, edited and run again, at once and a moment
// later (when the weave server has built it ahead into go's cache: a go run's link, a go test's
// compiles, a go vet's findings), and with building ahead off.
// Usage: node --import tsx bench/run-edit.ts   (BENCH_EDIT_RUNS, BENCH_EDIT_PAUSE_MS)
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bundleGoWeave, delta, fmt, interleaved, median, timed } from './build-lib.ts';
import { run } from '../test/support/go-fixture.ts';
import { GO } from '../test/support/go-shop.ts';

const program = `package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
)

// Each edit adds an init: the program (and its test binary) changes, so no result is cached.
var edits []string

func main() {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	defer s.Close()
	resp, err := http.Get(s.URL)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.Status)
}
`;

const editRuns = Number(process.env.BENCH_EDIT_RUNS ?? 15);
const pauseMs = Number(process.env.BENCH_EDIT_PAUSE_MS ?? 500);
const work = mkdtempSync(join(tmpdir(), 'gw-bench-run-'));
// One copy each: the weave server reacts to saves in the trees it builds.
const src = { plain: join(work, 'src-plain'), woven: join(work, 'src-woven') };
for (const dir of Object.values(src)) {
  await run('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'go.mod'), 'module example.com/runbench\n\ngo 1.22\n');
  writeFileSync(join(dir, 'main.go'), program);
  writeFileSync(join(dir, 'main_test.go'), 'package main\n\nimport "testing"\n\nfunc TestEdits(t *testing.T) {\n\tif len(edits) == 0 {\n\t\tt.Fatal("no edit")\n\t}\n}\n');
}
const gw = await bundleGoWeave(work);
const base: NodeJS.ProcessEnv = { GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local', OTEL_TRACES_EXPORTER: 'none' };
const plainEnv = { ...base, GOCACHE: join(work, 'gocache-plain') };
const wovenEnv = { ...base, ...gw.env, GOCACHE: join(work, 'gocache-woven'), GOWEAVE_CACHE: join(work, 'weave-cache') };
const noAheadEnv = { ...wovenEnv, GOWEAVE_BUILD_AHEAD: '0' };
const plain = (cmd: string) => () => timed(GO, [cmd, '.'], src.plain, plainEnv);
const woven = (cmd: string, env: NodeJS.ProcessEnv) => () => timed(gw.cmd[0], [...gw.cmd.slice(1), cmd, '.'], src.woven, env);

console.log(`go run, go test and go vet after a code edit (Go: ${(await run(GO, ['version'])).stdout.trim()})`);
let n = 0;
const edit = (side: 'plain' | 'woven') => appendFileSync(join(src[side], 'main.go'), `\nfunc init() { edits = append(edits, "${n++}") }\n`);
edit('plain');
edit('woven');
for (const cmd of ['run', 'test', 'vet']) {
  // Warm both caches, and the weave server (the first edits go through Node and start it).
  for (let i = 0; i < 3; i++) {
    await plain(cmd)();
    await woven(cmd, wovenEnv)();
  }
  const rows: { what: string; pause: number; env: NodeJS.ProcessEnv }[] = [
    { what: 'at once', pause: 0, env: wovenEnv },
    { what: `${pauseMs} ms later (built ahead)`, pause: pauseMs, env: wovenEnv },
    { what: `${pauseMs} ms later, GOWEAVE_BUILD_AHEAD=0`, pause: pauseMs, env: noAheadEnv },
  ];
  for (const row of rows) {
    const editThen = async (side: 'plain' | 'woven', go: () => Promise<number>) => {
      edit(side);
      await sleep(row.pause);
      return go();
    };
    // Builds ahead follow the command line run last: the first run of a row's line makes it that.
    await editThen('woven', woven(cmd, row.env));
    const [p, w] = await interleaved(editRuns, () => editThen('plain', plain(cmd)), () => editThen('woven', woven(cmd, row.env)));
    console.log(`  edit, go ${cmd} ${row.what}: plain ${fmt(median(p))}  woven ${fmt(median(w))}  ratio ${(median(w) / median(p)).toFixed(3)}×  (median of ${editRuns}; ${delta(median(w) - median(p))} per edit)`);
  }
}
console.log(`  (work dir ${work}; remove it when done: rm -rf ${work})`);
