import { decodeJwt } from 'jose';
import * as client from 'openid-client';
import { figure, type Figure } from '../../core/criteria.js';
import { fillForm, parseForms } from './html-form.js';

export interface OAuthClientSettings {
  /** The issuer URL: its metadata is at `/.well-known/openid-configuration` or `/.well-known/oauth-authorization-server`. */
  readonly issuer: string;
  /** A public client (no secret) allowed the authorization_code and refresh_token grants. */
  readonly clientId: string;
  readonly redirectUri: string;
  /** The `aud` the access token must carry (the API's AUTH_AUDIENCE). */
  readonly audience: string;
  /** The account the login form is filled with. */
  readonly username: string;
  readonly password: string;
  /** e.g. 'documents:write offline_access' */
  readonly scope: string;
}

export interface OAuthConformance {
  readonly figures: Figure[];
  /** One line each: what went wrong and how to fix it. */
  readonly failures: string[];
  /** A real access token from the S256 flow, for an end-to-end write; null when the flow did not complete. */
  readonly accessToken: string | null;
}

/** Where following the authorization request ended: at the redirect URI with a code or an error, or elsewhere. */
type AuthorizationOutcome =
  | { readonly kind: 'code'; readonly callback: URL }
  | { readonly kind: 'error'; readonly error: string; readonly description: string }
  | { readonly kind: 'stuck'; readonly why: string };

const MAX_HOPS = 20;
const snippet = (text: string): string => text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || '(empty body)';
const causeOf = (error: unknown): string => {
  const e = error as Error & { cause?: { code?: string; message?: string }; error?: string; error_description?: string };
  if (e.error) return e.error_description ? `${e.error} (${e.error_description})` : e.error;
  return e.cause?.code ?? e.cause?.message ?? e.message;
};

/**
 * Follows an authorization request the way a browser would, without JavaScript: redirects by hand with a cookie
 * jar, and on an HTML page the first form that asks for a password (filled with the credentials, once) or else
 * the first form (a consent or "continue" page), until a redirect reaches the redirect URI.
 */
async function followAuthorization(url: URL, settings: OAuthClientSettings, signal: AbortSignal): Promise<AuthorizationOutcome> {
  const jar = new Map<string, string>();
  const redirect = new URL(settings.redirectUri);
  let request: { url: string; method: 'GET' | 'POST'; body?: URLSearchParams } = { url: url.href, method: 'GET' };
  let loginsSubmitted = 0;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const res = await fetch(request.url, {
      method: request.method,
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
      headers: {
        ...(jar.size > 0 ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...(request.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(request.body ? { body: request.body.toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0]!;
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      const target = new URL(location, request.url);
      if (target.origin === redirect.origin && target.pathname === redirect.pathname) {
        const params = target.searchParams;
        if (params.get('code')) return { kind: 'code', callback: target };
        return { kind: 'error', error: params.get('error') ?? '(no error parameter)', description: params.get('error_description') ?? '' };
      }
      request = { url: target.href, method: 'GET' };
      continue;
    }
    const html = await res.text();
    const forms = parseForms(html, request.url);
    const login = forms.find((f) => f.passwordFields.length > 0);
    const form = login ?? forms[0];
    if (!form) return { kind: 'stuck', why: `${request.method} ${request.url} answered ${res.status} without a form or a redirect: ${snippet(html)}` };
    if (login) {
      if (loginsSubmitted > 0) return { kind: 'stuck', why: `the login form came back (${res.status}) after the credentials were submitted: ${snippet(html)}` };
      loginsSubmitted++;
    }
    const body = fillForm(form, settings);
    request = form.method === 'POST' ? { url: form.action, method: 'POST', body } : { url: `${form.action.split('?')[0]}?${body}`, method: 'GET' };
  }
  return { kind: 'stuck', why: `more than ${MAX_HOPS} redirects and forms without reaching ${settings.redirectUri}` };
}

async function discover(settings: OAuthClientSettings, signal: AbortSignal): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const options: client.DiscoveryRequestOptions = {
    timeout: 10,
    ...(issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : {}),
    [client.customFetch]: (url, init) => fetch(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal } as RequestInit),
  };
  try {
    return await client.discovery(issuer, settings.clientId, undefined, client.None(), options);
  } catch (oidcError) {
    signal.throwIfAborted();
    // A plain OAuth 2.0 server may publish RFC 8414 metadata only.
    try {
      return await client.discovery(issuer, settings.clientId, undefined, client.None(), { ...options, algorithm: 'oauth2' });
    } catch {
      throw oidcError;
    }
  }
}

/**
 * Checks an OAuth 2.1 authorization server the way a public client uses it (openid-client 6 for discovery and
 * the grants, a form follower for the login): PKCE is required (no code without a code_challenge) and S256
 * only (no code with `plain`); the S256 authorization code flow completes (and how long it took); the access
 * token is a JWT for the audience; a refresh hands out a new refresh token; the replaced one is refused when
 * replayed, and that replay revokes the family, so the newest is refused too. Each check is a figure (1 =
 * holds) and, when it fails, one line saying what went wrong and how to fix it. An unreachable server is one
 * failure, never a throw; only an aborted `signal` throws.
 */
const REFRESH_ROTATES = 'a refresh hands out a new refresh token';
const REPLAY_REFUSED = 'a replayed refresh token is refused';
const FAMILY_REVOKED = 'the replay revokes the family (the newest is refused too)';

export async function checkOAuth(settings: OAuthClientSettings, signal: AbortSignal): Promise<OAuthConformance> {
  const figures: Figure[] = [];
  const failures: string[] = [];
  const check = (name: string, holds: boolean, failure: string): void => {
    figures.push(figure(name, holds ? 1 : 0, '', { op: '=', value: 1 }));
    if (!holds) failures.push(failure);
  };
  const guarded = async <T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      signal.throwIfAborted();
      return { ok: false, error };
    }
  };

  const discovered = await guarded(() => discover(settings, signal));
  if (!discovered.ok) return { figures, failures: [`the authorization server at ${settings.issuer} did not answer: ${causeOf(discovered.error)}`], accessToken: null };
  const config = discovered.value;
  const base = { redirect_uri: settings.redirectUri, scope: settings.scope };

  const refusal = async (extra: Record<string, string>): Promise<AuthorizationOutcome | { kind: 'failed'; why: string }> => {
    const outcome = await guarded(() => followAuthorization(client.buildAuthorizationUrl(config, { ...base, state: client.randomState(), ...extra }), settings, signal));
    return outcome.ok ? outcome.value : { kind: 'failed', why: causeOf(outcome.error) };
  };
  const noPkce = await refusal({});
  check('authorization without PKCE refused', noPkce.kind !== 'code', 'an authorization request without code_challenge was answered with a code: require PKCE on every authorization request (oidc-provider: pkce.required: () => true)');
  const verifierPlain = client.randomPKCECodeVerifier();
  const plain = await refusal({ code_challenge: verifierPlain, code_challenge_method: 'plain' });
  check('authorization with code_challenge_method=plain refused', plain.kind !== 'code', 'an authorization request with code_challenge_method=plain was answered with a code: accept S256 only (OAuth 2.1 drops plain)');

  // The S256 flow, timed from the authorization request to the token response.
  const started = performance.now();
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const flow = await guarded(async () => {
    const url = client.buildAuthorizationUrl(config, { ...base, state, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const outcome = await followAuthorization(url, settings, signal);
    if (outcome.kind === 'error') throw new Error(`the authorization request was refused: ${outcome.error}${outcome.description ? ` (${outcome.description})` : ''}`);
    if (outcome.kind === 'stuck') throw new Error(outcome.why);
    return client.authorizationCodeGrant(config, outcome.callback, { pkceCodeVerifier: verifier, expectedState: state });
  });
  const elapsed = Math.round(performance.now() - started);
  check('authorization code flow with PKCE S256 completes', flow.ok, `the authorization code flow with PKCE S256 did not complete: ${flow.ok ? '' : causeOf(flow.error)}`);
  if (!flow.ok) return { figures, failures, accessToken: null };
  figures.push(figure('authorization code flow time', elapsed, 'ms'));
  const tokens = flow.value;

  let claims: ReturnType<typeof decodeJwt> | undefined;
  try {
    claims = decodeJwt(tokens.access_token);
  } catch {
    claims = undefined;
  }
  const audiences = claims === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
  check(
    'access token is a JWT for the audience',
    audiences.includes(settings.audience),
    claims === undefined
      ? `the access token is not a JWT: issue JWT access tokens (RFC 9068) for the resource ${settings.audience} (oidc-provider: resourceIndicators with accessTokenFormat 'jwt')`
      : `the access token's aud is ${JSON.stringify(claims.aud ?? null)}, not "${settings.audience}": issue it for the API's audience`,
  );

  const first = tokens.refresh_token;
  if (!first) {
    const why = `the token response has no refresh_token: issue refresh tokens to the client for scope ${settings.scope} (oidc-provider: issueRefreshToken)`;
    for (const name of [REFRESH_ROTATES, REPLAY_REFUSED, FAMILY_REVOKED]) check(name, false, why);
    return { figures, failures: [...new Set(failures)], accessToken: tokens.access_token };
  }
  const refreshed = await guarded(() => client.refreshTokenGrant(config, first));
  const second = refreshed.ok ? refreshed.value.refresh_token : undefined;
  check(
    REFRESH_ROTATES,
    second !== undefined && second !== first,
    !refreshed.ok
      ? `refreshing with the refresh token failed: ${causeOf(refreshed.error)}`
      : `a refresh answered ${second === undefined ? 'no refresh token' : 'the same refresh token'}: rotate refresh tokens at every use (oidc-provider: rotateRefreshToken: true)`,
  );
  const replay = await guarded(() => client.refreshTokenGrant(config, first));
  check(
    REPLAY_REFUSED,
    !replay.ok && replay.error instanceof client.ResponseBodyError,
    replay.ok
      ? 'a refresh token already used was accepted again: refuse a rotated refresh token (invalid_grant) and revoke its grant (reuse detection)'
      : `replaying a used refresh token failed without an OAuth error: ${causeOf(replay.error)}`,
  );
  const newest = second ?? first;
  const afterReplay = await guarded(() => client.refreshTokenGrant(config, newest));
  check(
    FAMILY_REVOKED,
    !afterReplay.ok && afterReplay.error instanceof client.ResponseBodyError,
    afterReplay.ok
      ? 'after a used refresh token was replayed, the newest refresh token of that grant still works: revoke the whole grant on reuse, so a stolen refresh token dies with its family'
      : `the newest refresh token failed without an OAuth error: ${causeOf(afterReplay.error)}`,
  );
  return { figures, failures, accessToken: tokens.access_token };
}
