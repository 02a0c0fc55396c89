import { compactVerify, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, exportSPKI, importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Cleanup } from '../../system/lifecycle.js';
import type { Scope } from '../frame.js';
import { AUDIENCE, checkTokens, startIssuer, tampered, tokenCases, unsignedToken, WRITE_SCOPE, type Issuer, type TokenCase, type WriteAttempt } from './jwt.js';

/** A scope whose cleanups run, last deferred first, when `close` is called. */
function testScope(): Scope & { close(): Promise<void> } {
  const cleanups: Cleanup[] = [];
  return {
    defer: (cleanup) => void cleanups.push(cleanup),
    async close() {
      while (cleanups.length) await cleanups.pop()!();
    },
  };
}

// One issuer (two RSA keys) for the tests that only read from it; a test that closes one starts its own.
const suite = testScope();
let shared: Issuer;
beforeAll(async () => {
  shared = await startIssuer(suite);
});
afterAll(() => suite.close());
const scope = testScope();
afterEach(() => scope.close());

/** The forgeries, as kindOf names them: each is to be refused 401. */
const FORGERIES = ['alg none', 'expired', 'nbf', 'audience', 'issuer', 'HS256 with the public key', 'unknown kid', 'tampered'];
const KINDS = ['valid', 'no token', 'scope', ...FORGERIES];

/**
 * What a case's token is, found from the token itself (its header, its signature against the JWKS, its claims),
 * so the cases are told apart whatever they are called.
 */
async function kindOf(issuer: Issuer, token: string | null): Promise<string> {
  if (token === null) return 'no token';
  const header = decodeProtectedHeader(token);
  if (header.alg === 'none') return 'alg none';
  if (header.alg === 'HS256') return 'HS256 with the public key';
  try {
    await compactVerify(token, createRemoteJWKSet(new URL(issuer.jwksUrl)), { algorithms: ['RS256'] });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'unknown kid';
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'tampered';
    throw error;
  }
  const claims = decodeJwt(token);
  const now = Date.now() / 1000;
  if (claims.exp !== undefined && claims.exp <= now) return 'expired';
  if (claims.nbf !== undefined && claims.nbf > now) return 'nbf';
  if (claims.aud !== AUDIENCE) return 'audience';
  if (claims.iss !== issuer.issuer) return 'issuer';
  return hasWriteScope(claims) ? 'valid' : 'scope';
}

/** The cases by kind. */
async function casesByKind(issuer: Issuer): Promise<Map<string, TokenCase>> {
  const byKind = new Map<string, TokenCase>();
  for (const c of tokenCases(issuer)) {
    const kind = await kindOf(issuer, await c.token());
    expect(byKind.has(kind), `two cases of kind ${kind}`).toBe(false);
    byKind.set(kind, c);
  }
  return byKind;
}

const PROBLEM = JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401 });
const hasWriteScope = (payload: JWTPayload): boolean => typeof payload.scope === 'string' && payload.scope.split(' ').includes(WRITE_SCOPE);

interface VerifierSettings {
  readonly options?: (issuer: Issuer) => JWTVerifyOptions;
  readonly key?: (issuer: Issuer, jwks: JWTVerifyGetKey) => JWTVerifyGetKey;
  readonly scope?: boolean;
  /** The body of a 401: problem+json unless told. */
  readonly rejection?: (error: Error) => string;
}

const conformingOptions = (issuer: Issuer): JWTVerifyOptions => ({ algorithms: ['RS256', 'ES256'], issuer: issuer.issuer, audience: AUDIENCE });

/** A resource server's write as a conforming API answers it (jose against the issuer's JWKS), or with one rule loosened. */
function verifier(issuer: Issuer, settings: VerifierSettings = {}): WriteAttempt {
  const jwks = createRemoteJWKSet(new URL(issuer.jwksUrl));
  const key = settings.key ? settings.key(issuer, jwks) : jwks;
  return async (token) => {
    if (token === null) return { status: 401, body: PROBLEM };
    try {
      const { payload } = await jwtVerify(token, key, (settings.options ?? conformingOptions)(issuer));
      return settings.scope === false || hasWriteScope(payload) ? { status: 200, body: '{"id":"d1"}' } : { status: 403, body: PROBLEM.replace('Unauthorized', 'Forbidden').replace('401', '403') };
    } catch (error) {
      return { status: 401, body: settings.rejection ? settings.rejection(error as Error) : PROBLEM };
    }
  };
}

/** The broken one: reads the claims and never checks the signature, the algorithm, the time, aud or iss. */
const naive: WriteAttempt = async (token) => {
  if (token === null) return { status: 401, body: PROBLEM };
  return hasWriteScope(decodeJwt(token)) ? { status: 200, body: '{"id":"d1"}' } : { status: 403, body: PROBLEM };
};

/** The published key's SPKI PEM, read back from the JWKS as an attacker would. */
async function publishedPem(issuer: Issuer): Promise<string> {
  const { keys } = (await (await fetch(issuer.jwksUrl)).json()) as { keys: JWK[] };
  return exportSPKI((await importJWK(keys[0]!, 'RS256', { extractable: true })) as CryptoKey);
}

describe('tokenCases', () => {
  it('holds a valid token, none, one without the scope and each forgery once, with the status a conforming API answers', async () => {
    const issuer = shared;
    const byKind = await casesByKind(issuer);
    expect([...byKind.keys()].sort()).toEqual([...KINDS].sort());
    expect(KINDS.map((k) => [k, byKind.get(k)!.expected])).toEqual(KINDS.map((k) => [k, k === 'valid' ? 200 : k === 'scope' ? 403 : 401]));
  });
});

describe('checkTokens', () => {
  it('finds nothing wrong with a conforming verifier, and every figure holds', async () => {
    const issuer = shared;
    const cases = tokenCases(issuer);
    const { figures, failures } = await checkTokens(cases, verifier(issuer));
    expect(failures).toEqual([]);
    expect(figures.map((f) => [f.name, f.value, f.pass])).toEqual(cases.map((c) => [`status for ${c.name}`, c.expected, true]));
  });

  it('names every forgery a verifier that only decodes lets through, and how to fix it', async () => {
    const issuer = shared;
    const byKind = await casesByKind(issuer);
    const cases = tokenCases(issuer);
    const { figures, failures } = await checkTokens(cases, naive);
    const forgeries = cases.filter((c) => FORGERIES.some((k) => byKind.get(k)!.name === c.name));
    expect(forgeries).toHaveLength(FORGERIES.length);
    expect(failures).toEqual(forgeries.map((c) => `${c.name} was answered 200, not 401: ${c.fix}`));
    expect(figures.filter((f) => !f.pass).map((f) => [f.name, f.value])).toEqual(forgeries.map((c) => [`status for ${c.name}`, 200]));
  });

  it.each<[string, VerifierSettings, string[]]>([
    ['no audience check', { options: (i) => ({ ...conformingOptions(i), audience: undefined }) }, ['audience']],
    ['no issuer check', { options: (i) => ({ ...conformingOptions(i), issuer: undefined }) }, ['issuer']],
    ['a 10-minute clock tolerance', { options: (i) => ({ ...conformingOptions(i), clockTolerance: 600 }) }, ['expired', 'nbf']],
    [
      'HS256 allowed, keyed by the public key',
      {
        options: (i) => ({ ...conformingOptions(i), algorithms: ['RS256', 'ES256', 'HS256'] }),
        key: (i, jwks) => async (header, token) => (header.alg === 'HS256' ? new TextEncoder().encode(await publishedPem(i)) : jwks(header, token)),
      },
      ['HS256 with the public key'],
    ],
    ['no scope check', { scope: false }, ['scope']],
  ])('singles out the one rule broken by a verifier with %s', async (_name, settings, broken) => {
    const issuer = shared;
    const byKind = await casesByKind(issuer);
    const { failures } = await checkTokens(tokenCases(issuer), verifier(issuer, settings));
    expect(failures).toEqual(broken.map((k) => byKind.get(k)!).map((c) => `${c.name} was answered 200, not ${c.expected}: ${c.fix}`));
  });

  it('calls out a rejection that echoes a stack trace, as text or in JSON', async () => {
    const issuer = shared;
    const cases = tokenCases(issuer);
    const { failures } = await checkTokens(cases, verifier(issuer, { rejection: (error) => String(error.stack) }));
    // The verifier's own 401 for no token is problem+json: only the rejected tokens echo the stack.
    const byKind = await casesByKind(issuer);
    const rejected = cases.filter((c) => FORGERIES.some((k) => byKind.get(k)!.name === c.name));
    expect(failures).toEqual(rejected.map((c) => `the 401 for ${c.name} echoes a stack trace: answer problem+json without internals`));
    const json = await checkTokens(cases, verifier(issuer, { rejection: (error) => JSON.stringify({ title: 'Unauthorized', stack: error.stack }) }));
    expect(json.failures).toEqual(failures);
  });
});

describe('the issuer', () => {
  it('serves its key as a JWKS, counts the fetches, and stops serving when its scope closes', async () => {
    const issuer = await startIssuer(scope);
    expect(issuer.jwksUrl).toBe(`${issuer.issuer}/jwks.json`);
    expect(issuer.fetches()).toBe(0);
    const res = await fetch(issuer.jwksUrl);
    expect(res.headers.get('content-type')).toBe('application/json');
    const { keys } = (await res.json()) as { keys: JWK[] };
    expect(keys).toEqual([expect.objectContaining({ kty: 'RSA', kid: 'roadmap-verify-1', alg: 'RS256', use: 'sig', n: expect.any(String), e: 'AQAB' })]);
    expect(keys[0]).not.toHaveProperty('d');
    expect((await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).status).toBe(404);
    expect(issuer.fetches()).toBe(1);
    await jwtVerify(await issuer.token(), createRemoteJWKSet(new URL(issuer.jwksUrl)), conformingOptions(issuer));
    expect(issuer.fetches()).toBe(2);

    await scope.close();
    await expect(fetch(issuer.jwksUrl)).rejects.toThrow();
  });

  it('signs the claims it is given over its defaults, and drops one set to undefined', async () => {
    const issuer = shared;
    const jwks = createRemoteJWKSet(new URL(issuer.jwksUrl));
    const plain = await jwtVerify(await issuer.token(), jwks, conformingOptions(issuer));
    expect(plain.protectedHeader).toEqual({ alg: 'RS256', kid: 'roadmap-verify-1', typ: 'JWT' });
    expect(plain.payload).toMatchObject({ sub: 'roadmap-verify', scope: WRITE_SCOPE, iss: issuer.issuer, aud: AUDIENCE });
    expect(plain.payload.exp! - plain.payload.iat!).toBe(300);
    const custom = await jwtVerify(await issuer.token({ sub: 'someone', scope: undefined, extra: 1 }), jwks, conformingOptions(issuer));
    expect(custom.payload).toMatchObject({ sub: 'someone', extra: 1 });
    expect(custom.payload).not.toHaveProperty('scope');
  });

  it('signs with a key the JWKS does not hold when asked', async () => {
    const issuer = shared;
    const token = await issuer.token({}, { key: 'unknown' });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: 'roadmap-verify-unknown', typ: 'JWT' });
    await expect(jwtVerify(token, createRemoteJWKSet(new URL(issuer.jwksUrl)), conformingOptions(issuer))).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });

  it('forges HS256 with the published key’s SPKI PEM as the HMAC secret', async () => {
    const issuer = shared;
    const token = await issuer.hsWithPublicKey();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', kid: 'roadmap-verify-1', typ: 'JWT' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(await publishedPem(issuer)), { algorithms: ['HS256'], issuer: issuer.issuer, audience: AUDIENCE });
    expect(payload).toMatchObject({ sub: 'roadmap-verify', scope: WRITE_SCOPE });
    await expect(jwtVerify(token, new TextEncoder().encode(`${await publishedPem(issuer)} `), { algorithms: ['HS256'] })).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });
});

describe('the forgeries made without the key', () => {
  it('unsignedToken: alg none, an empty signature, otherwise the claims of a valid token', () => {
    const token = unsignedToken('http://127.0.0.1:1');
    const parts = token.split('.');
    expect(parts).toHaveLength(3);
    expect(parts[2]).toBe('');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'none' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'roadmap-verify', scope: WRITE_SCOPE, aud: AUDIENCE, iss: 'http://127.0.0.1:1' });
    expect(claims.exp! - claims.iat!).toBe(300);
  });

  it('tampered: the same header and signature over a changed payload, which no longer verifies', async () => {
    const issuer = shared;
    const token = await issuer.token();
    const forged = tampered(token);
    const [h, p, s] = token.split('.');
    const [fh, fp, fs] = forged.split('.');
    expect([fh, fs]).toEqual([h, s]);
    expect(fp).not.toBe(p);
    expect(decodeJwt(forged)).toEqual({ ...decodeJwt(token), sub: 'roadmap-verify-admin' });
    const jwks = createRemoteJWKSet(new URL(issuer.jwksUrl));
    await expect(jwtVerify(token, jwks, conformingOptions(issuer))).resolves.toBeDefined();
    await expect(jwtVerify(forged, jwks, conformingOptions(issuer))).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });
});
