import { SignJWT, exportSPKI, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, type VerifyToken } from './kata.js';

const ISSUER = 'https://auth.example.com';
const AUDIENCE = 'docs-api';
const NOW = new Date('2025-09-10T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

let privateKey: CryptoKey;
let otherPrivateKey: CryptoKey;
let publicKeyPem: string;
let verify: VerifyToken;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicKeyPem = await exportSPKI(pair.publicKey);
  otherPrivateKey = (await generateKeyPair('RS256')).privateKey;
  verify = await createVerifier({ publicKeyPem, issuer: ISSUER, audience: AUDIENCE });
}, 20_000);

const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'user-42',
  scope: 'docs:read docs:write',
  iat: nowSeconds - 60,
  exp: nowSeconds + 300,
  ...overrides,
});

function sign(payload: JWTPayload, options: { key?: CryptoKey; typ?: string } = {}): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', typ: options.typ ?? 'at+jwt' })
    .sign(options.key ?? privateKey);
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('accepts valid access tokens', () => {
  it('returns subject, scopes and expiry', async () => {
    await expect(verify(await sign(claims()), NOW)).resolves.toEqual({
      subject: 'user-42',
      scopes: ['docs:read', 'docs:write'],
      expiresAt: new Date((nowSeconds + 300) * 1000),
    });
  });

  it('accepts a token that expired 10 s ago (clock skew tolerance)', async () => {
    await expect(verify(await sign(claims({ exp: nowSeconds - 10 })), NOW)).resolves.toMatchObject({ subject: 'user-42' });
  });

  it('accepts a token whose nbf is 10 s in the future (clock skew tolerance)', async () => {
    await expect(verify(await sign(claims({ nbf: nowSeconds + 10 })), NOW)).resolves.toMatchObject({ subject: 'user-42' });
  });

  it('accepts a token meant for several audiences including ours', async () => {
    await expect(verify(await sign(claims({ aud: ['billing-api', AUDIENCE] })), NOW)).resolves.toMatchObject({
      subject: 'user-42',
    });
  });

  it('returns no scopes when the scope claim is absent', async () => {
    const { scope: _omit, ...withoutScope } = claims();
    await expect(verify(await sign(withoutScope), NOW)).resolves.toMatchObject({ scopes: [] });
  });
});

describe('rejects forgeries', () => {
  it('a token whose payload was edited after signing', async () => {
    const [header, , signature] = (await sign(claims())).split('.');
    await expect(verify(`${header}.${b64url(claims({ sub: 'admin' }))}.${signature}`, NOW)).rejects.toThrow();
  });

  it('a token signed by another key', async () => {
    await expect(verify(await sign(claims(), { key: otherPrivateKey }), NOW)).rejects.toThrow();
  });

  it('alg: none (an unsigned token)', async () => {
    await expect(verify(`${b64url({ alg: 'none', typ: 'at+jwt' })}.${b64url(claims())}.`, NOW)).rejects.toThrow();
  });

  it('algorithm confusion: HS256 "signed" with the public key PEM as the HMAC secret', async () => {
    const forged = await new SignJWT(claims({ sub: 'admin' }))
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(new TextEncoder().encode(publicKeyPem));
    await expect(verify(forged, NOW)).rejects.toThrow();
  });
});

describe('rejects tokens that break the rules', () => {
  it.each([
    ['expired 60 s ago', { exp: nowSeconds - 60 }],
    ['not valid before 60 s from now', { nbf: nowSeconds + 60 }],
    ['for another audience', { aud: 'billing-api' }],
    ['from another issuer', { iss: 'https://evil.example.com' }],
  ])('a token %s', async (_label, overrides) => {
    await expect(verify(await sign(claims(overrides)), NOW)).rejects.toThrow();
  });

  it('a token without exp (it would be valid forever)', async () => {
    const { exp: _omit, ...withoutExp } = claims();
    await expect(verify(await sign(withoutExp), NOW)).rejects.toThrow();
  });

  it('a token without sub', async () => {
    const { sub: _omit, ...withoutSub } = claims();
    await expect(verify(await sign(withoutSub), NOW)).rejects.toThrow();
  });

  it("an ID token (typ JWT, not at+jwt) used as an access token", async () => {
    await expect(verify(await sign(claims(), { typ: 'JWT' }), NOW)).rejects.toThrow();
  });
});
