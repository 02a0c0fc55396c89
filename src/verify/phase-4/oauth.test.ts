import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { decodeJwt } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOAuth, type OAuthClientSettings } from './oauth.js';

// checkOAuth against a passing server (docs-api's reference auth-server, the built binary as a learner runs it)
// and a failing one (oidc-provider with PKCE optional, refresh tokens not rotated, opaque access tokens).
const REPO = join(import.meta.dirname, '..', '..', '..');
const BIN = join(REPO, 'projects', 'docs-api', 'bin', 'docs-api.js');

const settings = (issuer: string): OAuthClientSettings => ({
  issuer,
  clientId: 'verify-client',
  redirectUri: 'http://127.0.0.1:8788/callback',
  audience: 'docs-api',
  username: 'learner',
  password: 'learner-password',
  scope: 'documents:write offline_access',
});

const NAMES = ['authorization without PKCE refused', 'authorization with code_challenge_method=plain refused', 'authorization code flow with PKCE S256 completes', 'authorization code flow time', 'access token is a JWT for the audience', 'a refresh hands out a new refresh token', 'a replayed refresh token is refused', 'the replay revokes the family (the newest is refused too)'];

describe('checkOAuth against the reference authorization server', () => {
  let child: ResultPromise;
  let issuer: string;

  beforeAll(async () => {
    child = execa('node', [BIN, 'auth-server', '--port', '0'], { reject: false, stdin: 'ignore', env: { AUTH_CLIENT_ID: 'verify-client' } });
    issuer = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
      });
      void child.then((r) => reject(new Error(`auth-server exited ${r.exitCode} (run npm run build -w @roadmap/docs-api): ${String(r.stderr)}`)));
    });
  });

  afterAll(async () => {
    child?.kill('SIGTERM');
    await child;
  });

  it('finds every check holding, and hands back a JWT access token for the audience', async () => {
    const result = await checkOAuth(settings(issuer), AbortSignal.timeout(30_000));
    expect(result.failures).toEqual([]);
    expect(result.figures.map((f) => f.name)).toEqual(NAMES);
    expect(result.figures.filter((f) => f.threshold !== null).every((f) => f.pass)).toBe(true);
    expect(result.figures.find((f) => f.name === 'authorization code flow time')).toMatchObject({ unit: 'ms', threshold: null });
    expect(decodeJwt(result.accessToken!)).toMatchObject({ aud: 'docs-api', iss: issuer, scope: expect.stringContaining('documents:write') });
  });

  it('reports a wrong password as the flow not completing, and checks nothing after it', async () => {
    const result = await checkOAuth({ ...settings(issuer), password: 'wrong' }, AbortSignal.timeout(30_000));
    expect(result.accessToken).toBeNull();
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatch(/^the authorization code flow with PKCE S256 did not complete: the login form came back \(401\) after the credentials were submitted: .*Wrong login or password/);
    expect(result.figures.map((f) => [f.name, f.value])).toEqual([['authorization without PKCE refused', 1], ['authorization with code_challenge_method=plain refused', 1], ['authorization code flow with PKCE S256 completes', 0]]);
  });

  it('throws when its signal is aborted', async () => {
    await expect(checkOAuth(settings(issuer), AbortSignal.abort(new Error('cancelled')))).rejects.toThrow('cancelled');
  });
});

describe('checkOAuth against a server that breaks the rules', () => {
  let server: Server;
  let issuer: string;

  beforeAll(async () => {
    server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // oidc-provider's own login and consent pages (devInteractions: any login, then a "Continue" form), PKCE
    // optional, refresh tokens issued but never rotated, access tokens opaque.
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'verify-client', redirect_uris: ['http://127.0.0.1:8788/callback'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }],
      // documents:write as a plain scope: without resource indicators a scope unknown to it would be dropped.
      scopes: ['openid', 'offline_access', 'documents:write'],
      pkce: { required: () => false },
      rotateRefreshToken: false,
      issueRefreshToken: async () => true,
      findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    });
    server.on('request', provider.callback());
  });

  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('names each rule broken, and how to fix it', async () => {
    const result = await checkOAuth(settings(issuer), AbortSignal.timeout(30_000));
    expect(result.figures.filter((f) => f.threshold !== null).map((f) => [f.name, f.value])).toEqual([
      ['authorization without PKCE refused', 0],
      ['authorization with code_challenge_method=plain refused', 1],
      ['authorization code flow with PKCE S256 completes', 1],
      ['access token is a JWT for the audience', 0],
      ['a refresh hands out a new refresh token', 0],
      ['a replayed refresh token is refused', 0],
      ['the replay revokes the family (the newest is refused too)', 0],
    ]);
    expect(result.failures).toEqual([
      'an authorization request without code_challenge was answered with a code: require PKCE on every authorization request (oidc-provider: pkce.required: () => true)',
      "the access token is not a JWT: issue JWT access tokens (RFC 9068) for the resource docs-api (oidc-provider: resourceIndicators with accessTokenFormat 'jwt')",
      expect.stringMatching(/^a refresh answered (no refresh token|the same refresh token): rotate refresh tokens at every use/),
      'a refresh token already used was accepted again: refuse a rotated refresh token (invalid_grant) and revoke its grant (reuse detection)',
      'after a used refresh token was replayed, the newest refresh token of that grant still works: revoke the whole grant on reuse, so a stolen refresh token dies with its family',
    ]);
    expect(result.accessToken).toEqual(expect.any(String));
  });
});

describe('checkOAuth against nothing', () => {
  it('gives one failure line when the issuer does not answer', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const result = await checkOAuth(settings(`http://127.0.0.1:${port}`), AbortSignal.timeout(30_000));
    expect(result).toEqual({ figures: [], failures: [`the authorization server at http://127.0.0.1:${port} did not answer: ECONNREFUSED`], accessToken: null });
  });
});
