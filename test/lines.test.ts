import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { goWeave, run, tempDir } from './support/go-tool.ts';

// Every function gets several prepended lines and calls are wrapped in a multi-line literal, so
// any position drift would show in the stack trace.
const ASPECTS = `aspects:
  - id: prologue
    join-point:
      function-body:
        function: []
    advice:
      - prepend-statements:
          imports: {fmt: fmt}
          template: |
            __w := 1
            _ = __w
            fmt.Print("")
  - id: wrap
    join-point:
      function-call: strings.Repeat
    advice:
      - wrap-expression:
          template: |-
            func() string {
              s := {{ . }}
              return s
            }()
`;

const PROGRAM = `package main

import (
	"fmt"
	"strings"
)

type box struct{ n int }

func (b *box) explode(s string) {
	if len(s) > 3 { panic(fmt.Sprintf("boom: %s", s)) }
}

func middle(b *box) {
	s := strings.Repeat("é", b.n)   ; b.explode(s)
}

func main() {
	defer fmt.Println("deferred")
	middle(&box{n: 4})
}
`;

function frames(stderr: string): string[] {
  return [...stderr.matchAll(/\/(main\.go:\d+)/g)].map((m) => m[1]);
}

test('a panic in woven code reports the same file:line frames as the unwoven program', () => {
  const dir = tempDir('lines');
  writeFileSync(join(dir, 'go.mod'), 'module example.com/lines\n\ngo 1.25\n');
  writeFileSync(join(dir, 'aspects.yml'), ASPECTS);
  mkdirSync(join(dir, 'plain'));
  mkdirSync(join(dir, 'woven'));
  writeFileSync(join(dir, 'plain', 'main.go'), PROGRAM);
  const w = goWeave(['weave', '-c', 'aspects.yml', '-o', 'woven', join(dir, 'plain', 'main.go')], { cwd: dir });
  assert.equal(w.code, 0, w.stderr);

  const plain = run('go', ['run', './plain'], { cwd: dir });
  const woven = run('go', ['run', './woven'], { cwd: dir });
  assert.notEqual(plain.code, 0);
  assert.notEqual(woven.code, 0);
  assert.match(woven.stderr, /panic: boom: éééé/);
  const expected = frames(plain.stderr);
  assert.deepEqual(expected.slice(0, 3), ['main.go:11', 'main.go:15', 'main.go:20']);
  // The woven binary was compiled from woven/main.go, yet every frame names the original file's lines.
  assert.ok(woven.stderr.includes(join(dir, 'plain', 'main.go') + ':11'), woven.stderr);
  assert.deepEqual(frames(woven.stderr), expected);
});
