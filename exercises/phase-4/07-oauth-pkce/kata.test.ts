import { beforeEach, describe, expect, it } from 'vitest';
import { createCodeVerifier, codeChallengeS256, createAuthorizationCodes, type AuthorizationCodes } from './kata.js';

const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('client side', () => {
  it('codeChallengeS256 matches the RFC 7636 Appendix B example', () => {
    expect(codeChallengeS256(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it('the challenge is base64url without padding', () => {
    for (let i = 0; i < 50; i++) expect(codeChallengeS256(createCodeVerifier())).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('verifiers are 43–128 unreserved characters', () => {
    for (let i = 0; i < 50; i++) expect(createCodeVerifier()).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
  });

  it('verifiers never repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => createCodeVerifier()));
    expect(seen.size).toBe(1000);
  });
});

let nowMs: number;
let codes: AuthorizationCodes;
const client = { clientId: 'docs-cli', redirectUri: 'http://127.0.0.1:8400/callback' };

beforeEach(() => {
  nowMs = Date.UTC(2025, 8, 15, 12);
  codes = createAuthorizationCodes({ now: () => nowMs });
});

function issueFor(verifier = RFC_VERIFIER): string {
  const issued = codes.issue({ ...client, codeChallenge: codeChallengeS256(verifier), codeChallengeMethod: 'S256' });
  if (!issued.ok) throw new Error(`issue failed: ${issued.error}`);
  return issued.code;
}

describe('authorization server: issue', () => {
  it('issues long, unguessable, unique codes', () => {
    const a = issueFor();
    const b = issueFor();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ['the plain method', RFC_VERIFIER, 'plain'],
    ['an unknown method', RFC_CHALLENGE, 'S512'],
    ['a challenge that is too short', 'abc', 'S256'],
    ['a challenge with padding', `${RFC_CHALLENGE.slice(0, 42)}=`, 'S256'],
    ['a hex challenge', 'a'.repeat(64), 'S256'],
  ])('refuses %s with invalid_request', (_label, codeChallenge, codeChallengeMethod) => {
    expect(codes.issue({ ...client, codeChallenge, codeChallengeMethod })).toEqual({ ok: false, error: 'invalid_request' });
  });
});

describe('authorization server: redeem', () => {
  it('exchanges a code with the right verifier', () => {
    const code = issueFor();
    expect(codes.redeem({ ...client, code, codeVerifier: RFC_VERIFIER })).toEqual({ ok: true, clientId: 'docs-cli' });
  });

  it('works with a freshly generated verifier, end to end', () => {
    const verifier = createCodeVerifier();
    const code = issueFor(verifier);
    expect(codes.redeem({ ...client, code, codeVerifier: verifier })).toEqual({ ok: true, clientId: 'docs-cli' });
  });

  it.each([
    ['a wrong verifier', { codeVerifier: createCodeVerifier() }],
    ['the challenge instead of the verifier', { codeVerifier: RFC_CHALLENGE }],
    ['another client', { clientId: 'evil-cli' }],
    ['another redirect URI', { redirectUri: 'http://127.0.0.1:8400/callback/' }],
    ['an unknown code', { code: 'made-up-code' }],
  ])('refuses %s with invalid_grant', (_label, overrides) => {
    const code = issueFor();
    expect(codes.redeem({ ...client, code, codeVerifier: RFC_VERIFIER, ...overrides })).toEqual({
      ok: false,
      error: 'invalid_grant',
    });
  });

  it('refuses an expired code (60 s by default)', () => {
    const code = issueFor();
    nowMs += 61_000;
    expect(codes.redeem({ ...client, code, codeVerifier: RFC_VERIFIER })).toEqual({ ok: false, error: 'invalid_grant' });
  });

  it('a code works only once', () => {
    const code = issueFor();
    expect(codes.redeem({ ...client, code, codeVerifier: RFC_VERIFIER })).toMatchObject({ ok: true });
    expect(codes.redeem({ ...client, code, codeVerifier: RFC_VERIFIER })).toEqual({ ok: false, error: 'invalid_grant' });
  });

  it('a failed attempt uses the code up too (an attacker gets no second try)', () => {
    const code = issueFor();
    codes.redeem({ ...client, code, codeVerifier: createCodeVerifier() });
    expect(codes.redeem({ ...client, code, codeVerifier: RFC_VERIFIER })).toEqual({ ok: false, error: 'invalid_grant' });
  });
});
