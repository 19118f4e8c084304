// Build time of a larger real program, go-weave ÷ plain go build: the NATS server, fetched
// through the Go module proxy (`go mod download`), built from a writable copy.
// Usage: node --import tsx bench/build-large.ts   (BENCH_COLD_RUNS, BENCH_WARM_RUNS, BENCH_EDIT_RUNS, BENCH_EDIT_PAUSE_MS, BENCH_GO_PHASES)
import { join } from 'node:path';
import { benchBuild } from './build-lib.ts';
import { run } from '../test/support/go-fixture.ts';
import { GO } from '../test/support/go-shop.ts';

// go 1.24 in its go.mod: buildable by every Go we support (1.25, 1.26).
const MODULE = 'github.com/nats-io/nats-server/v2@v2.12.0';
const dl = await run(GO, ['mod', 'download', '-json', MODULE], { env: { ...process.env, GOFLAGS: '-mod=mod' } });
if (dl.code !== 0) throw new Error(`go mod download ${MODULE} failed:\n${dl.stdout}${dl.stderr}`);
const dir = (JSON.parse(dl.stdout) as { Dir: string }).Dir;
await benchBuild({ name: 'nats-server', dir, packages: ['.'], editFile: join('server', 'monitor.go') });
