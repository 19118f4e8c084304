import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { goWeave, tempDir } from './support/go-tool.ts';

const GOOD_GO = 'package main\n\nfunc main() {\n\tprintln("hi")\n}\n';
const PREPEND = (tmpl: string) => `aspects:\n  - id: p\n    join-point:\n      function-body:\n        function: [{name: main}]\n    advice:\n      - prepend-statements:\n          template: '${tmpl}'\n`;

interface Case { name: string; aspects?: string; go?: string; extraArgs?: string[]; files?: Record<string, string>; expect: RegExp }

const cases: Case[] = [
  { name: 'malformed YAML', aspects: 'aspects:\n  - id: x\n   join-point: {', expect: /aspects\.yml:\d+:\d+: invalid YAML/ },
  { name: 'unknown join point', aspects: 'aspects:\n  - id: x\n    join-point:\n      function-cal: fmt.Println\n    advice:\n      - add-blank-import: unsafe\n', expect: /aspects\.yml:4:7: unknown join point "function-cal"/ },
  { name: 'unknown advice', aspects: 'aspects:\n  - id: x\n    join-point:\n      package-name: main\n    advice:\n      - prepend-statement: {template: x}\n', expect: /aspects\.yml:6:9: unknown advice "prepend-statement"/ },
  { name: 'missing id', aspects: 'aspects:\n  - join-point:\n      package-name: main\n    advice:\n      - add-blank-import: unsafe\n', expect: /aspects\.yml:2:5: an aspect needs an id/ },
  { name: 'duplicate id', aspects: 'aspects:\n  - id: a\n    join-point: {package-name: main}\n    advice: [{add-blank-import: unsafe}]\n  - id: a\n    join-point: {package-name: main}\n    advice: [{add-blank-import: unsafe}]\n', expect: /aspects\.yml:5:5: duplicate aspect id "a"/ },
  { name: 'bad qualified name', aspects: 'aspects:\n  - id: a\n    join-point:\n      function-call: Println\n    advice: [{replace-function: fmt.Print}]\n', expect: /aspects\.yml:4:22: expected the called function as a qualified name/ },
  { name: 'advice that cannot apply', aspects: 'aspects:\n  - id: a\n    join-point:\n      function-call: fmt.Println\n    advice:\n      - add-struct-field: {name: X, type: int}\n', expect: /aspects\.yml:6:9: advice add-struct-field cannot apply to a call/ },
  { name: 'template syntax error', aspects: PREPEND('fmt.Println({{ .Function.Name )'), expect: /aspects\.yml:8:\d*:? ?template: unclosed action/ },
  { name: 'template unknown field', aspects: PREPEND('println({{ .Function.Nope }})'), expect: /aspects\.yml:8: template: can't evaluate field Nope/ },
  { name: 'template producing invalid Go', aspects: PREPEND('if {'), expect: /aspects\.yml:8: template produced invalid Go \(statements\)/ },
  { name: 'unparsable Go file', go: 'package main\n\nfunc main() {\n\tx := \n}\n', aspects: PREPEND('println(1)'), expect: /input\.go:4:\d+: syntax error/ },
  { name: 'missing Go file', aspects: PREPEND('println(1)'), extraArgs: ['nope.go'], expect: /no such file: nope\.go/ },
  { name: 'missing aspect file', extraArgs: ['-c', 'missing.yml'], expect: /aspect file not found: missing\.yml/ },
  { name: 'missing extends target', aspects: 'extends: [./other.yml]\n', expect: /aspects\.yml:1:11: aspect file not found: \S*other\.yml/ },
  { name: 'disable of an unknown id', aspects: 'disable: [no.such]\n', expect: /aspects\.yml:1:11: unknown aspect id "no\.such" in disable/ },
  {
    name: 'conflicting advice',
    aspects: 'aspects:\n  - id: one\n    join-point: {function-call: strings.ToUpper}\n    advice: [{replace-function: strings.ToLower}]\n  - id: two\n    join-point: {function-call: strings.ToUpper}\n    advice: [{replace-function: strings.TrimSpace}]\n',
    go: 'package main\n\nimport "strings"\n\nfunc main() { println(strings.ToUpper("x")) }\n',
    expect: /input\.go:5:23: conflicting advice: aspects "(one|two)" and "(one|two)"/,
  },
  { name: 'all-of of incompatible kinds', aspects: 'aspects:\n  - id: a\n    join-point:\n      all-of:\n        - function-call: fmt.Println\n        - struct-definition: main.T\n    advice: [{add-blank-import: unsafe}]\n', expect: /aspects\.yml:4:7: all-of combines join points that select different kinds/ },
  { name: 'unknown flag', aspects: PREPEND('println(1)'), extraArgs: ['--frobnicate'], expect: /unknown flag --frobnicate/ },
];

test(`bad input: ${cases.length} cases exit non-zero with file:line and write nothing`, async (t) => {
  assert.ok(cases.length >= 15);
  for (const c of cases) {
    await t.test(c.name, () => {
      const dir = tempDir('err');
      if (c.aspects !== undefined) writeFileSync(join(dir, 'aspects.yml'), c.aspects);
      writeFileSync(join(dir, 'input.go'), c.go ?? GOOD_GO);
      const out = join(dir, 'out');
      const args = ['weave', ...(c.aspects !== undefined ? ['-c', 'aspects.yml'] : []), '-o', out, ...(c.extraArgs ?? []), ...(c.extraArgs?.some((a) => a.endsWith('.go')) ? [] : ['input.go'])];
      const r = goWeave(args, { cwd: dir });
      assert.notEqual(r.code, 0, `expected failure, got success: ${r.stdout}`);
      assert.match(r.stderr, c.expect);
      assert.ok(!r.stderr.includes('internal error'), r.stderr);
      assert.ok(!existsSync(out) || readdirSync(out).length === 0, 'nothing may be written on error');
    });
  }
});
