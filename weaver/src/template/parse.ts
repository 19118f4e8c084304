import type { Command, Operand, Pipeline, TNode } from './ast.js';

export class TemplateSyntaxError extends Error {
  constructor(message: string, readonly pos: number) { super(message); }
}

interface Action { body: string; pos: number; end: number }

/** Splits the template into text and actions, applying `{{-`/`-}}` trimming. */
function split(src: string): (string | Action)[] {
  const out: (string | Action)[] = [];
  let i = 0;
  let trimNext = false;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = open < 0 ? src.slice(i) : src.slice(i, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) { out.push(text); break; }
    const close = findClose(src, open + 2);
    if (close < 0) throw new TemplateSyntaxError('unclosed action: missing "}}"', open);
    let body = src.slice(open + 2, close);
    if (/^-\s/.test(body)) { text = text.replace(/\s+$/, ''); body = body.slice(1); }
    if (/\s-$/.test(body)) { trimNext = true; body = body.slice(0, -1); }
    out.push(text);
    out.push({ body, pos: open, end: close + 2 });
    i = close + 2;
  }
  return out.filter((x) => x !== '');
}

function findClose(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === '`') {
      const q = c;
      i++;
      while (i < src.length && src[i] !== q) { if (q === '"' && src[i] === '\\') i++; i++; }
      i++;
      continue;
    }
    if (src.startsWith('/*', i)) { const e = src.indexOf('*/', i + 2); if (e < 0) return -1; i = e + 2; continue; }
    if (src.startsWith('}}', i)) return i;
    i++;
  }
  return -1;
}

type Tok = { k: 'id' | 'field' | 'var' | 'str' | 'num' | 'punct'; v: string; pos: number };

function lex(body: string, base: number): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (/\s/.test(c)) { i++; continue; }
    const pos = base + i;
    if (c === '"') {
      let j = i + 1;
      while (j < body.length && body[j] !== '"') { if (body[j] === '\\') j++; j++; }
      if (j >= body.length) throw new TemplateSyntaxError('unterminated string', pos);
      toks.push({ k: 'str', v: JSON.parse(body.slice(i, j + 1)) as string, pos });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = body.indexOf('`', i + 1);
      if (j < 0) throw new TemplateSyntaxError('unterminated raw string', pos);
      toks.push({ k: 'str', v: body.slice(i + 1, j), pos });
      i = j + 1;
      continue;
    }
    const m = /^(\.[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*|\$[\w]*(?:\.[A-Za-z_][\w]*)*|-?\d+(?:\.\d+)?|[A-Za-z_][\w]*|:=|=|\.|\||\(|\)|,)/.exec(body.slice(i));
    if (!m) throw new TemplateSyntaxError(`unexpected ${JSON.stringify(c)} in action`, pos);
    const v = m[0];
    const k: Tok['k'] = v.startsWith('.') && v.length > 1 ? 'field' : v.startsWith('$') ? 'var' : /^-?\d/.test(v) ? 'num' : /^[A-Za-z_]/.test(v) ? 'id' : 'punct';
    toks.push({ k, v, pos });
    i += v.length;
  }
  return toks;
}

class PipeParser {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly pos: number) {}

  done(): boolean { return this.i >= this.toks.length; }

  pipeline(stopAtParen = false): Pipeline {
    const decl: string[] = [];
    let assign = false;
    // `$x :=` or `$i, $x :=` declarations.
    const save = this.i;
    const vars: string[] = [];
    while (this.toks[this.i]?.k === 'var' && !this.toks[this.i].v.includes('.')) {
      vars.push(this.toks[this.i].v);
      this.i++;
      if (this.toks[this.i]?.v === ',') { this.i++; continue; }
      break;
    }
    const op = this.toks[this.i]?.v;
    if (vars.length > 0 && (op === ':=' || op === '=')) { decl.push(...vars); assign = op === '='; this.i++; } else this.i = save;
    const commands: Command[] = [];
    for (;;) {
      const cmd = this.command(stopAtParen);
      commands.push(cmd);
      if (this.toks[this.i]?.v === '|') { this.i++; continue; }
      break;
    }
    return { decl, assign, commands, pos: this.pos };
  }

  private command(stopAtParen: boolean): Command {
    const operands: Operand[] = [];
    const pos = this.toks[this.i]?.pos ?? this.pos;
    while (!this.done()) {
      const t = this.toks[this.i];
      if (t.v === '|' || (stopAtParen && t.v === ')')) break;
      operands.push(this.operand());
    }
    if (operands.length === 0) throw new TemplateSyntaxError('missing value for command', pos);
    return { operands, pos };
  }

  private operand(): Operand {
    const t = this.toks[this.i++];
    switch (t.k) {
      case 'str': return { t: 'string', value: t.v };
      case 'num': return { t: 'number', value: Number(t.v) };
      case 'field': return { t: 'field', base: 'dot', path: t.v.slice(1).split('.') };
      case 'var': {
        const [name, ...path] = t.v.split('.');
        return path.length ? { t: 'field', base: { var: name }, path } : { t: 'var', name };
      }
      case 'id':
        if (t.v === 'true' || t.v === 'false') return { t: 'bool', value: t.v === 'true' };
        if (t.v === 'nil') return { t: 'nil' };
        return { t: 'func', name: t.v };
      case 'punct':
        if (t.v === '.') return { t: 'dot' };
        if (t.v === '(') {
          const pipe = this.pipeline(true);
          if (this.toks[this.i]?.v !== ')') throw new TemplateSyntaxError('missing ")"', t.pos);
          this.i++;
          const next = this.toks[this.i];
          // `(pipeline).Field` reads a field of the pipeline's value.
          if (next?.k === 'field' && next.pos === this.toks[this.i - 1].pos + 1) {
            this.i++;
            return { t: 'chain', base: { t: 'pipe', pipe }, path: next.v.slice(1).split('.') };
          }
          return { t: 'pipe', pipe };
        }
    }
    throw new TemplateSyntaxError(`unexpected ${JSON.stringify(t.v)}`, t.pos);
  }
}

function parsePipe(body: string, pos: number): Pipeline {
  const p = new PipeParser(lex(body, pos + 2), pos);
  const pipe = p.pipeline();
  if (!p.done()) throw new TemplateSyntaxError('unexpected tokens after pipeline', pos);
  return pipe;
}

export function parseTemplateSource(src: string): TNode[] {
  const parts = split(src);
  let i = 0;
  const known = ['if', 'range', 'with', 'else', 'end'];

  const parseList = (terminators: string[]): { nodes: TNode[]; term: string; termAction?: Action } => {
    const nodes: TNode[] = [];
    while (i < parts.length) {
      const p = parts[i++];
      if (typeof p === 'string') { nodes.push({ t: 'text', text: p }); continue; }
      const body = p.body.trim();
      if (body.startsWith('/*')) continue;
      const word = /^([a-z]+)\b/.exec(body)?.[1] ?? '';
      if (word === 'end' || word === 'else') {
        if (!terminators.includes(word)) throw new TemplateSyntaxError(`unexpected {{${word}}}`, p.pos);
        return { nodes, term: word, termAction: p };
      }
      if (word === 'if' || word === 'range' || word === 'with') {
        nodes.push(parseBlock(word, body.slice(word.length), p));
        continue;
      }
      if (known.includes(word)) throw new TemplateSyntaxError(`unexpected ${word}`, p.pos);
      nodes.push({ t: 'action', pipe: parsePipe(p.body, p.pos) });
    }
    if (terminators.length) throw new TemplateSyntaxError(`missing {{end}}`, src.length);
    return { nodes, term: '' };
  };

  const parseBlock = (word: 'if' | 'range' | 'with', rest: string, p: Action): TNode => {
    const pipe = parsePipe(rest, p.pos);
    const body = parseList(['else', 'end']);
    let elseNodes: TNode[] = [];
    if (body.term === 'else') {
      const elseBody = body.termAction!.body.trim().slice(4).trim();
      if (elseBody.startsWith('if ') || elseBody.startsWith('with ')) {
        const w = elseBody.startsWith('if ') ? 'if' : 'with';
        // `else if` nests a block that consumes the shared {{end}}.
        elseNodes = [parseBlock(w, elseBody.slice(w.length), body.termAction!)];
      } else {
        elseNodes = parseList(['end']).nodes;
      }
    }
    return word === 'if' ? { t: 'if', pipe, then: body.nodes, else: elseNodes } : { t: word, pipe, body: body.nodes, else: elseNodes };
  };

  const { nodes } = parseList([]);
  return nodes;
}
