import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadAspectFiles, weavePackage } from '../weaver/src/index.ts';
import { run, tempDir } from './support/go-tool.ts';
import { stdPackages } from './support/std-packages.ts';

// A prologue in every function body of the standard library. It uses no import, so it can go
// anywhere, runtime included, and it names the function so each insertion is distinct.
const ASPECTS = `aspects:
  - id: everywhere
    join-point:
      function-body:
        function: []
    advice:
      - prepend-statements:
          template: |
            if __weaveNever {
            	println({{ printf "%q" .Function.Name }})
            }
      - inject-declarations:
          template: 'var __weaveNever = false'
`;

test('whole standard library: woven into every function body, compiled, and its own tests pass', { timeout: 1_200_000 }, async () => {
  const dir = tempDir('std');
  writeFileSync(join(dir, 'aspects.yml'), ASPECTS);
  const set = loadAspectFiles([join(dir, 'aspects.yml')]);
  const replace: Record<string, string> = {};
  let functions = 0;
  let files = 0;
  for (const pkg of stdPackages()) {
    if (pkg.files.length === 0) continue;
    const res = await weavePackage(set, { importPath: pkg.importPath, name: pkg.name, standard: true, files: pkg.files });
    res.files.forEach((f, i) => {
      if (!f.changed) return;
      const out = join(dir, 'woven', pkg.importPath, `${i}.go`);
      mkdirSync(join(out, '..'), { recursive: true });
      writeFileSync(out, f.source);
      replace[f.path] = out;
      files++;
    });
    // One join point per function body, plus the package-wide declaration.
    functions += res.joinPoints - 1;
  }
  console.log(`woven: ${functions} function bodies in ${files} files of the standard library`);
  assert.ok(functions > 15_000, `expected tens of thousands of functions, got ${functions}`);
  const overlay = join(dir, 'overlay.json');
  writeFileSync(overlay, JSON.stringify({ Replace: replace }));
  const env = { GOCACHE: join(dir, 'gocache') };
  const build = run('go', ['build', `-overlay=${overlay}`, 'std'], { cwd: dir, env });
  assert.equal(build.code, 0, build.stderr.slice(0, 4000));
  const sample = ['strings', 'strconv', 'sort', 'bytes', 'encoding/json', 'container/list', 'unicode/utf8', 'errors', 'path'];
  const tests = run('go', ['test', '-count=1', `-overlay=${overlay}`, ...sample], { cwd: dir, env });
  assert.equal(tests.code, 0, tests.stdout.slice(-4000) + tests.stderr.slice(-4000));
  for (const p of sample) assert.match(tests.stdout, new RegExp(`^ok\\s+${p.replace('/', '\\/')}\\s`, 'm'));
});
