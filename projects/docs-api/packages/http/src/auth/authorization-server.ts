import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Configuration, InteractionResults } from 'oidc-provider';

/** The scope a write to docs-api needs (plugins/auth.ts). */
export const WRITE_SCOPE = 'documents:write';

/** Access tokens live 10 minutes, refresh tokens a day (each refresh hands out a new one). */
export const ACCESS_TOKEN_TTL_SECONDS = 600;
export const REFRESH_TOKEN_TTL_SECONDS = 86_400;

export interface AuthorizationServerOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The one public client (no secret: PKCE protects its code). @default 'docs-api-dev' */
  readonly clientId?: string;
  /** @default 'http://127.0.0.1:8788/callback' */
  readonly redirectUri?: string;
  /** The `aud` of the access tokens: what docs-api is configured with as AUTH_AUDIENCE. @default 'docs-api' */
  readonly audience?: string;
  /** The one account. @default 'learner' / 'learner-password' */
  readonly username?: string;
  readonly password?: string;
  /** Keys that sign the interaction cookies. @default 32 random bytes, new at each start */
  readonly cookieKeys?: readonly string[];
  /** Private signing keys (a JWKS's `keys`). @default one ES256 key, new at each start */
  readonly signingKeys?: readonly JWK[];
}

export interface AuthorizationServer {
  /** The issuer identifier, `http://HOST:PORT`: what docs-api's AUTH_ISSUER must be. */
  readonly issuer: string;
  /** Where the public keys are: what docs-api's AUTH_JWKS_URL must be. */
  readonly jwksUri: string;
  close(): Promise<void>;
}

/**
 * The resource indicator the audience is requested under. RFC 8707 wants an absolute URI; an audience that is
 * one (`https://docs-api.example`) is its own indicator, a bare name (`docs-api`) gets a URN.
 */
export function resourceIndicatorFor(audience: string): string {
  return URL.canParse(audience) ? audience : `urn:docs-api:resource:${encodeURIComponent(audience)}`;
}

/** A fresh ES256 signing key with a `kid`, as oidc-provider wants it in `jwks.keys`. */
export async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'ES256', use: 'sig' };
}

/** AUTH_JWKS_FILE: a private JWKS (`{"keys":[...]}`), each key with a `kid`. */
export async function readSigningKeys(file: string): Promise<JWK[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`AUTH_JWKS_FILE "${file}" is not a readable JSON file`, { cause: error });
  }
  const keys = (parsed as { keys?: unknown }).keys;
  const usable = (k: JWK): boolean => typeof k === 'object' && !!k.kid && !!k.d && (k.kty === 'RSA' || (k.kty === 'EC' && k.crv === 'P-256'));
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every(usable)) {
    throw new Error(`AUTH_JWKS_FILE "${file}" must hold {"keys":[...]}: private RSA or P-256 keys, each with a "kid"`);
  }
  return keys as JWK[];
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in to docs-api</title></head>
<body>
<h1>Sign in to docs-api</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>\n` : ''}<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Login <input name="login" autocomplete="username" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form>
</body></html>
`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Starts an OAuth 2.1 authorization server for development and tests (oidc-provider): one public client, one
 * account, authorization code with PKCE (S256 only, required), refresh tokens rotated at every use — a rotated
 * refresh token used again revokes the whole grant, so a stolen one dies with the family. Access tokens for the
 * audience are ES256 JWTs (`iss`, `sub`, `aud`, `scope`) that docs-api's JoseAccessTokenVerifier accepts. The
 * login form is our own (`/interaction/:uid`); consent is given without asking: the client is first-party.
 * Everything lives in memory and is gone at close.
 */
export async function startAuthorizationServer(options: AuthorizationServerOptions): Promise<AuthorizationServer> {
  const host = options.host ?? '127.0.0.1';
  const clientId = options.clientId ?? 'docs-api-dev';
  const audience = options.audience ?? 'docs-api';
  const resource = resourceIndicatorFor(audience);
  const username = options.username ?? 'learner';
  const password = options.password ?? 'learner-password';
  const signingKeys = options.signingKeys ?? [await generateSigningKey()];
  // docs-api accepts RS256 and ES256 only (ALLOWED_ALGORITHMS): an RSA key signs RS256, a P-256 key ES256.
  const alg = signingKeys[0]!.kty === 'RSA' ? 'RS256' : 'ES256';

  // The issuer holds the port, so the port is taken before the provider exists; requests wait for it.
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => handle!(req, res));
  server.listen(options.port, host);
  try {
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'EADDRINUSE' ? `port ${options.port} is already in use on ${host}` : `cannot listen on ${host}:${options.port}: ${(error as Error).message}`, { cause: error });
  }
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  // Loaded here, not at the top: oidc-provider warns on stderr as it loads (Node 20, the in-memory store), and
  // the CLI's other commands must not carry that.
  const { default: Provider, errors } = await import('oidc-provider');

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        redirect_uris: [options.redirectUri ?? 'http://127.0.0.1:8788/callback'],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // The default (RS256) must be a key we hold, even though ID tokens only come with scope openid.
        id_token_signed_response_alg: alg,
      },
    ],
    jwks: { keys: [...signingKeys] },
    cookies: { keys: [...(options.cookieKeys ?? [randomBytes(32).toString('base64url')])] },
    scopes: ['openid', 'offline_access'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`unknown resource; this server issues tokens for ${resource}`);
          return { scope: WRITE_SCOPE, audience, accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS, accessTokenFormat: 'jwt', jwt: { sign: { alg } } };
        },
      },
    },
    // A refresh token for every grant of the client (offline_access is optional) that outlives the login
    // session, rotated at every use: reusing a rotated one revokes the grant.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      Grant: REFRESH_TOKEN_TTL_SECONDS,
      IdToken: ACCESS_TOKEN_TTL_SECONDS,
      Interaction: 600,
      RefreshToken: REFRESH_TOKEN_TTL_SECONDS,
      Session: REFRESH_TOKEN_TTL_SECONDS,
    },
    findAccount: (_ctx, sub) => (sub === username ? { accountId: sub, claims: () => ({ sub }) } : undefined),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>${escapeHtml(String(out.error))}</title><h1>${escapeHtml(String(out.error))}</h1><p>${escapeHtml(String(out.error_description ?? ''))}</p>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  // oidc-provider lists its OIDC scopes only; a client reading the metadata should see the API's scope too.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/.well-known/openid-configuration' && ctx.status === 200) {
      const body = ctx.body as { scopes_supported?: string[] };
      body.scopes_supported = [...new Set([...(body.scopes_supported ?? []), WRITE_SCOPE])];
    }
  });
  const callback = provider.callback();

  /** Everything the request asked for, granted: the client is first-party, so there is no consent screen. */
  async function grantFor(accountId: string, scope: string): Promise<string> {
    const grant = new provider.Grant({ accountId, clientId });
    const requested = scope.split(' ').filter(Boolean);
    const oidc = requested.filter((s) => s === 'openid' || s === 'offline_access');
    if (oidc.length > 0) grant.addOIDCScope(oidc.join(' '));
    if (requested.includes(WRITE_SCOPE)) grant.addResourceScope(resource, WRITE_SCOPE);
    return grant.save();
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, submitted: boolean): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const scope = String(details.params.scope ?? '');
    if (details.prompt.name === 'login') {
      if (!submitted) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
        return;
      }
      const form = await formBody(req);
      if (form.get('login') !== username || form.get('password') !== password) {
        res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Wrong login or password.'));
        return;
      }
      const result: InteractionResults = { login: { accountId: username }, consent: { grantId: await grantFor(username, scope) } };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      return;
    }
    // A consent prompt with a session already signed in (a second authorization): granted as well.
    await provider.interactionFinished(req, res, { consent: { grantId: await grantFor(String(details.session?.accountId), scope) } }, { mergeWithLastSubmission: true });
  }

  handle = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(path);
    if (!match) {
      callback(req, res);
      return;
    }
    const submitted = req.method === 'POST' && match[2] === '/login';
    interaction(req, res, submitted).catch((error: Error) => {
      // An unknown or expired interaction (SessionNotFound) and the like: the client starts again.
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`${error.message}; start the authorization again\n`);
    });
  };

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
