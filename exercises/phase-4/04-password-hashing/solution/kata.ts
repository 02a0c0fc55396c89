import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

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
// OWASP Password Storage Cheat Sheet minimum for scrypt: N = 2^17, r = 8 (1024-byte blocks), p = 1.
export const DEFAULT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

// Refuse absurd parameters read from storage: N = 2^30 would try to allocate 128 GiB.
const MAX_N = 2 ** 20;

// The async version runs in libuv's thread pool; scryptSync would block the event loop ~0.3 s per call.
function deriveKey(password: string, salt: BinaryLike, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // scrypt needs about 128 * N * r bytes; Node's default limit (32 MiB) is too small for N = 2^17.
    maxmem: 2 * 128 * params.N * params.r * params.p,
  };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH); // unique per password: equal passwords get different hashes
  const key = await deriveKey(password, salt, params);
  // Self-describing: parameters and salt travel with the hash, so they can be raised later.
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt = '', key = ''] = parts;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const isPowerOfTwo = Number.isInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!isPowerOfTwo || params.N > MAX_N) return null;
  if (!Number.isInteger(params.r) || params.r < 1 || !Number.isInteger(params.p) || params.p < 1) return null;
  const keyBytes = Buffer.from(key, 'base64');
  // Wrong length = invalid. Never derive "as many bytes as stored": scrypt's output is a prefix
  // of its longer output, so a truncated stored key would still verify.
  if (keyBytes.length !== KEY_LENGTH) return null;
  return { params, salt: Buffer.from(salt, 'base64'), key: keyBytes };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const candidate = await deriveKey(password, parsed.salt, parsed.params);
  // Constant time: === stops at the first different byte, and that timing difference is measurable.
  return timingSafeEqual(candidate, parsed.key);
}

export function needsRehash(stored: string, params: ScryptParams = DEFAULT_PARAMS): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return parsed.params.N !== params.N || parsed.params.r !== params.r || parsed.params.p !== params.p;
}
