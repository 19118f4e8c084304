import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { goWeave, tempDir } from './support/go-tool.ts';

const ASPECTS = `aspects:
  - id: hello.prologue
    join-point:
      function-body:
        function: [{name: Hello}]
    advice:
      - prepend-statements:
          imports: {fmt: fmt}
          template: fmt.Println("woven")
`;

function fixture() {
  const dir = tempDir('cli');
  writeFileSync(join(dir, 'aspects.yml'), ASPECTS);
  writeFileSync(join(dir, 'a.go'), 'package lib\n\nfunc Hello() {}\n');
  writeFileSync(join(dir, 'b.go'), 'package lib\n\nfunc Other() {}\n');
  return dir;
}

test('weave prints one woven file to stdout', () => {
  const dir = fixture();
  const r = goWeave(['weave', '-c', 'aspects.yml', '-p', 'example.com/lib', 'a.go'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\/\/go-weave:woven\n\/\/line a\.go:1:1\npackage lib; import \(__weave_fmt "fmt"\)/);
  assert.match(r.stdout, /__weave_fmt\.Println\("woven"\)\n\/\/line a\.go:3:15\n/);
});

test('weave -o writes every file of the package and --report says what changed', () => {
  const dir = fixture();
  const r = goWeave(['weave', '-c', 'aspects.yml', '-p', 'example.com/lib', '-o', 'out', '--report', 'report.json', 'a.go', 'b.go'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(join(dir, 'out', 'a.go'), 'utf8'), /Println\("woven"\)/);
  assert.equal(readFileSync(join(dir, 'out', 'b.go'), 'utf8'), 'package lib\n\nfunc Other() {}\n');
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { files: { path: string; woven: boolean }[]; addedImports: string[]; joinPoints: number; aspects: string[] };
  assert.deepEqual(report.files.map((f) => [f.path, f.woven]), [['a.go', true], ['b.go', false]]);
  assert.deepEqual(report.addedImports, ['fmt']);
  assert.equal(report.joinPoints, 1);
  assert.deepEqual(report.aspects, ['hello.prologue']);
});

test('aspects lists what each aspect selects, and --hash follows the configuration', () => {
  const dir = fixture();
  const list = goWeave(['aspects', '-c', 'aspects.yml'], { cwd: dir });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /hello\.prologue\n {2}selects: body of func Hello\n {2}advice: {2}prepend-statements\n/);
  const builtins = goWeave(['aspects'], { cwd: dir });
  assert.match(builtins.stdout, /^http\.server$/m);
  assert.match(builtins.stdout, /^weave\.span$/m);
  assert.doesNotMatch(builtins.stdout, /never applies/);
  writeFileSync(join(dir, 'tm.yml'), 'aspects:\n  - id: tm\n    join-point:\n      all-of: [{test-main: true}, {package-name: main}]\n    advice: [{add-blank-import: unsafe}]\n');
  assert.match(goWeave(['aspects', '-c', 'tm.yml'], { cwd: dir }).stdout, /^tm\n {2}selects: test main and package named main\n.*\n.*\n {2}note: {4}never applies: the go command generates test mains/m);
  const h1 = goWeave(['aspects', '--hash', '-c', 'aspects.yml'], { cwd: dir }).stdout.trim();
  writeFileSync(join(dir, 'aspects.yml'), '# a comment moves lines but changes nothing\n' + ASPECTS);
  const h2 = goWeave(['aspects', '--hash', '-c', 'aspects.yml'], { cwd: dir }).stdout.trim();
  writeFileSync(join(dir, 'aspects.yml'), ASPECTS.replace('"woven"', '"changed"'));
  const h3 = goWeave(['aspects', '--hash', '-c', 'aspects.yml'], { cwd: dir }).stdout.trim();
  assert.match(h1, /^[0-9a-f]{64}$/);
  assert.equal(h1, h2);
  assert.notEqual(h1, h3);
});

test('--main-module makes aspects limited to the main module apply', () => {
  const dir = fixture();
  // //weave:span applies in the main module only.
  writeFileSync(join(dir, 'c.go'), 'package lib\n\n//weave:span\nfunc Quit() int { return 3 }\n');
  const plain = goWeave(['weave', '-p', 'example.com/lib', 'c.go'], { cwd: dir });
  const main = goWeave(['weave', '-p', 'example.com/lib', '--main-module', 'c.go'], { cwd: dir });
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(main.code, 0, main.stderr);
  assert.doesNotMatch(plain.stdout, /__weave_trace\./);
  assert.match(main.stdout, /__weave_trace\.Start\(/);
});

test('a missing go toolchain is a clear error, woven or passed through, never an internal one', () => {
  const dir = tempDir('cli');
  writeFileSync(join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
  writeFileSync(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
  for (const args of [['build', '.'], ['go', 'mod', 'tidy']]) {
    const r = goWeave(args, { cwd: dir, env: { ...process.env, GOWEAVE_GO: join(dir, 'no-go'), GOWEAVE_CACHE: join(dir, '.weave') } });
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr, `go-weave: cannot run "${join(dir, 'no-go')}": not found (set GOWEAVE_GO to the go binary, or put go on PATH)\n`);
  }
});
