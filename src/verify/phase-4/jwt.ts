/**
 * The access-token conformance of the target's writes, over HTTP: roadmap is the token issuer (its own signing
 * key, published as a JWKS on a server of its own), the target is started with AUTH_ISSUER, AUTH_AUDIENCE and
 * AUTH_JWKS_URL pointing at it, and a PUT of a document is tried with a valid token and with each token an
 * attacker would forge: none, unsigned (`alg: none`), expired, not yet valid, for another audience or issuer,
 * HS256 signed with the public key (algorithm confusion), signed by a key the JWKS does not hold, tampered.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose';
import { figure, type Figure } from '../../core/criteria.js';
import type { Scope } from '../frame.js';

export const WRITE_SCOPE = 'documents:write';
export const AUDIENCE = 'roadmap-verify-docs-api';

export interface Issuer {
  readonly issuer: string;
  readonly jwksUrl: string;
  /** A token for `claims` (sub, scope, aud, iss, iat, exp set unless overridden), signed with the published key. */
  token(claims?: Record<string, unknown>, opts?: { readonly key?: 'published' | 'unknown' }): Promise<string>;
  /** HS256 over the published key's SPKI PEM: the key-confusion forgery. */
  hsWithPublicKey(): Promise<string>;
  /** How many times the JWKS was fetched. */
  fetches(): number;
}

interface KeyPair {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly kid: string;
}

async function keyPair(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, publicKey, kid };
}

/** A token issuer of roadmap's own with its JWKS served on 127.0.0.1, closed with `scope`. */
export async function startIssuer(scope: Scope): Promise<Issuer> {
  const published = await keyPair('roadmap-verify-1');
  const unknown = await keyPair('roadmap-verify-unknown');
  const jwk: JWK = { ...(await exportJWK(published.publicKey)), kid: published.kid, alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === '/jwks.json') {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  scope.defer(() => new Promise<void>((resolve) => server.close(() => resolve())), "close roadmap's JWKS server");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = base;
  const now = (): number => Math.floor(Date.now() / 1000);
  return {
    issuer,
    jwksUrl: `${base}/jwks.json`,
    async token(claims = {}, opts = {}) {
      const key = opts.key === 'unknown' ? unknown : published;
      const payload = { sub: 'roadmap-verify', scope: WRITE_SCOPE, iss: issuer, aud: AUDIENCE, iat: now(), exp: now() + 300, ...claims };
      for (const [k, v] of Object.entries(payload)) if (v === undefined) delete (payload as Record<string, unknown>)[k];
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
    },
    async hsWithPublicKey() {
      const pem = await exportSPKI(published.publicKey);
      return new SignJWT({ sub: 'roadmap-verify', scope: WRITE_SCOPE, iss: issuer, aud: AUDIENCE, iat: now(), exp: now() + 300 })
        .setProtectedHeader({ alg: 'HS256', kid: published.kid, typ: 'JWT' })
        .sign(new TextEncoder().encode(pem));
    },
    fetches: () => fetches,
  };
}

/** The unsigned forgery: `alg: none`, an empty signature, otherwise a perfect token. */
export function unsignedToken(issuer: string): string {
  return new UnsecuredJWT({ sub: 'roadmap-verify', scope: WRITE_SCOPE, aud: AUDIENCE })
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .encode();
}

/** The same token with one character of its payload changed: its signature no longer matches. */
export function tampered(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'roadmap-verify-admin' })).toString('base64url')}.${s}`;
}

export interface TokenCase {
  /** "an unsigned token (alg: none)". */
  readonly name: string;
  readonly token: () => Promise<string | null>;
  /** The status a conforming API answers. */
  readonly expected: 200 | 401 | 403;
  /** How to fix a wrong answer. */
  readonly fix: string;
}

/** Bounded skew: 5 minutes is past any tolerance a server should allow (the reference allows 30 s). */
const FAR = 300;

export function tokenCases(issuer: Issuer): TokenCase[] {
  const now = Math.floor(Date.now() / 1000);
  return [
    { name: 'a valid token', token: () => issuer.token(), expected: 200, fix: 'a token signed RS256 by a key of AUTH_JWKS_URL (by kid), for AUTH_ISSUER and AUTH_AUDIENCE, with the documents:write scope, must open the write' },
    { name: 'no token', token: async () => null, expected: 401, fix: 'require a bearer token on writes' },
    { name: 'a token without the documents:write scope', token: () => issuer.token({ scope: 'documents:read' }), expected: 403, fix: 'check the scope per route (403 insufficient_scope)' },
    { name: 'an unsigned token (alg: none)', token: async () => unsignedToken(issuer.issuer), expected: 401, fix: "pin the algorithms (jose jwtVerify's `algorithms: ['RS256', 'ES256']`)" },
    { name: 'a token expired 5 minutes ago', token: () => issuer.token({ iat: now - 2 * FAR, exp: now - FAR }), expected: 401, fix: 'check exp with a bounded clock tolerance (≤ 60 s)' },
    { name: 'a token not valid for 5 minutes (nbf)', token: () => issuer.token({ nbf: now + FAR }), expected: 401, fix: 'check nbf with a bounded clock tolerance' },
    { name: 'a token for another audience', token: () => issuer.token({ aud: 'another-api' }), expected: 401, fix: 'check aud against AUTH_AUDIENCE' },
    { name: 'a token from another issuer', token: () => issuer.token({ iss: 'https://issuer.example' }), expected: 401, fix: 'check iss against AUTH_ISSUER' },
    { name: 'an HS256 token signed with the public key', token: () => issuer.hsWithPublicKey(), expected: 401, fix: 'pin asymmetric algorithms; never let the token header choose HMAC' },
    { name: 'a token of a kid not in the JWKS', token: () => issuer.token({}, { key: 'unknown' }), expected: 401, fix: 'take keys only from the JWKS, by kid (a token signed by any other key is refused)' },
    { name: 'a tampered token', token: async () => tampered(await issuer.token()), expected: 401, fix: 'verify the signature on every request (this token\'s payload was changed after signing)' },
  ];
}

export interface WriteAttempt {
  (token: string | null): Promise<{ status: number; body: string }>;
}

/** Each case's status and, for a wrong one, the reason. */
export async function checkTokens(cases: readonly TokenCase[], write: WriteAttempt): Promise<{ figures: Figure[]; failures: string[] }> {
  const figures: Figure[] = [];
  const failures: string[] = [];
  for (const c of cases) {
    const r = await write(await c.token());
    figures.push(figure(`status for ${c.name}`, r.status, '', { op: '=', value: c.expected }));
    if (r.status !== c.expected) failures.push(`${c.name} was answered ${r.status}, not ${c.expected}: ${c.fix}`);
    if (r.status >= 400 && /"stack"|\n\s+at .+:\d+:\d+/.test(r.body)) failures.push(`the ${r.status} for ${c.name} echoes a stack trace: answer problem+json without internals`);
  }
  return { figures, failures };
}
