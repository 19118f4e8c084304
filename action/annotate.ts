// Turns "file:line:col: message" errors into annotation properties, with the file made
// relative to the workspace: the runner only links annotations on repository paths.
import * as path from 'node:path';

export interface Located {
  file: string;
  line: number;
  col?: number;
  message: string;
}

export function workspaceRelative(file: string): string {
  const ws = process.env.GITHUB_WORKSPACE;
  if (!ws || !path.isAbsolute(file)) return file;
  const rel = path.relative(ws, file);
  return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}

export function locate(msg: string): Located | null {
  const m = /^(?:go-weave: )?(\S+?):(\d+)(?::(\d+))?: ([\s\S]*)$/.exec(msg.trim());
  if (!m) return null;
  return { file: workspaceRelative(m[1]), line: Number(m[2]), col: m[3] ? Number(m[3]) : undefined, message: m[4] };
}
