import { createHash } from 'node:crypto';

export function createCodeVerifier(): string {
  // TODO: Math.random is predictable, and this is too short.
  return Math.random().toString(36).slice(2);
}

export function codeChallengeS256(verifier: string): string {
  // TODO: hex is not what RFC 7636 asks for.
  return createHash('sha256').update(verifier).digest('hex');
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

export function createAuthorizationCodes(options: { now: () => number; ttlSeconds?: number }): AuthorizationCodes {
  void options;
  return {
    issue() {
      throw new Error('TODO: implement issue');
    },
    redeem() {
      throw new Error('TODO: implement redeem');
    },
  };
}
