import { describe, it, expect } from 'vitest'
import { createAccessTokenVerifier } from './access-token.js'
import { AuthorizationCodes } from './authorization-codes.js'
import { createCodeVerifier, s256Challenge } from './pkce.js'
import { AUDIENCE, createTestIssuer, ISSUER, NOW } from './token-fixtures.js'

const later = (ms: number) => new Date(NOW.getTime() + ms)
const client = { clientId: 'docs-cli', redirectUri: 'http://127.0.0.1:8123/callback' }

function start() {
  const codes = new AuthorizationCodes()
  const codeVerifier = createCodeVerifier()
  const issued = codes.issue(
    { ...client, codeChallenge: s256Challenge(codeVerifier), codeChallengeMethod: 'S256', subject: 'user-42', scope: 'docs:read' },
    NOW,
  )
  if (!issued.ok) throw new Error(issued.error)
  return { codes, code: issued.value, codeVerifier }
}

describe('step 4: authorization code + PKCE, the OAuth 2.1 way', () => {
  it('redeems a code once with the right verifier', () => {
    const { codes, code, codeVerifier } = start()
    expect(codes.redeem({ ...client, code, codeVerifier }, later(1000))).toEqual({ ok: true, value: { subject: 'user-42', scope: 'docs:read' } })
    expect(codes.redeem({ ...client, code, codeVerifier }, later(2000))).toEqual({ ok: false, error: 'invalid_grant' })
  })

  it.each([
    ['a stolen code without the verifier', { codeVerifier: createCodeVerifier() }, 1000],
    ['a redirect URI that only starts the same', { redirectUri: 'http://127.0.0.1:8123/callback/../evil' }, 1000],
    ['a redirect URI with a trailing slash', { redirectUri: 'http://127.0.0.1:8123/callback/' }, 1000],
    ['another client', { clientId: 'other-app' }, 1000],
    ['an expired code', {}, 61_000],
  ])('refuses %s', (_case, override, elapsed) => {
    const { codes, code, codeVerifier } = start()
    expect(codes.redeem({ ...client, code, codeVerifier, ...override }, later(elapsed))).toEqual({ ok: false, error: 'invalid_grant' })
  })

  it('burns the code after a failed attempt, so an attacker gets one try', () => {
    const { codes, code, codeVerifier } = start()
    codes.redeem({ ...client, code, codeVerifier: createCodeVerifier() }, later(1000))
    expect(codes.redeem({ ...client, code, codeVerifier }, later(2000)).ok).toBe(false)
  })

  it('refuses the "plain" method at the authorization endpoint', () => {
    const verifier = createCodeVerifier()
    const request = { ...client, codeChallenge: verifier, codeChallengeMethod: 'plain', subject: 'u', scope: 'docs:read' }
    expect(new AuthorizationCodes().issue(request, NOW)).toEqual({ ok: false, error: 'invalid_request' })
  })

  it('end to end: the redeemed grant becomes an access token the resource server accepts', async () => {
    const { codes, code, codeVerifier } = start()
    const grant = codes.redeem({ ...client, code, codeVerifier }, later(1000))
    if (!grant.ok) throw new Error(grant.error)
    const issuer = await createTestIssuer()
    const token = await issuer.sign({ sub: grant.value.subject, scope: grant.value.scope })
    const verify = createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: issuer.jwks, now: () => NOW })
    expect(await verify(token)).toEqual({ ok: true, value: { subject: 'user-42', scopes: ['docs:read'] } })
  })
})
