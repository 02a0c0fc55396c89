import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@docs-api/adapter-postgres/testing';
import { buildApp, type DocsApi } from './app.js';

// Writes with access tokens, through app.inject on a real migrated database, against a real JWKS endpoint: a
// throwaway HTTP server publishing the authorization server's public keys, which a test can rotate.
const ISSUER = 'https://auth.docs.example';
const AUDIENCE = 'https://docs-api.example';

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
  readonly publicPem: string;
}

async function signingKey(kid: string, alg: 'RS256' | 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, publicPem: await exportSPKI(publicKey) };
}

const now = (): number => Math.floor(Date.now() / 1000);

/** A token as the authorization server issues it; `claims` and `options` change one thing at a time. */
function token(key: SigningKey, claims: Record<string, unknown> = {}, options: { kid?: string; exp?: number; issuer?: string; audience?: string } = {}): Promise<string> {
  return new SignJWT({ scope: 'documents:write documents:read', ...claims })
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'at+jwt' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject('learner-1')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? now() + 300)
    .sign(key.privateKey);
}

describe('access tokens on writes', () => {
  let database: TestDatabase;
  let app: DocsApi;
  let jwks: Server;
  let published: JWK[] = [];
  let jwksFetches = 0;
  let rsa: SigningKey;
  let ec: SigningKey;

  beforeAll(async () => {
    rsa = await signingKey('rsa-1', 'RS256');
    ec = await signingKey('ec-1', 'ES256');
    published = [rsa.jwk, ec.jwk];
    jwks = createServer((_request, response) => {
      jwksFetches++;
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: published }));
    });
    jwks.listen(0, '127.0.0.1');
    await once(jwks, 'listening');
    database = await createTestDatabase();
    app = await buildApp({
      databaseUrl: database.url,
      // No cooldown, so a rotation is seen by the next request (the default, 30 s, bounds refetches by forged kids).
      auth: { issuer: ISSUER, audience: AUDIENCE, jwksUrl: new URL(`http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`), jwksCooldownMs: 0 },
    });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    jwks?.close();
  });

  let n = 0;
  const create = (authorization?: string) =>
    app.inject({
      method: 'POST',
      url: '/documents',
      ...(authorization === undefined ? {} : { headers: { authorization } }),
      payload: { url: `https://docs.example/auth/${++n}`, title: `Auth ${n}`, body: 'Written with a token.' },
    });

  it('creates, replaces and deletes with a good token (RS256 and ES256), and reads need none', async () => {
    const created = await create(`Bearer ${await token(rsa)}`);
    expect(created.statusCode).toBe(201);
    const doc = created.json();
    const put = await app.inject({
      method: 'PUT',
      url: `/documents/${doc.id}`,
      headers: { authorization: `Bearer ${await token(ec)}` },
      payload: { url: doc.url, title: 'Changed', body: 'Changed.' },
    });
    expect(put.statusCode).toBe(200);
    expect((await app.inject(`/documents/${doc.id}`)).json()).toMatchObject({ title: 'Changed' });
    expect((await app.inject({ method: 'DELETE', url: `/documents/${doc.id}`, headers: { authorization: `Bearer ${await token(rsa)}` } })).statusCode).toBe(204);
  });

  it('accepts a token that expired within the 30 s clock skew, and one with `scp` as an array', async () => {
    expect((await create(`Bearer ${await token(rsa, {}, { exp: now() - 10 })}`)).statusCode).toBe(201);
    expect((await create(`Bearer ${await token(rsa, { scope: undefined, scp: ['documents:write'] })}`)).statusCode).toBe(201);
  });

  it('answers 401 /problems/unauthorized with a Bearer challenge when there is no token', async () => {
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer' }]) {
      const res = await app.inject({ method: 'DELETE', url: '/documents/1', headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ type: '/problems/unauthorized', status: 401 });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="docs-api", scope="documents:write"');
    }
  });

  const refused: [string, () => Promise<string>, string][] = [
    ['an unsigned token (alg: none)', async () => new UnsecuredJWT({ scope: 'documents:write', sub: 'x' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').encode(), 'not signed with an allowed algorithm'],
    ['an expired token (beyond the skew)', () => token(rsa, {}, { exp: now() - 120 }), 'has expired'],
    ['a token not valid before a minute from now', () => token(rsa, { nbf: now() + 60 }), 'not valid yet'],
    ['a token for another audience', () => token(rsa, {}, { audience: 'https://other-api.example' }), 'not meant for this API'],
    ['a token from another issuer', () => token(rsa, {}, { issuer: 'https://evil.example' }), 'not issued by the expected issuer'],
    [
      'an HS256 token whose HMAC secret is the RSA public key (algorithm confusion)',
      async () =>
        new SignJWT({ scope: 'documents:write' })
          .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setSubject('x')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(rsa.publicPem)),
      'not signed with an allowed algorithm',
    ],
    ['a token signed by a key the JWKS does not hold (unknown kid)', async () => token(await signingKey('stranger', 'RS256')), 'a key (kid)'],
    ['a token whose kid names a published key but whose signature is another key’s', async () => token(await signingKey('x', 'RS256'), {}, { kid: rsa.kid }), 'signature does not verify'],
    ['a token without exp', async () => new SignJWT({ scope: 'documents:write' }).setProtectedHeader({ alg: 'RS256', kid: rsa.kid }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('x').sign(rsa.privateKey), 'lacks a required claim'],
    ['a string that is not a JWT', async () => 'not.a.jwt', 'not a well-formed JWT'],
  ];

  it.each(refused)('answers 401 /problems/invalid-token to %s, and writes nothing', async (_what, make, detail) => {
    const before = await database.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const bearer = await make();
    const res = await create(`Bearer ${bearer}`);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="docs-api", error="invalid_token"');
    const problem = res.json();
    expect(problem).toMatchObject({ type: '/problems/invalid-token', status: 401, title: 'Unauthorized' });
    expect(problem.detail).toContain(detail);
    expect(res.body).not.toContain(bearer.slice(0, 20));
    const after = await database.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('answers 403 /problems/insufficient-scope to a good token without documents:write', async () => {
    const res = await create(`Bearer ${await token(rsa, { scope: 'documents:read' })}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: '/problems/insufficient-scope', status: 403, detail: 'the access token lacks the scope documents:write' });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="docs-api", error="insufficient_scope", scope="documents:write"');
  });

  it('picks up a rotated key by its kid without a restart', async () => {
    const next = await signingKey('rsa-2', 'RS256');
    const early = await create(`Bearer ${await token(next)}`);
    expect(early.statusCode).toBe(401);
    expect(early.json().type).toBe('/problems/invalid-token');
    const fetchesBefore = jwksFetches;
    published = [rsa.jwk, ec.jwk, next.jwk];
    expect((await create(`Bearer ${await token(next)}`)).statusCode).toBe(201);
    expect(jwksFetches).toBe(fetchesBefore + 1);
    // The key set now in hand still holds the old key: tokens signed before the rotation stay good until they expire.
    expect((await create(`Bearer ${await token(rsa)}`)).statusCode).toBe(201);
  });

  it('answers 503 /problems/auth-unavailable, not 401, when the JWKS cannot be fetched', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const offline = await buildApp({ databaseUrl: database.url, auth: { issuer: ISSUER, audience: AUDIENCE, jwksUrl: new URL(`http://127.0.0.1:${port}/jwks.json`) } });
    try {
      const res = await offline.inject({ method: 'POST', url: '/documents', headers: { authorization: `Bearer ${await token(rsa)}` }, payload: { url: 'https://docs.example/offline', title: 'x', body: 'x' } });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ type: '/problems/auth-unavailable', status: 503 });
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await offline.close();
    }
  });
});
