// The Bazel rules' file selection (weaver/src/parse/constraints.ts) against the go command's:
// one package of files with every kind of constraint, listed by `go list` for several targets
// and tag sets, must split into the same compiled and ignored files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { type BuildContext, excludedBecause, importsC, parseBuildContext } from '../weaver/src/parse/constraints.ts';
import { WeaveError } from '../weaver/src/errors.ts';

const FILES: Record<string, string> = {
  'a.go': 'package p\n',
  'linux.go': 'package p\n',
  'x_linux.go': 'package p\n',
  'x_windows.go': 'package p\n',
  'x_arm64.go': 'package p\n',
  'x_amd64.go': 'package p\n',
  'x_linux_amd64.go': 'package p\n',
  'x_linux_arm64.go': 'package p\n',
  'x_darwin_amd64.go': 'package p\n',
  'y_linux_foo.go': 'package p\n',
  'z_android.go': 'package p\n',
  'z_ios.go': 'package p\n',
  'b_unix.go': '//go:build unix\n\npackage p\n',
  'c_tag.go': '//go:build mytag\n\npackage p\n',
  'd_nottag.go': '//go:build !mytag\n\npackage p\n',
  'e_expr.go': '// Copyright line\n\n//go:build (linux || darwin) && !(arm64 || other) && go1.21\n\npackage p\n',
  'f_future.go': '//go:build go1.99\n\npackage p\n',
  'g_ignore.go': '//go:build ignore\n\npackage main\n',
  'h_plus.go': '// +build linux,amd64 darwin\n\npackage p\n',
  'i_plus_no_blank.go': '// +build ignore\npackage p\n',
  'j_both.go': '//go:build linux\n// +build windows\n\npackage p\n',
  'k_cgo.go': '//go:build cgo\n\npackage p\n',
  'l_notcgo.go': '//go:build !cgo\n\npackage p\n',
  'm_importc.go': 'package p\n\n/*\nint one(void) { return 1; }\n*/\nimport "C"\n',
  'n_comment_c.go': 'package p\n\n// import "C"\nvar s = `import "C"`\n',
  'o_block.go': '/* a block comment */\n//go:build windows\n\npackage p\n',
  'p_gc.go': '//go:build gc && !gccgo\n\npackage p\n',
  'q_amd64v1.go': '//go:build amd64.v1\n\npackage p\n',
  '_hidden.go': 'package p\n',
  'r_doc.go': '// Package p has a doc comment right above the clause.\n// +build ignore\npackage p\n',
};

const dir = mkdtempSync(join(tmpdir(), 'gw-constraints-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'go.mod'), 'module example.com/p\n\ngo 1.25\n');
for (const [name, source] of Object.entries(FILES)) writeFileSync(join(dir, name), source);

// The same template as bazel/private/stdlib.sh writes.
const CONTEXT_TEMPLATE =
  'goos {{context.GOOS}}\ngoarch {{context.GOARCH}}\ncompiler {{context.Compiler}}\ncgo {{context.CgoEnabled}}\n' +
  'tags {{join context.ReleaseTags " "}} {{join context.ToolTags " "}} {{join context.BuildTags " "}}';

function goList(goos: string, goarch: string, cgo: boolean, tags: string[]): { ctx: BuildContext; compiled: string[] } {
  const env = { ...process.env, GOOS: goos, GOARCH: goarch, CGO_ENABLED: cgo ? '1' : '0', GOFLAGS: '', GOWORK: 'off' };
  const args = ['list', '-e', ...(tags.length ? ['-tags', tags.join(',')] : [])];
  const run = (format: string) => execFileSync('go', [...args, '-f', format, '.'], { cwd: dir, env, encoding: 'utf8' });
  const ctx = parseBuildContext(run(CONTEXT_TEMPLATE), 'go list');
  const compiled = run('{{join .GoFiles " "}} {{join .CgoFiles " "}}').trim().split(/\s+/).filter(Boolean).sort();
  return { ctx, compiled };
}

for (const [goos, goarch, cgo, tags] of [
  ['linux', 'amd64', false, []],
  ['linux', 'amd64', true, ['mytag']],
  ['linux', 'arm64', false, ['mytag', 'other']],
  ['darwin', 'amd64', false, []],
  ['windows', 'amd64', false, []],
  ['android', 'arm64', false, []],
  ['ios', 'arm64', false, []],
] as const) {
  test(`the files go list compiles for ${goos}/${goarch}, cgo ${cgo}, tags [${tags.join(',')}]`, () => {
    const { ctx, compiled } = goList(goos, goarch, cgo, [...tags]);
    const ours = Object.entries(FILES).filter(([name, source]) => excludedBecause(ctx, join(dir, name), source) === undefined).map(([n]) => n).sort();
    assert.deepEqual(ours, compiled);
  });
}

test('the reason names what excluded the file', () => {
  const ctx: BuildContext = { goos: 'linux', goarch: 'amd64', compiler: 'gc', cgo: false, tags: new Set(['go1.21']) };
  assert.equal(excludedBecause(ctx, 'p/x_windows.go', 'package p\n'), 'its name is for another GOOS/GOARCH than linux/amd64');
  assert.equal(excludedBecause(ctx, 'p/c.go', '//go:build mytag \n\npackage p\n'), '//go:build mytag');
  assert.equal(excludedBecause({ ...ctx, goarch: 'arm64' }, 'p/h.go', FILES['h_plus.go']), '// +build linux,amd64 darwin');
  assert.equal(excludedBecause(ctx, 'p/m.go', FILES['m_importc.go']), 'it imports "C" and cgo is off');
  assert.equal(excludedBecause(ctx, 'p/_x.go', 'package p\n'), 'its name starts with _ or .');
});

test('a malformed //go:build line is an error at its file, line and column', () => {
  const ctx: BuildContext = { goos: 'linux', goarch: 'amd64', compiler: 'gc', cgo: false, tags: new Set() };
  const cases: [string, RegExp][] = [
    ['// header\n\n//go:build linux &&\n\npackage p\n', /^p\/bad\.go:3:20: parsing \/\/go:build line: unexpected end of expression$/],
    ['//go:build (linux\n\npackage p\n', /^p\/bad\.go:1:12: parsing \/\/go:build line: missing close paren$/],
    ['//go:build !!linux\n\npackage p\n', /^p\/bad\.go:1:13: parsing \/\/go:build line: double negation not allowed$/],
    ['//go:build linux darwin\n\npackage p\n', /^p\/bad\.go:1:18: parsing \/\/go:build line: unexpected token darwin$/],
    ['//go:build linux\n//go:build darwin\n\npackage p\n', /^p\/bad\.go:2: multiple \/\/go:build comments$/],
    ['//go:build linux $x\n\npackage p\n', /^p\/bad\.go:1:18: parsing \/\/go:build line: invalid syntax at \$$/],
  ];
  for (const [source, message] of cases) {
    assert.throws(() => excludedBecause(ctx, 'p/bad.go', source), (e: unknown) => e instanceof WeaveError && message.test(e.message), source);
  }
});

test('go list rejects the same malformed lines', () => {
  const bad = mkdtempSync(join(tmpdir(), 'gw-constraints-bad-'));
  try {
    writeFileSync(join(bad, 'go.mod'), 'module example.com/bad\n\ngo 1.25\n');
    writeFileSync(join(bad, 'a.go'), 'package p\n');
    writeFileSync(join(bad, 'bad.go'), '//go:build linux &&\n\npackage p\n');
    const out = execFileSync('go', ['list', '-e', '-f', '{{.Error}}', '.'], { cwd: bad, encoding: 'utf8', env: { ...process.env, GOWORK: 'off' } });
    assert.match(out, /parsing \/\/go:build line: unexpected end of expression/);
  } finally {
    rmSync(bad, { recursive: true, force: true });
  }
});

test('import "C" is found in single and grouped imports, not in comments or strings', () => {
  assert.equal(importsC('package p\n\nimport "C"\n'), true);
  assert.equal(importsC('package p\n\nimport (\n\t"fmt"\n\t"C"\n)\n'), true);
  assert.equal(importsC('package p\n\n// import "C"\nimport "fmt"\n'), false);
  assert.equal(importsC('package p\n\nvar s = "import \\"C\\""\n'), false);
  assert.equal(importsC('package p\n\nimport "Cfoo"\n'), false);
});
