import { createHash } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

export const KEY_LENGTH = 32;
export const SALT_LENGTH = 16;
export const DEFAULT_PARAMS: ScryptParams = { N: 1024, r: 8, p: 1 };

// TODO: a fast, unsalted hash compared with === — everything OWASP tells you not to do.
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  void params;
  return createHash('sha256').update(password).digest('hex');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return createHash('sha256').update(password).digest('hex') === stored;
}

export function needsRehash(stored: string, params: ScryptParams = DEFAULT_PARAMS): boolean {
  void stored;
  void params;
  return false;
}
