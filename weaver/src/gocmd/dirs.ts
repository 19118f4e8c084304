import { readdirSync } from 'node:fs';

/** A directory's names, or none when it cannot be read (missing, not a directory). */
export function readdirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
