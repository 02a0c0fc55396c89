import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose'
import { beforeAll, describe, it, expect } from 'vitest'
import { createAccessTokenVerifier } from './access-token.js'
import { AUDIENCE, createTestIssuer, ISSUER, NOW } from './token-fixtures.js'

let issuer: Awaited<ReturnType<typeof createTestIssuer>>
let verify: ReturnType<typeof createAccessTokenVerifier>
beforeAll(async () => {
  issuer = await createTestIssuer()
  verify = createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: issuer.jwks, now: () => NOW })
})

const seconds = (date: Date) => date.getTime() / 1000

describe('step 1: verify access tokens, and reject every classic forgery', () => {
  it('accepts a valid token and returns subject and scopes', async () => {
    expect(await verify(await issuer.sign({ scope: 'docs:read docs:write' }))).toEqual({
      ok: true,
      value: { subject: 'user-42', scopes: ['docs:read', 'docs:write'] },
    })
  })

  it('rejects alg "none" (an unsigned token)', async () => {
    const unsigned = new UnsecuredJWT({ scope: 'docs:write' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('admin')
      .setIssuedAt(seconds(NOW))
      .setExpirationTime(seconds(NOW) + 300)
      .encode()
    expect(await verify(unsigned)).toEqual({ ok: false, error: 'alg-not-allowed' })
  })

  it('rejects HS256 signed with the public key as the HMAC secret (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(issuer.publicJwk))
    const forged = await new SignJWT({ scope: 'docs:write' })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('admin')
      .setIssuedAt(seconds(NOW))
      .setExpirationTime(seconds(NOW) + 300)
      .sign(secret)
    expect(await verify(forged)).toEqual({ ok: false, error: 'alg-not-allowed' })
  })

  it('rejects a token signed by a different key', async () => {
    const { privateKey } = await generateKeyPair('ES256')
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'key-1', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('admin')
      .setIssuedAt(seconds(NOW))
      .setExpirationTime(seconds(NOW) + 300)
      .sign(privateKey)
    expect(await verify(forged)).toEqual({ ok: false, error: 'bad-signature' })
  })

  it('rejects a token whose payload was edited after signing', async () => {
    const [header, , signature] = (await issuer.sign()).split('.')
    const payload = Buffer.from(JSON.stringify({ sub: 'admin', scope: 'docs:write' })).toString('base64url')
    expect(await verify(`${header}.${payload}.${signature}`)).toEqual({ ok: false, error: 'bad-signature' })
  })

  it.each([
    ['wrong audience (a token meant for another API)', { aud: 'https://other-api.example' }, {}],
    ['wrong issuer', { iss: 'https://evil.example' }, {}],
    ['missing typ at+jwt (e.g. an ID token)', {}, { typ: 'JWT' }],
  ])('rejects %s', async (_case, claims, header) => {
    expect(await verify(await issuer.sign(claims, header))).toEqual({ ok: false, error: 'invalid-claims' })
  })

  it('rejects an expired token, but tolerates 30 s of clock skew', async () => {
    expect(await verify(await issuer.sign({ exp: seconds(NOW) - 60 }))).toEqual({ ok: false, error: 'expired' })
    expect((await verify(await issuer.sign({ exp: seconds(NOW) - 10 }))).ok).toBe(true)
  })

  it('rejects garbage without throwing', async () => {
    expect(await verify('not-a-jwt')).toEqual({ ok: false, error: 'malformed' })
  })
})
