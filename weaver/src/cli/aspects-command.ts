import { aspectSetHash } from '../aspects/load.js';
import type { JoinPoint } from '../aspects/types.js';
import { aspectsFor } from './weave-command.js';
import { testMainOnlyAspects } from '../weave.js';

function describe(jp: JoinPoint): string {
  switch (jp.kind) {
    case 'all-of': return jp.of.map(describe).join(' and ');
    case 'one-of': return '(' + jp.of.map(describe).join(' or ') + ')';
    case 'not': return 'not ' + describe(jp.of);
    case 'import-path': return `package ${jp.path}`;
    case 'package-name': return `package named ${jp.name}`;
    case 'package-filter': return `packages matching ${jp.pattern}${jp.root ? ' (main module)' : ''}`;
    case 'test-main': return jp.value ? 'test main' : 'not test main';
    case 'directive': return `//${jp.name}`;
    case 'function': {
      const o = jp.options;
      const parts = [o.name !== undefined ? (o.name === '' ? 'function literals' : `func ${o.name}`) : 'functions'];
      if (o.receiver !== undefined) parts.push(typeof o.receiver === 'boolean' ? (o.receiver ? 'methods' : 'non-methods') : `on ${o.receiver.pointer ? '*' : ''}${o.receiver.pkg}.${o.receiver.name}`);
      if (o.signature) parts.push(`signature (${o.signature.args.join(', ')}) (${o.signature.returns.join(', ')})`);
      if (o.signatureContains) parts.push(`signature containing (${o.signatureContains.args.join(', ')}) (${o.signatureContains.returns.join(', ')})`);
      return parts.join(' ');
    }
    case 'function-body': return `body of ${describe(jp.of)}`;
    case 'function-call': return `calls to ${jp.target.pkg}.${jp.target.name}`;
    case 'method-call': return `calls to (${jp.receiver.pointer ? '*' : ''}${jp.receiver.pkg}.${jp.receiver.name}).${jp.name}`;
    case 'struct-definition': return `struct ${jp.type.pkg}.${jp.type.name}`;
    case 'struct-literal': return `${jp.match === 'pointer-only' ? '&' : ''}${jp.type.pkg}.${jp.type.name}{}${jp.field ? ' field ' + jp.field : ''}`;
    case 'declaration-of': return `declaration of ${jp.target.pkg}.${jp.target.name}`;
    case 'value-declaration': return `package-level values of type ${jp.type}`;
  }
}

/** `go-weave aspects`: what each aspect selects and does; `--hash` prints the configuration hash. */
export function aspectsCommand(argv: string[], stdout: (s: string) => void): number {
  const configs: string[] = [];
  let hash = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-c' || argv[i] === '--config') configs.push(argv[++i]);
    else if (argv[i] === '--hash') hash = true;
    else throw new Error(`unknown argument ${argv[i]}; usage: go-weave aspects [-c ASPECTS.yml]… [--hash]`);
  }
  const set = aspectsFor(configs);
  if (hash) { stdout(aspectSetHash(set) + '\n'); return 0; }
  const testMainOnly = new Set(testMainOnlyAspects(set));
  for (const a of set.aspects) {
    stdout(`${a.id}\n  selects: ${describe(a.joinPoint)}\n  advice:  ${a.advice.map((x) => x.kind).join(', ')}\n  from:    ${a.origin.file}:${a.origin.line}\n`);
    if (testMainOnly.has(a.id)) stdout('  note:    never applies: the go command generates test mains where go-weave cannot weave; join TestMain instead\n');
  }
  stdout(`${set.aspects.length} aspect(s)\n`);
  return 0;
}
