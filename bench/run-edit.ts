// go run, go test and go vet after editing code, go-weave ÷ plain go: a small program that starts an
// HTTP server and client and exits, its test, and the test of a package beside it that uses no
// net/http, edited and run again, at once and a moment later (when the weave server has built it
// ahead into go's cache: a go run's link, a go test's compiles, a go vet's findings), and with
// building ahead off.
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
  // A package that uses no net/http, as most packages with tests: its woven test binary has the
  // runtime, and the OTLP exporter only when the environment asks for it.
  await run('mkdir', ['-p', join(dir, 'lib')]);
  writeFileSync(join(dir, 'lib', 'lib.go'), 'package lib\n\nvar Edits []string\n');
  writeFileSync(join(dir, 'lib', 'lib_test.go'), 'package lib\n\nimport "testing"\n\nfunc TestEdits(t *testing.T) {\n\tif len(Edits) == 0 {\n\t\tt.Fatal("no edit")\n\t}\n}\n');
}
const gw = await bundleGoWeave(work);
const base: NodeJS.ProcessEnv = { GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local', OTEL_TRACES_EXPORTER: 'none' };
const plainEnv = { ...base, GOCACHE: join(work, 'gocache-plain') };
const wovenEnv = { ...base, ...gw.env, GOCACHE: join(work, 'gocache-woven'), GOWEAVE_CACHE: join(work, 'weave-cache') };
const noAheadEnv = { ...wovenEnv, GOWEAVE_BUILD_AHEAD: '0' };
const plain = (cmd: string, pkg: string) => () => timed(GO, [cmd, pkg], src.plain, plainEnv);
const woven = (cmd: string, pkg: string, env: NodeJS.ProcessEnv) => () => timed(gw.cmd[0], [...gw.cmd.slice(1), cmd, pkg], src.woven, env);

console.log(`go run, go test and go vet after a code edit (Go: ${(await run(GO, ['version'])).stdout.trim()})`);
let n = 0;
// Each edit adds an init to the target's file: its program or test binary changes, so no result is cached.
const targets = [
  { cmd: 'run', pkg: '.', file: 'main.go', slice: 'edits' },
  { cmd: 'test', pkg: '.', file: 'main.go', slice: 'edits' },
  { cmd: 'test', pkg: './lib', file: join('lib', 'lib.go'), slice: 'Edits' },
  { cmd: 'vet', pkg: '.', file: 'main.go', slice: 'edits' },
];
for (const t of targets) {
  const edit = (side: 'plain' | 'woven') => appendFileSync(join(src[side], t.file), `\nfunc init() { ${t.slice} = append(${t.slice}, "${n++}") }\n`);
  edit('plain');
  edit('woven');
  const line = `go ${t.cmd}${t.pkg === '.' ? '' : ` ${t.pkg}`}`;
  // Warm both caches, and the weave server (the first edits go through Node and start it).
  for (let i = 0; i < 3; i++) {
    await plain(t.cmd, t.pkg)();
    await woven(t.cmd, t.pkg, wovenEnv)();
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
    await editThen('woven', woven(t.cmd, t.pkg, row.env));
    const [p, w] = await interleaved(editRuns, () => editThen('plain', plain(t.cmd, t.pkg)), () => editThen('woven', woven(t.cmd, t.pkg, row.env)));
    console.log(`  edit, ${line} ${row.what}: plain ${fmt(median(p))}  woven ${fmt(median(w))}  ratio ${(median(w) / median(p)).toFixed(3)}×  (median of ${editRuns}; ${delta(median(w) - median(p))} per edit)`);
  }
}
console.log(`  (work dir ${work}; remove it when done: rm -rf ${work})`);
