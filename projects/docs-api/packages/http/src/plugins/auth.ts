import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AccessTokenVerifierUnavailableError, type AccessToken, type AccessTokenRejection, type AccessTokenVerifier } from '@docs-api/application';
import { HttpProblem, PROBLEM } from '../problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** An onRequest hook that lets the request through only with a verified token holding `scope`. */
    requireScope(scope: string): onRequestAsyncHookHandler;
  }
  interface FastifyRequest {
    /** The verified access token, on routes that require one (when auth is configured). */
    accessToken?: AccessToken;
  }
}

export interface AuthPluginOptions {
  /** Without it writes are open, as in phase 2, and the app says so once in its log. */
  readonly verifier?: AccessTokenVerifier;
}

/** The details a client sees: fixed sentences, never the token or the library's message. */
const DETAILS: Readonly<Record<AccessTokenRejection, string>> = {
  malformed: 'the access token is not a well-formed JWT',
  'algorithm-not-allowed': 'the access token is not signed with an allowed algorithm (RS256, ES256)',
  'unknown-key': "the access token is signed with a key (kid) the authorization server's key set does not hold",
  'bad-signature': 'the access token signature does not verify',
  expired: 'the access token has expired',
  'not-yet-valid': 'the access token is not valid yet (nbf)',
  'wrong-issuer': 'the access token was not issued by the expected issuer',
  'wrong-audience': 'the access token is not meant for this API (aud)',
  'missing-claim': 'the access token lacks a required claim (exp, sub)',
};

const REALM = 'docs-api';

/** The bearer token of an `Authorization` header (RFC 6750 §2.1), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Access tokens on writes (RFC 6750 bearer tokens): 401 with `WWW-Authenticate` when the token is missing or
 * refused, 403 `insufficient_scope` when it lacks the route's scope, 503 when the key set cannot be fetched.
 */
export const authPlugin = fp(async (app: FastifyInstance, options: AuthPluginOptions) => {
  const { verifier } = options;
  app.decorateRequest('accessToken', undefined);
  if (!verifier) {
    app.log.warn('auth: AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL are not set; writes are open to anyone (phase 2 behaviour)');
    const open: onRequestAsyncHookHandler = async () => {};
    app.decorate('requireScope', () => open);
    return;
  }
  app.decorate('requireScope', (scope: string): onRequestAsyncHookHandler => async (request) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      throw new HttpProblem(401, PROBLEM.unauthorized, 'this route requires a bearer access token (Authorization: Bearer …)', {}, {
        'www-authenticate': `Bearer realm="${REALM}", scope="${scope}"`,
      });
    }
    let check;
    try {
      check = await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof AccessTokenVerifierUnavailableError)) throw error;
      request.log.error({ err: error }, 'auth: key set unavailable');
      throw new HttpProblem(503, PROBLEM.authUnavailable, 'access tokens cannot be verified right now; try again shortly', {}, { 'retry-after': '5' });
    }
    if (!check.ok) {
      request.log.info({ reason: check.reason }, 'auth: token refused');
      throw new HttpProblem(401, PROBLEM.invalidToken, DETAILS[check.reason], {}, {
        'www-authenticate': `Bearer realm="${REALM}", error="invalid_token"`,
      });
    }
    if (!check.token.scopes.has(scope)) {
      throw new HttpProblem(403, PROBLEM.insufficientScope, `the access token lacks the scope ${scope}`, {}, {
        'www-authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${scope}"`,
      });
    }
    request.accessToken = check.token;
  });
}, { name: 'auth' });
