/** The subset of Go's text/template that aspect code templates use. */
export type Operand =
  | { t: 'dot' }
  | { t: 'field'; base: 'dot' | { var: string }; path: string[] }
  | { t: 'var'; name: string }
  | { t: 'string'; value: string }
  | { t: 'number'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'nil' }
  | { t: 'func'; name: string }
  | { t: 'pipe'; pipe: Pipeline }
  | { t: 'chain'; base: Operand; path: string[] };

export interface Command { operands: Operand[]; pos: number }
export interface Pipeline { decl: string[]; assign: boolean; commands: Command[]; pos: number }

export type TNode =
  | { t: 'text'; text: string }
  | { t: 'action'; pipe: Pipeline }
  | { t: 'if'; pipe: Pipeline; then: TNode[]; else: TNode[] }
  | { t: 'range'; pipe: Pipeline; body: TNode[]; else: TNode[] }
  | { t: 'with'; pipe: Pipeline; body: TNode[]; else: TNode[] };
