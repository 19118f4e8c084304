// Build time of the example service (examples/service), go-weave ÷ plain go build.
// Usage: node --import tsx bench/build-example.ts   (BENCH_COLD_RUNS, BENCH_WARM_RUNS, BENCH_EDIT_RUNS, BENCH_EDIT_PAUSE_MS, BENCH_GO_PHASES)
import { join } from 'node:path';
import { benchBuild } from './build-lib.ts';
import { SHOP } from '../test/support/go-shop.ts';

await benchBuild({ name: 'example', dir: SHOP, packages: ['./cmd/frontend', './cmd/inventory'], editFile: join('internal', 'pricing', 'pricing.go') });
