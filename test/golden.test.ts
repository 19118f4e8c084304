import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadAspectFiles, weavePackage } from '../weaver/src/index.ts';
import { REPO, run, tempDir } from './support/go-tool.ts';

const DIR = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(DIR).filter((d) => existsSync(join(DIR, d, 'input.go'))).sort();

interface Meta { importPath?: string; mainModule?: boolean; standard?: boolean }

async function weaveCase(name: string, source?: string): Promise<string> {
  const dir = join(DIR, name);
  const meta: Meta = existsSync(join(dir, 'meta.json')) ? JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta : {};
  const set = loadAspectFiles([join(dir, 'aspects.yml')]);
  const res = await weavePackage(set, {
    importPath: meta.importPath ?? `example.com/golden/${name}`, mainModule: meta.mainModule ?? true, standard: meta.standard,
    files: [{ path: 'input.go', source: source ?? readFileSync(join(dir, 'input.go'), 'utf8') }],
  });
  return res.files[0].source;
}

test(`golden cases (${cases.length}) weave to their expected output`, async (t) => {
  assert.ok(cases.length >= 40, `expected at least 40 golden cases, found ${cases.length}`);
  for (const name of cases) {
    await t.test(name, async () => {
      const got = await weaveCase(name);
      const expectedPath = join(DIR, name, 'expected.go');
      if (UPDATE || !existsSync(expectedPath)) writeFileSync(expectedPath, got);
      assert.equal(got, readFileSync(expectedPath, 'utf8'));
    });
  }
});

test('weaving woven output again changes nothing', async () => {
  for (const name of cases) {
    const expected = readFileSync(join(DIR, name, 'expected.go'), 'utf8');
    assert.equal(await weaveCase(name, expected), expected, name);
  }
});

test('every expected output compiles with the real go toolchain', () => {
  const mod = tempDir('golden');
  writeFileSync(join(mod, 'go.mod'), `module example.com/golden\n\ngo 1.25\n\nrequire go-weave.dev/runtime v0.0.0\n\nreplace go-weave.dev/runtime => ${join(REPO, 'runtime')}\n`);
  for (const name of cases) {
    mkdirSync(join(mod, name));
    writeFileSync(join(mod, name, 'input.go'), readFileSync(join(DIR, name, 'expected.go'), 'utf8'));
  }
  const r = run('go', ['build', './...'], { cwd: mod, env: { GOFLAGS: '-mod=mod' } });
  assert.equal(r.code, 0, `go build failed:\n${r.stderr}`);
});
