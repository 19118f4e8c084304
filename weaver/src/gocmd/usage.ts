import type { LocatedError } from './core.js';

/** A user-facing failure before the go command ran; the message says what to fix. */
export class UsageError extends Error {
  constructor(message: string, readonly located?: LocatedError) {
    super(message);
    this.name = 'UsageError';
  }
}
