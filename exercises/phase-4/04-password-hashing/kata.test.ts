import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, needsRehash, DEFAULT_PARAMS, type ScryptParams } from './kata.js';

const FAST: ScryptParams = { N: 1024, r: 8, p: 1 }; // keeps the tests quick; never use in production

/** Replaces one part of a stored hash (split on '$'). */
function withPart(stored: string, index: number, value: string): string {
  const parts = stored.split('$');
  parts[index] = value;
  return parts.join('$');
}

describe('hashPassword', () => {
  it('produces scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte key', async () => {
    const stored = await hashPassword('correct horse battery staple', FAST);
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '1024', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
  });

  it('salts: the same password gives different hashes, and both verify', async () => {
    const a = await hashPassword('hunter2hunter2', FAST);
    const b = await hashPassword('hunter2hunter2', FAST);
    expect(a).not.toBe(b);
    await expect(verifyPassword('hunter2hunter2', a)).resolves.toBe(true);
    await expect(verifyPassword('hunter2hunter2', b)).resolves.toBe(true);
  });

  it('does not block the event loop (async scrypt, not scryptSync)', async () => {
    let immediateRan = false;
    setImmediate(() => {
      immediateRan = true;
    });
    await hashPassword('pw', { N: 16384, r: 8, p: 1 });
    expect(immediateRan).toBe(true);
  });

  it('DEFAULT_PARAMS meet the OWASP minimum for scrypt and actually work (maxmem)', async () => {
    expect(DEFAULT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(DEFAULT_PARAMS.r).toBeGreaterThanOrEqual(8);
    expect(DEFAULT_PARAMS.p).toBeGreaterThanOrEqual(1);
    const stored = await hashPassword('correct horse battery staple');
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
  }, 10_000);
});

describe('verifyPassword', () => {
  it('rejects a wrong password', async () => {
    const stored = await hashPassword('correct horse battery staple', FAST);
    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('verifies hashes made with other parameters (reads N, r, p from the stored value)', async () => {
    const old = await hashPassword('pw-from-2019', { N: 2048, r: 8, p: 1 });
    await expect(verifyPassword('pw-from-2019', old)).resolves.toBe(true);
  });

  it('returns false for a tampered hash', async () => {
    const stored = await hashPassword('secret-secret', FAST);
    const bytes = Buffer.from(stored.split('$')[5]!, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(verifyPassword('secret-secret', withPart(stored, 5, bytes.toString('base64')))).resolves.toBe(false);
  });

  it('returns false (not true, not a throw) for a truncated hash', async () => {
    const stored = await hashPassword('secret-secret', FAST);
    const half = Buffer.from(stored.split('$')[5]!, 'base64').subarray(0, 16).toString('base64');
    await expect(verifyPassword('secret-secret', withPart(stored, 5, half))).resolves.toBe(false);
    await expect(verifyPassword('secret-secret', withPart(stored, 5, ''))).resolves.toBe(false);
  });

  it.each([
    '',
    'not-a-hash',
    '$2b$10$abcdefghijklmnopqrstuv',
    'scrypt$1024$8$1$c2FsdA==',
    'scrypt$abc$8$1$c2FsdA==$aGFzaA==',
    'scrypt$1000$8$1$c2FsdA==$aGFzaA==',
  ])('returns false for the malformed stored value %j', async (stored) => {
    await expect(verifyPassword('pw', stored)).resolves.toBe(false);
  });
});

describe('needsRehash', () => {
  it('is true for weaker parameters and false for the current ones', async () => {
    const weak = await hashPassword('pw', FAST);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, FAST)).toBe(false);
    expect(needsRehash(weak, { N: 1024, r: 8, p: 2 })).toBe(true);
  });
});
