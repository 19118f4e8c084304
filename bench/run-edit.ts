// go run after editing code, go-weave ÷ plain go: a small program that starts an HTTP server and
// client and exits, edited and run again, at once and a moment later (when the weave server
// has linked it ahead into go's cache), and with building ahead off.
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
}
const gw = await bundleGoWeave(work);
const base: NodeJS.ProcessEnv = { GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local', OTEL_TRACES_EXPORTER: 'none' };
const plainEnv = { ...base, GOCACHE: join(work, 'gocache-plain') };
const wovenEnv = { ...base, ...gw.env, GOCACHE: join(work, 'gocache-woven'), GOWEAVE_CACHE: join(work, 'weave-cache') };
const noAheadEnv = { ...wovenEnv, GOWEAVE_BUILD_AHEAD: '0' };
const plainRun = () => timed(GO, ['run', '.'], src.plain, plainEnv);
const wovenRun = (env: NodeJS.ProcessEnv) => () => timed(gw.cmd[0], [...gw.cmd.slice(1), 'run', '.'], src.woven, env);

console.log(`go run after a code edit (Go: ${(await run(GO, ['version'])).stdout.trim()})`);
// Warm both caches, and the weave server (the first edits go through Node and start it).
for (let i = 0; i < 3; i++) {
  await plainRun();
  await wovenRun(wovenEnv)();
}
const rows: { what: string; pause: number; env: NodeJS.ProcessEnv }[] = [
  { what: 'at once', pause: 0, env: wovenEnv },
  { what: `${pauseMs} ms later (linked ahead)`, pause: pauseMs, env: wovenEnv },
  { what: `${pauseMs} ms later, GOWEAVE_BUILD_AHEAD=0`, pause: pauseMs, env: noAheadEnv },
];
let n = 0;
for (const row of rows) {
  const edit = async (side: 'plain' | 'woven', go: () => Promise<number>) => {
    appendFileSync(join(src[side], 'main.go'), `\nfunc benchEdit${n++}() string { return "${n}" }\n`);
    await sleep(row.pause);
    return go();
  };
  // Builds ahead follow the command line run last: the first run of a row's line makes it that.
  await edit('woven', wovenRun(row.env));
  const [p, w] = await interleaved(editRuns, () => edit('plain', plainRun), () => edit('woven', wovenRun(row.env)));
  console.log(`  edit, go run ${row.what}: plain ${fmt(median(p))}  woven ${fmt(median(w))}  ratio ${(median(w) / median(p)).toFixed(3)}×  (median of ${editRuns}; ${delta(median(w) - median(p))} per edit)`);
}
console.log(`  (work dir ${work}; remove it when done: rm -rf ${work})`);
