import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YNode, type Pair } from 'yaml';
import { WeaveError } from '../errors.js';
import type { Origin } from './types.js';

/** A YAML node plus what is needed to report errors at its file:line:col. */
export class YamlNode {
  constructor(readonly node: YNode | null, readonly file: string, private readonly lines: LineCounter, private readonly fallback: number) {}

  static parse(file: string, text: string): YamlNode {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const problem = doc.errors[0];
    if (problem) {
      const pos = lines.linePos(problem.pos[0]);
      throw new WeaveError(`invalid YAML: ${problem.message.split('\n')[0]}`, { file, line: pos.line, col: pos.col });
    }
    return new YamlNode(doc.contents as YNode | null, file, lines, 0);
  }

  get origin(): Origin {
    const offset = this.node?.range?.[0] ?? this.fallback;
    const p = this.lines.linePos(offset);
    return { file: this.file, line: p.line, col: p.col };
  }

  fail(message: string): never {
    const o = this.origin;
    throw new WeaveError(message, o);
  }

  isMap(): boolean { return isMap(this.node); }
  isSeq(): boolean { return isSeq(this.node); }
  isScalar(): boolean { return isScalar(this.node); }

  /** Entries of a mapping, in order, with their key positions. */
  entries(what: string): { key: string; keyNode: YamlNode; value: YamlNode }[] {
    if (!isMap(this.node)) this.fail(`expected ${what} (a mapping)`);
    return this.node.items.map((pair: Pair) => {
      const k = pair.key as YNode | null;
      const keyNode = new YamlNode(k, this.file, this.lines, this.node?.range?.[0] ?? 0);
      const key = isScalar(k) ? String(k.value) : keyNode.fail('expected a plain key');
      const v = pair.value as YNode | null;
      return { key, keyNode, value: new YamlNode(v, this.file, this.lines, k?.range?.[1] ?? 0) };
    });
  }

  get(key: string): YamlNode | undefined {
    if (!isMap(this.node)) return undefined;
    for (const e of this.entries('a mapping')) if (e.key === key) return e.value;
    return undefined;
  }

  items(what: string): YamlNode[] {
    if (!isSeq(this.node)) this.fail(`expected ${what} (a list)`);
    return this.node.items.map((n) => new YamlNode(n as YNode | null, this.file, this.lines, this.node?.range?.[0] ?? 0));
  }

  /** A list, or a single item treated as a list of one. */
  itemsOrOne(what: string): YamlNode[] {
    return isSeq(this.node) ? this.items(what) : [this];
  }

  string(what: string): string {
    if (!isScalar(this.node) || this.node.value === null || typeof this.node.value === 'object') this.fail(`expected ${what} (a string)`);
    return String(this.node.value);
  }

  bool(what: string): boolean {
    if (!isScalar(this.node) || typeof this.node.value !== 'boolean') this.fail(`expected ${what} (true or false)`);
    return this.node.value;
  }

  int(what: string): number {
    if (!isScalar(this.node) || typeof this.node.value !== 'number' || !Number.isInteger(this.node.value)) this.fail(`expected ${what} (an integer)`);
    return this.node.value;
  }

  checkKeys(allowed: string[], what: string): void {
    for (const e of this.entries(what)) {
      if (!allowed.includes(e.key)) e.keyNode.fail(`unknown key "${e.key}" in ${what}; expected one of: ${allowed.join(', ')}`);
    }
  }
}
