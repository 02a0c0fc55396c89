import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@docs-api/adapter-postgres/testing';
import { buildApp } from '../app.js';
import { JoseAccessTokenVerifier } from './jose-access-token-verifier.js';
import { readSigningKeys, resourceIndicatorFor, startAuthorizationServer, type AuthorizationServer } from './authorization-server.js';

// The reference authorization server driven the way a client does it: openid-client 6 for discovery and the
// grants, fetch with a cookie jar through the login form in between.
const CLIENT_ID = 'docs-api-test';
const REDIRECT_URI = 'http://127.0.0.1:8788/callback';
const AUDIENCE = 'docs-api';
const SCOPE = 'documents:write offline_access';

/** Follows redirects by hand (keeping cookies) until one points at the redirect URI; fills the login form once. */
async function authorize(url: URL, password = 'learner-password'): Promise<{ callback: URL | null; lastPage: { status: number; html: string } }> {
  const jar = new Map<string, string>();
  let next: { url: string; init: RequestInit } = { url: url.href, init: { method: 'GET' } };
  let lastPage = { status: 0, html: '' };
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(next.url, { ...next.init, redirect: 'manual', headers: { ...(next.init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      const target = new URL(location, next.url);
      if (target.href.startsWith(REDIRECT_URI)) return { callback: target, lastPage };
      next = { url: target.href, init: { method: 'GET' } };
      continue;
    }
    lastPage = { status: res.status, html: await res.text() };
    const action = /<form method="post" action="([^"]+)"/.exec(lastPage.html)?.[1];
    if (!action || next.init.method === 'POST') return { callback: null, lastPage };
    next = {
      url: new URL(action, next.url).href,
      init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ login: 'learner', password }).toString() },
    };
  }
  throw new Error('too many redirects');
}

describe('the authorization server (oidc-provider)', () => {
  let server: AuthorizationServer;
  let config: client.Configuration;

  beforeAll(async () => {
    server = await startAuthorizationServer({ port: 0, clientId: CLIENT_ID, redirectUri: REDIRECT_URI, audience: AUDIENCE });
    config = await client.discovery(new URL(server.issuer), CLIENT_ID, undefined, client.None(), { execute: [client.allowInsecureRequests] });
  });

  afterAll(async () => {
    await server?.close();
  });

  /** The authorization code flow with PKCE S256, up to the token response. */
  async function tokens(): Promise<client.TokenEndpointResponse> {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: SCOPE, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
    const { callback } = await authorize(url);
    expect(callback?.searchParams.get('code')).toBeTruthy();
    return client.authorizationCodeGrant(config, callback!, { pkceCodeVerifier: verifier, expectedState: state });
  }

  it('publishes the PKCE method S256 only, and the scopes', () => {
    const metadata = config.serverMetadata();
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['documents:write', 'offline_access']));
    expect(metadata.jwks_uri).toBe(server.jwksUri);
  });

  it('gives an ES256 JWT access token that docs-api’s verifier accepts with documents:write, and a refresh token', async () => {
    const response = await tokens();
    expect(response.refresh_token).toBeTruthy();
    expect(decodeProtectedHeader(response.access_token)).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) });
    expect(decodeJwt(response.access_token)).toMatchObject({ iss: server.issuer, aud: AUDIENCE, sub: 'learner', exp: expect.any(Number) });
    const verifier = new JoseAccessTokenVerifier({ issuer: server.issuer, audience: AUDIENCE, jwksUrl: new URL(server.jwksUri) });
    const check = await verifier.verify(response.access_token);
    expect(check).toMatchObject({ ok: true });
    expect(decodeJwt(response.access_token).scope).toContain('documents:write');
  });

  it.each([
    ['without code_challenge', {}, 'requires PKCE'],
    ['with code_challenge_method=plain', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, 'code_challenge_method'],
  ])('refuses an authorization request %s: an error on the redirect, no code', async (_what, pkce, description) => {
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: SCOPE, state: 's', ...pkce });
    const { callback } = await authorize(url);
    expect(callback?.searchParams.get('code')).toBeNull();
    expect(callback?.searchParams.get('error')).toBe('invalid_request');
    expect(callback?.searchParams.get('error_description')).toContain(description);
  });

  it('does not issue a code for a wrong password: the form again, with the error', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: SCOPE, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const { callback, lastPage } = await authorize(url, 'wrong');
    expect(callback).toBeNull();
    expect(lastPage.status).toBe(401);
    expect(lastPage.html).toContain('Wrong login or password.');
    expect(lastPage.html).toContain('name="password"');
  });

  it('rotates refresh tokens; a replayed one is refused and revokes the family, the newest included', async () => {
    const first = await tokens();
    const second = await client.refreshTokenGrant(config, first.refresh_token!);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(second.access_token)).toMatchObject({ aud: AUDIENCE, scope: expect.stringContaining('documents:write') });
    await expect(client.refreshTokenGrant(config, first.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.refreshTokenGrant(config, second.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('answers an unknown interaction with 400 and a hint to start again', async () => {
    const res = await fetch(`${server.issuer}/interaction/nope`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('start the authorization again');
  });

  it('refuses a resource it does not serve', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: SCOPE, resource: 'https://other.example', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const { callback } = await authorize(url);
    expect(callback?.searchParams.get('error')).toBe('invalid_target');
  });

  it('e2e: docs-api with AUTH_* pointing here accepts POST /documents with the token, and refuses it without', async () => {
    const database: TestDatabase = await createTestDatabase();
    const app = await buildApp({ databaseUrl: database.url, auth: { issuer: server.issuer, audience: AUDIENCE, jwksUrl: new URL(server.jwksUri) } });
    try {
      const { access_token } = await tokens();
      const payload = { url: 'https://docs.example/oauth', title: 'Written with OAuth', body: 'An access token from the reference authorization server.' };
      expect((await app.inject({ method: 'POST', url: '/documents', payload })).statusCode).toBe(401);
      const created = await app.inject({ method: 'POST', url: '/documents', headers: { authorization: `Bearer ${access_token}` }, payload });
      expect(created.statusCode).toBe(201);
    } finally {
      await app.close();
      await database.drop();
    }
  });
});

describe('starting it', () => {
  it('names the port in use', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startAuthorizationServer({ port })).rejects.toThrow(`port ${port} is already in use on 127.0.0.1`);
    } finally {
      taken.close();
    }
  });

  it('signs with the keys of AUTH_JWKS_FILE (RS256 here), publishing only their public part', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const dir = await mkdtemp(join(tmpdir(), 'auth-jwks-'));
    const file = join(dir, 'jwks.json');
    await writeFile(file, JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid: 'rsa-file', alg: 'RS256', use: 'sig' }] }));
    const server = await startAuthorizationServer({ port: 0, signingKeys: await readSigningKeys(file) });
    try {
      const jwks = (await (await fetch(server.jwksUri)).json()) as { keys: Record<string, unknown>[] };
      expect(jwks.keys).toEqual([expect.objectContaining({ kid: 'rsa-file', kty: 'RSA' })]);
      expect(jwks.keys[0]).not.toHaveProperty('d');
    } finally {
      await server.close();
      await rm(dir, { recursive: true });
    }
  });

  it.each([
    ['not JSON', 'nope', 'is not a readable JSON file'],
    ['no keys', '{"keys":[]}', 'must hold {"keys":[...]}'],
    ['a public key only', '{"keys":[{"kty":"EC","kid":"x","x":"a","y":"b","crv":"P-256"}]}', 'private RSA or P-256 keys, each with a "kid"'],
  ])('refuses an AUTH_JWKS_FILE with %s', async (_what, content, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'auth-jwks-'));
    try {
      await writeFile(join(dir, 'jwks.json'), content);
      await expect(readSigningKeys(join(dir, 'jwks.json'))).rejects.toThrow(message);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('requests a bare audience under a URN, a URI audience as itself', () => {
    expect(resourceIndicatorFor('docs-api')).toBe('urn:docs-api:resource:docs-api');
    expect(resourceIndicatorFor('https://docs-api.example')).toBe('https://docs-api.example');
  });
});
