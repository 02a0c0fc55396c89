import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function createCodeVerifier(): string {
  // 32 bytes from a CSPRNG = 256 bits of entropy; base64url turns them into exactly 43 characters,
  // all from the unreserved set RFC 7636 allows.
  return randomBytes(32).toString('base64url');
}

export function codeChallengeS256(verifier: string): string {
  // BASE64URL(SHA256(ASCII(code_verifier))): no padding, '-' and '_' instead of '+' and '/'.
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export interface IssueRequest {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
}

export interface RedeemRequest {
  code: string;
  clientId: string;
  redirectUri: string;
  codeVerifier: string;
}

export interface AuthorizationCodes {
  issue(request: IssueRequest): { ok: true; code: string } | { ok: false; error: 'invalid_request' };
  redeem(request: RedeemRequest): { ok: true; clientId: string } | { ok: false; error: 'invalid_grant' };
}

interface Grant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
}

const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/; // a base64url SHA-256 digest, unpadded
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function createAuthorizationCodes(options: { now: () => number; ttlSeconds?: number }): AuthorizationCodes {
  const ttlMs = (options.ttlSeconds ?? 60) * 1000; // codes are short-lived by design
  const grants = new Map<string, Grant>(); // in production: Redis or a table, with the same rules

  return {
    issue({ clientId, redirectUri, codeChallenge, codeChallengeMethod }) {
      // OAuth 2.1: S256 only. 'plain' sends the verifier itself through the browser, which is what PKCE hides.
      if (codeChallengeMethod !== 'S256' || !S256_CHALLENGE.test(codeChallenge)) {
        return { ok: false, error: 'invalid_request' };
      }
      const code = randomBytes(32).toString('base64url');
      grants.set(code, { clientId, redirectUri, codeChallenge, expiresAt: options.now() + ttlMs });
      return { ok: true, code };
    },

    redeem({ code, clientId, redirectUri, codeVerifier }) {
      const invalid = { ok: false, error: 'invalid_grant' } as const; // one answer for every failure
      const grant = grants.get(code);
      // Single use: the first attempt burns the code, whatever its outcome.
      grants.delete(code);
      if (!grant || options.now() >= grant.expiresAt) return invalid;
      // Exact string comparison: no normalising, no prefix matching of redirect URIs.
      if (grant.clientId !== clientId || grant.redirectUri !== redirectUri) return invalid;
      if (!VERIFIER.test(codeVerifier)) return invalid;
      const expected = Buffer.from(grant.codeChallenge);
      const actual = Buffer.from(codeChallengeS256(codeVerifier));
      // Both are 43 ASCII characters here, so the lengths match and timingSafeEqual cannot throw.
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return invalid;
      return { ok: true, clientId };
    },
  };
}
