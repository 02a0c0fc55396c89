import { describe, it, expect } from 'vitest'
import { createCodeVerifier, s256Challenge, verifyS256 } from './pkce.js'

describe('step 3: PKCE with S256', () => {
  it('matches the test vector of RFC 7636, Appendix B', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })

  it('creates 43-character verifiers from the unreserved alphabet, never twice the same', () => {
    const verifiers = Array.from({ length: 50 }, createCodeVerifier)
    for (const v of verifiers) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(new Set(verifiers).size).toBe(50)
  })

  it('verifies the right verifier and rejects any other', () => {
    const verifier = createCodeVerifier()
    const challenge = s256Challenge(verifier)
    expect(verifyS256(verifier, challenge)).toBe(true)
    expect(verifyS256(createCodeVerifier(), challenge)).toBe(false)
  })

  it('rejects a verifier that is too short, and the challenge itself used as a verifier', () => {
    const verifier = createCodeVerifier()
    const challenge = s256Challenge(verifier)
    expect(verifyS256('short', s256Challenge('short'))).toBe(false)
    expect(verifyS256(challenge, challenge)).toBe(false)
  })
})
