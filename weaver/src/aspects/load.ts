import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { assetPath } from '../assets.js';
import { WeaveError } from '../errors.js';
import { checkAdviceFits } from '../join/kinds.js';
import { compileTemplate } from '../template/index.js';
import { parseAspect } from './parse.js';
import type { Aspect, AspectSet } from './types.js';
import { YamlNode } from './yaml-node.js';

const BUILTIN_PREFIX = 'go-weave:';

/** Resolves an `extends` entry: `go-weave:NAME` is a built-in file, other paths are relative to the including file. */
export function resolveExtends(entry: string, from: string): string {
  if (entry.startsWith(BUILTIN_PREFIX)) return join(assetPath('aspects'), entry.slice(BUILTIN_PREFIX.length) + '.yml');
  return isAbsolute(entry) ? entry : resolve(dirname(from), entry);
}

interface Loaded { aspects: Aspect[]; disabled: { id: string; at: YamlNode }[]; files: string[] }

function loadFile(path: string, seen: Set<string>, stack: string[], includedFrom?: YamlNode): Loaded {
  const abs = resolve(path);
  if (stack.includes(abs)) (includedFrom ?? new YamlNode(null, abs, undefined as never, 0)).fail(`extends cycle: ${[...stack, abs].join(' -> ')}`);
  if (seen.has(abs)) return { aspects: [], disabled: [], files: [] };
  seen.add(abs);
  if (!existsSync(abs)) {
    if (includedFrom) includedFrom.fail(`aspect file not found: ${path}`);
    throw new WeaveError(`aspect file not found: ${path}`);
  }
  const root = YamlNode.parse(abs, readFileSync(abs, 'utf8'));
  const out: Loaded = { aspects: [], disabled: [], files: [abs] };
  if (root.node === null) return out;
  root.checkKeys(['meta', 'extends', 'aspects', 'disable'], 'an aspect file');
  if (!root.get('aspects') && !root.get('extends') && !root.get('disable')) root.fail('an aspect file needs "aspects" or "extends"');
  for (const e of root.get('extends')?.itemsOrOne('extends') ?? []) {
    const target = resolveExtends(e.string('a file to extend'), abs);
    const sub = loadFile(target, seen, [...stack, abs], e);
    out.aspects.push(...sub.aspects);
    out.disabled.push(...sub.disabled);
    out.files.push(...sub.files);
  }
  const ids = new Set<string>();
  const aspectsNode = root.get('aspects');
  for (const a of aspectsNode && aspectsNode.node !== null ? aspectsNode.items('aspects') : []) {
    const parsed = parseAspect(a);
    if (ids.has(parsed.id)) a.fail(`duplicate aspect id "${parsed.id}"`);
    ids.add(parsed.id);
    checkAdviceFits(parsed);
    for (const adv of parsed.advice) {
      if ('template' in adv) compileTemplate(adv.template);
      if (adv.kind === 'append-args') adv.values.forEach(compileTemplate);
    }
    out.aspects.push({ ...parsed, fingerprint: fingerprint(parsed) });
  }
  for (const d of root.get('disable')?.items('disable (aspect ids)') ?? []) out.disabled.push({ id: d.string('an aspect id'), at: d });
  return out;
}

function fingerprint(a: Omit<Aspect, 'fingerprint'>): string {
  // Positions in the aspect file do not change woven output, so they stay out of cache keys.
  return JSON.stringify(a, (k, v: unknown) => (k === 'origin' ? undefined : v));
}

/** Loads aspect files (following `extends`) into one set; later files may not redefine an id. */
export function loadAspectFiles(paths: string[]): AspectSet {
  const seen = new Set<string>();
  const aspects: Aspect[] = [];
  const files: string[] = [];
  const disabled: { id: string; at: YamlNode }[] = [];
  for (const p of paths) {
    const l = loadFile(p, seen, []);
    for (const a of l.aspects) {
      const prior = aspects.find((x) => x.id === a.id);
      if (prior) throw new WeaveError(`duplicate aspect id "${a.id}" (also defined at ${prior.origin.file}:${prior.origin.line})`, a.origin);
      aspects.push(a);
    }
    files.push(...l.files);
    disabled.push(...l.disabled);
  }
  for (const d of disabled) {
    if (d.id === '*') { aspects.length = 0; continue; }
    const i = aspects.findIndex((a) => a.id === d.id);
    if (i < 0) d.at.fail(`unknown aspect id "${d.id}" in disable; known ids: ${aspects.map((a) => a.id).join(', ') || '(none)'}`);
    aspects.splice(i, 1);
  }
  return { aspects, files };
}

export function builtinConfigPath(): string {
  return join(assetPath('aspects'), 'default.yml');
}

/**
 * The configuration of a build: the built-in default aspects, plus a go-weave.yml (explicit path,
 * or found in the module root) that may add aspects, `extends` other files and `disable` ids.
 */
export function loadConfig(opts: { configPath?: string; moduleRoot?: string; builtins?: boolean } = {}): AspectSet {
  const paths: string[] = [];
  if (opts.builtins !== false) paths.push(builtinConfigPath());
  let cfg = opts.configPath;
  if (!cfg && opts.moduleRoot) {
    const candidate = join(opts.moduleRoot, 'go-weave.yml');
    if (existsSync(candidate)) cfg = candidate;
  }
  if (cfg) paths.push(cfg);
  return loadAspectFiles(paths);
}

export function aspectSetHash(set: AspectSet): string {
  const h = createHash('sha256');
  for (const a of set.aspects) h.update(a.fingerprint).update('\0');
  return h.digest('hex');
}
