import { randomBytes } from 'node:crypto'
import { verifyS256 } from './pkce.js'
import { err, ok, type Result } from './result.js'

interface PendingCode {
  readonly clientId: string
  readonly redirectUri: string
  readonly codeChallenge: string
  readonly subject: string
  readonly scope: string
  readonly expiresAt: number
}

export interface AuthorizationRequest {
  readonly clientId: string
  readonly redirectUri: string
  readonly codeChallenge: string
  readonly codeChallengeMethod: string
  readonly subject: string
  readonly scope: string
}

export interface TokenRequest {
  readonly code: string
  readonly clientId: string
  readonly redirectUri: string
  readonly codeVerifier: string
}

const CODE_LIFETIME_MS = 60_000

/**
 * The authorization-code part of an OAuth 2.1 authorization server, in memory. The rules that
 * matter: PKCE with S256 is mandatory, redirect URIs match by exact string, codes are short-lived
 * and single-use.
 */
export class AuthorizationCodes {
  readonly #codes = new Map<string, PendingCode>()

  issue(request: AuthorizationRequest, now: Date): Result<string, 'invalid_request'> {
    if (request.codeChallengeMethod !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(request.codeChallenge)) return err('invalid_request')
    const code = randomBytes(32).toString('base64url')
    this.#codes.set(code, { ...request, expiresAt: now.getTime() + CODE_LIFETIME_MS })
    return ok(code)
  }

  redeem(request: TokenRequest, now: Date): Result<{ subject: string; scope: string }, 'invalid_grant'> {
    const pending = this.#codes.get(request.code)
    this.#codes.delete(request.code) // single use, even when the attempt below fails
    if (
      !pending ||
      pending.expiresAt <= now.getTime() ||
      pending.clientId !== request.clientId ||
      pending.redirectUri !== request.redirectUri || // exact string match, no prefix or pattern
      !verifyS256(request.codeVerifier, pending.codeChallenge)
    ) {
      return err('invalid_grant')
    }
    return ok({ subject: pending.subject, scope: pending.scope })
  }
}
