/** Edits over the original source, by string index. Pure data: printing turns them into text. */

export type Piece = { gen: string } | { orig: true };

export interface InsertEdit {
  kind: 'insert';
  at: number;
  text: string;
  /** Line-mode text goes on lines of its own, with //line directives around it; inline text does not move positions. */
  lines: boolean;
  /** Smaller first among insertions at the same index. */
  order: number;
  aspect: string;
  seq: number;
}

export interface ReplaceEdit {
  kind: 'replace';
  start: number;
  end: number;
  pieces: Piece[];
  /** Two replacements of one range with the same tag cannot both apply. Untagged ones nest. */
  exclusive?: string;
  aspect: string;
  seq: number;
}

export type Edit = InsertEdit | ReplaceEdit;
