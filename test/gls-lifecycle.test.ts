// The goroutine-local slot's life cycle in a program built with go-weave:gls:
// set by Start and restored by End, inherited by goroutines of goroutines,
// reset for goroutines created without a span (g structs are reused), and
// released when a goroutine exits (dead g structs stay reachable from the
// runtime's list of all goroutines, so only clearing the slot frees the span).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goWeave, run, tempDir } from './support/go-tool.ts';

const PROGRAM = `package main

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"time"
	"weak"

	"go-weave.dev/runtime/gls"
	"go-weave.dev/runtime/trace"
)

func check(name string, ok bool) {
	fmt.Printf("%s %v\\n", name, ok)
}

func main() {
	ctx, outer := trace.Start(context.Background(), "outer", trace.KindInternal)
	check("start-sets", gls.Span() == outer)
	_, inner := trace.Start(context.Background(), "inner", trace.KindInternal)
	check("nested-sets", gls.Span() == inner)
	inner.End()
	check("end-restores", gls.Span() == outer)

	var wg sync.WaitGroup
	var child, grandchild *trace.Span
	wg.Add(1)
	go func() {
		defer wg.Done()
		child = gls.Span()
		wg.Add(1)
		go func() {
			defer wg.Done()
			grandchild = gls.Span()
		}()
	}()
	wg.Wait()
	check("child-inherits", child == outer)
	check("grandchild-inherits", grandchild == outer)
	// A coroutine (iter.Pull) is started by the runtime (runtime.corostart)
	// but belongs to its creator.
	next, stop := iter.Pull(iter.Seq[*trace.Span](func(yield func(*trace.Span) bool) { yield(gls.Span()) }))
	inCoro, _ := next()
	stop()
	check("coroutine-inherits", inCoro == outer)
	_ = ctx
	outer.End()
	check("end-clears", gls.Span() == nil)

	// A goroutine that exits while its span is current: afterwards nothing
	// but the dead g could keep the span alive.
	// The first GC starts the mark workers; starting them later would reuse
	// the dead g (resetting its slot) and hide a missing clear.
	runtime.GC()
	var wp weak.Pointer[trace.Span]
	base := runtime.NumGoroutine()
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		_, s := trace.Start(context.Background(), "abandoned", trace.KindInternal)
		wp = weak.Make(s)
	}()
	<-exited
	for i := 0; i < 1000 && runtime.NumGoroutine() > base; i++ {
		time.Sleep(time.Millisecond)
	}
	runtime.GC()
	runtime.GC()
	check("exit-releases", wp.Value() == nil)

	// Reused g structs start clean when their creator has no span.
	clean := true
	var mu sync.Mutex
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if gls.Span() != nil {
				mu.Lock()
				clean = false
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	check("reuse-clean", clean)
}
`;

const dir = tempDir('gls-life');
after(() => rmSync(dir, { recursive: true, force: true }));

test('slot set, restored, inherited, reset and released', () => {
  writeFileSync(join(dir, 'go.mod'), 'module example.com/glslife\n\ngo 1.25\n');
  writeFileSync(join(dir, 'main.go'), PROGRAM);
  writeFileSync(join(dir, 'gls.yml'), 'extends: [go-weave:gls]\n');
  const bin = join(dir, 'glslife');
  const b = goWeave(['build', '-o', bin, '.'], { cwd: dir, env: { GOWEAVE_CONFIG: join(dir, 'gls.yml') } });
  assert.equal(b.code, 0, `${b.stdout}\n${b.stderr}`);
  const r = run(bin, [], { env: { OTEL_TRACES_EXPORTER: 'none', OTEL_SDK_DISABLED: '' } });
  assert.equal(r.code, 0, r.stderr);
  const results = Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split(' ')));
  assert.deepEqual(results, {
    'start-sets': 'true', 'nested-sets': 'true', 'end-restores': 'true', 'child-inherits': 'true',
    'grandchild-inherits': 'true', 'coroutine-inherits': 'true', 'end-clears': 'true', 'exit-releases': 'true', 'reuse-clean': 'true',
  });
});
