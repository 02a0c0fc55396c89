import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** RFC 7636 section 4.1: 43 to 128 characters from the unreserved set. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

/** 32 random bytes, base64url-encoded: 43 characters, 256 bits of entropy. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url')
}

/** code_challenge = BASE64URL(SHA256(ASCII(code_verifier))), the S256 method. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/** Server side: does this verifier match the challenge stored with the code? Constant-time compare. */
export function verifyS256(verifier: string, challenge: string): boolean {
  if (!VERIFIER.test(verifier)) return false
  const expected = Buffer.from(s256Challenge(verifier))
  const actual = Buffer.from(challenge)
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
