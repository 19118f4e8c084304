// The parts of a woven coverage build that need no go build: which commands cover, the -toolexec
// flag (with the user's own inside it), cover's command line, and the script's tool ID answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGoArgs } from '../weaver/src/gocmd/args.ts';
import { coverPlan, covers, parseCoverArgs, splitQuoted, toolexecFlag, toolexecScript } from '../weaver/src/gocmd/coverweave.ts';
import { removeTree, run, writeTree } from './support/go-fixture.ts';

test('a command covers with -cover, -coverpkg, -covermode, or go test -coverprofile, in GOFLAGS too', () => {
  const c = (sub: string, args: string[], goflags?: string) => covers(parseGoArgs(sub, args), goflags);
  assert.equal(c('build', ['./...']), false);
  assert.equal(c('build', ['-cover', '.']), true);
  assert.equal(c('build', ['-cover=false', '.']), false);
  assert.equal(c('test', ['-coverpkg=./...', './...']), true);
  assert.equal(c('test', ['-covermode', 'atomic', '.']), true);
  assert.equal(c('test', ['-coverprofile', 'c.out', '.']), true);
  assert.equal(c('test', ['.'], '-cover'), true);
  assert.equal(c('test', ['-cover=false', '.'], '-cover'), false);
  assert.equal(c('run', ['.', '-cover']), false, 'an argument of the program');
});

test('the -toolexec flag carries the plan and the user\'s own -toolexec, which leaves the arguments', () => {
  const parsed = parseGoArgs('test', ['-toolexec', "'/opt/my tool' -v", '-cover', './...']);
  const t = toolexecFlag(parsed, undefined, '/c/go-weave-toolexec', '/c/plan.json');
  assert.equal(t.flag, "-toolexec=/c/go-weave-toolexec /c/plan.json 2 '/opt/my tool' -v");
  assert.deepEqual(t.rest, ['-cover', './...']);
  assert.deepEqual(splitQuoted(t.flag.slice('-toolexec='.length)), ['/c/go-weave-toolexec', '/c/plan.json', '2', '/opt/my tool', '-v']);
  // One in GOFLAGS would lose to ours on the command line: it runs inside ours as well.
  const g = toolexecFlag(parseGoArgs('build', ['-cover', '.']), '-toolexec=/bin/time', "/a b/script", '/p');
  assert.equal(g.flag, "-toolexec='/a b/script' /p 1 /bin/time");
  assert.deepEqual(g.rest, ['-cover', '.']);
});

test('cover\'s command line: flags, then the files; the outputs are listed in -outfilelist', () => {
  assert.deepEqual(parseCoverArgs(['-pkgcfg', '/w/pkgcfg.txt', '-mode', 'set', '-var', 'goCover_1_', '-outfilelist', '/w/out.txt', '/m/a.go', '/m/b.go']), { outfileList: '/w/out.txt', infiles: ['/m/a.go', '/m/b.go'] });
  assert.deepEqual(parseCoverArgs(['-mode=atomic', '-outfilelist=/w/o', '/m/a.go']), { outfileList: '/w/o', infiles: ['/m/a.go'] });
  assert.equal(parseCoverArgs(['-V=full']), undefined);
});

test('the plan keeps the woven non-test files of each unit, where the go command will name them', () => {
  const units = [
    { id: 'a', ref: { importPath: 'm/a' }, files: ['/m/a/a.go', '/m/a/b.go'], targets: ['/m/a/a.go', '/m/a/b.go'] },
    { id: 'a [a.test]', ref: { importPath: 'm/a' }, files: ['/m/a/a.go', '/m/a/b.go', '/m/a/a_test.go'], targets: ['/m/a/a_test.go'] },
    { id: 'c', ref: { importPath: 'm/c' }, files: ['/mc/c.go'], targets: ['/mc/c.go'] },
  ];
  const overlay = new Map([['/m/a/a.go', '/w/1'], ['/m/a/a_test.go', '/w/2'], ['/mc/c.go', '/w/3']]);
  const plan = coverPlan(units, overlay, (f) => (f.startsWith('/mc/') ? undefined : '/ws' + f));
  assert.deepEqual(plan, { units: [{ ref: { importPath: 'm/a' }, files: ['/m/a/a.go', '/m/a/b.go'] }], woven: { '/ws/m/a/a.go': 0 } });
});

test('the script runs other tools as they are, and names go-weave in cover\'s tool ID', async () => {
  const dir = writeTree({}, 'gw-cover-script-');
  try {
    const script = join(dir, 'toolexec');
    writeFileSync(script, toolexecScript(['/nonexistent/node', '/nonexistent/go-weave.cjs'], 'f'.repeat(64)), { mode: 0o755 });
    const tool = (name: string, answer: string) => {
      const p = join(dir, name);
      writeFileSync(p, `#!/bin/sh\necho "${answer}"\n`, { mode: 0o755 });
      return p;
    };
    const compile = tool('compile', 'compile version go1.26.8');
    assert.equal((await run(script, ['/plan', '0', compile, '-V=full'])).stdout, 'compile version go1.26.8\n');
    const cover = tool('cover', 'cover version go1.26.8');
    assert.equal((await run(script, ['/plan', '0', cover, '-V=full'])).stdout, `cover version go1.26.8 go-weave/${'f'.repeat(16)}\n`);
    // A development toolchain's ID is the build ID that ends its answer, which must stay last.
    mkdirSync(join(dir, 'devel'));
    const devel = tool('devel/cover', 'cover version devel go1.27 buildID=abc');
    assert.equal((await run(script, ['/plan', '0', devel, '-V=full'])).stdout, 'cover version devel go1.27 buildID=abc\n');
    // Any other cover step goes to go-weave (absent here).
    assert.equal((await run(script, ['/plan', '0', cover, '-mode=set', 'a.go'])).code, 127);
    // The user's own -toolexec (one word here) runs the tool.
    const wrap = join(dir, 'wrap');
    writeFileSync(wrap, '#!/bin/sh\necho "wrapped $*"\n', { mode: 0o755 });
    assert.equal((await run(script, ['/plan', '1', wrap, compile, '-x'])).stdout, `wrapped ${compile} -x\n`);
  } finally {
    removeTree(dir);
  }
});
