/** A weaving failure that points at a place in a user's file (aspect YAML or Go source). */
export class WeaveError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly detail: string;

  constructor(detail: string, where?: { file?: string; line?: number; col?: number }) {
    super(formatLocation(where) + detail);
    this.name = 'WeaveError';
    this.detail = detail;
    this.file = where?.file;
    this.line = where?.line;
    this.col = where?.col;
  }
}

/**
 * By name, not instanceof: the CLI bundle and the core bundle (loaded on demand) each have a
 * WeaveError class of their own.
 */
export function isWeaveError(e: unknown): e is WeaveError {
  return e instanceof Error && e.name === 'WeaveError';
}

function formatLocation(where?: { file?: string; line?: number; col?: number }): string {
  if (!where?.file) return '';
  let s = where.file;
  if (where.line) s += `:${where.line}`;
  if (where.line && where.col) s += `:${where.col}`;
  return s + ': ';
}
