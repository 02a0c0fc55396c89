import { createLocalJWKSet, errors, type JSONWebKeySet, jwtVerify } from 'jose'
import { err, ok, type Result } from './result.js'

export interface AccessToken {
  readonly subject: string
  readonly scopes: readonly string[]
}

export type TokenError = 'expired' | 'alg-not-allowed' | 'bad-signature' | 'invalid-claims' | 'malformed'

export interface VerifierOptions {
  readonly issuer: string
  readonly audience: string
  /** The authorization server's public keys. In production: createRemoteJWKSet(new URL(jwksUri)). */
  readonly jwks: JSONWebKeySet
  /** @default 30 */
  readonly clockToleranceSeconds?: number
  /** Injected clock, so tests never depend on the wall clock. */
  readonly now?: () => Date
}

/**
 * Verifies OAuth access tokens in the JWT profile of RFC 9068. Every check is explicit: pinned
 * algorithm (no `none`, no HS256-with-a-public-key), issuer, audience, `typ: at+jwt`, and required
 * `exp`/`iat`/`sub`. Failures are values; the caller decides the HTTP answer.
 */
export function createAccessTokenVerifier(options: VerifierOptions): (token: string) => Promise<Result<AccessToken, TokenError>> {
  const keys = createLocalJWKSet(options.jwks)
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['ES256'],
        typ: 'at+jwt',
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        currentDate: options.now?.() ?? new Date(),
      })
      const scope = typeof payload.scope === 'string' ? payload.scope : ''
      return ok({ subject: payload.sub ?? '', scopes: scope.split(' ').filter(Boolean) })
    } catch (error) {
      if (error instanceof errors.JWTExpired) return err('expired')
      if (error instanceof errors.JOSEAlgNotAllowed) return err('alg-not-allowed')
      if (error instanceof errors.JWSSignatureVerificationFailed) return err('bad-signature')
      if (error instanceof errors.JWTClaimValidationFailed) return err('invalid-claims')
      return err('malformed')
    }
  }
}
