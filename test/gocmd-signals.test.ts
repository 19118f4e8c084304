// A woven program that handles SIGTERM itself, through signal.Notify or signal.NotifyContext (or
// through a dependency that does, as a framework's graceful stop or a reload on SIGHUP), keeps
// control of how it ends; one that does not still dies of the signal, after a flush.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { removeTree, writeTree } from './support/go-fixture.ts';
import { goWeave } from './support/go-shop.ts';

// After the signal the program takes its time before returning: were the runtime to end the
// process on its own, "graceful" would never be printed.
const MAIN = `package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/stopper"
)

//weave:span
func work() int { return 42 }

func main() {
	work()
	switch os.Args[1] {
	case "context":
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		defer stop()
		fmt.Println("ready")
		<-ctx.Done()
	case "channel":
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, syscall.SIGTERM)
		fmt.Println("ready")
		<-ch
	case "dependency":
		stopper.Listen()
		fmt.Println("ready")
		fmt.Println("stopper got", stopper.Wait())
	default:
		fmt.Println("ready")
		time.Sleep(time.Minute)
	}
	time.Sleep(300 * time.Millisecond)
	fmt.Println("graceful")
}
`;

let dir = '';
let bin = '';

before(async () => {
  dir = writeTree({
    'go.mod': 'module example.com/sig\n\ngo 1.22\n\nrequire example.com/stopper v0.0.0\n\nreplace example.com/stopper => ./stopper\n',
    'main.go': MAIN,
    // A dependency that waits for the signals itself, as fx's or kratos' Run does.
    'stopper/go.mod': 'module example.com/stopper\n\ngo 1.22\n',
    // It asks for them before the program says it is ready: a signal sent earlier would end a
    // plain build of the program as well.
    'stopper/stopper.go': 'package stopper\n\nimport (\n\t"os"\n\t"os/signal"\n\t"syscall"\n)\n\nvar ch = make(chan os.Signal, 1)\n\nfunc Listen() {\n\tsignal.Notify(ch, syscall.SIGTERM, syscall.SIGHUP)\n}\n\nfunc Wait() os.Signal {\n\treturn <-ch\n}\n',
  }, 'gw-signals-');
  bin = join(dir, 'sig');
  const r = await goWeave(['build', '-o', bin, '.'], { cwd: dir, env: { GOWEAVE_CACHE: join(dir, '.weave'), GOFLAGS: '-buildvcs=false' } });
  assert.equal(r.code, 0, r.stdout + r.stderr);
});
after(() => removeTree(dir));

async function terminate(mode: string, sig: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const child = spawn(bin, [mode], { env: { ...process.env, OTEL_TRACES_EXPORTER: 'console' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const closed = once(child, 'close');
  await new Promise<void>((ready, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('ready')) ready();
    });
    child.on('close', () => fail(new Error(`exited before it was ready:\n${stderr}`)));
  });
  child.kill(sig);
  const [code, signal] = (await closed) as [number | null, string | null];
  return { code, signal, stdout, stderr };
}

for (const mode of ['context', 'channel']) {
  test(`signal.${mode === 'context' ? 'NotifyContext' : 'Notify'}: the program ends as it chooses, and its spans are exported`, async () => {
    const r = await terminate(mode);
    assert.equal(r.signal, null, r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /graceful/);
    assert.match(r.stderr, /"name":"main\.work"/);
  });
}

for (const sig of ['SIGTERM', 'SIGHUP'] as const) {
  test(`a dependency that waits for ${sig} itself keeps control of the program's end`, async () => {
    const r = await terminate('dependency', sig);
    assert.equal(r.signal, null, r.stderr);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`stopper got ${sig === 'SIGTERM' ? 'terminated' : 'hangup'}\\ngraceful`));
    assert.match(r.stderr, /"name":"main\.work"/);
  });
}

for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  test(`a program without a handler still dies of ${sig}, after its spans are exported`, async () => {
    const r = await terminate('none', sig);
    assert.equal(r.signal, sig, r.stderr);
    assert.doesNotMatch(r.stdout, /graceful/);
    assert.match(r.stderr, /"name":"main\.work"/);
  });
}
