import { exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from 'jose'

export const ISSUER = 'https://auth.docs-api.example'
export const AUDIENCE = 'https://api.docs-api.example'
export const NOW = new Date('2025-09-10T10:00:00Z')
const nowSeconds = NOW.getTime() / 1000

/** A test authorization server: one ES256 key pair, its JWKS, and a signer for access tokens. */
export async function createTestIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' }
  const jwks: JSONWebKeySet = { keys: [publicJwk] }

  /** Signs a valid access token; `claims` and `header` override the defaults to build bad ones. */
  const sign = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) =>
    new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'user-42', iat: nowSeconds, exp: nowSeconds + 300, scope: 'docs:read', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'key-1', typ: 'at+jwt', ...header })
      .sign(privateKey)

  return { jwks, publicJwk, sign }
}
