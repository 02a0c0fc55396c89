import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { AccessTokenVerifierUnavailableError, type AccessTokenCheck, type AccessTokenRejection, type AccessTokenVerifier } from '@docs-api/application';

/** The only signature algorithms accepted: asymmetric, so a public key can never be used as an HMAC secret. */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'] as const;

export interface JoseAccessTokenVerifierOptions {
  /** The `iss` every token must carry (the authorization server's issuer identifier). */
  readonly issuer: string;
  /** The `aud` every token must name: this API's resource identifier. */
  readonly audience: string;
  /** Where the authorization server publishes its signing keys (JWKS). */
  readonly jwksUrl: URL;
  /** Clock skew tolerated on `exp` and `nbf`. @default 30 */
  readonly clockToleranceSeconds?: number;
  /**
   * The shortest time between two fetches of the key set when a token names an unknown `kid` (a rotation): it
   * bounds how often forged `kid`s can make us fetch. @default 30000
   */
  readonly jwksCooldownMs?: number;
  /** How long a fetched key set is trusted before it is fetched again. @default 600000 */
  readonly jwksCacheMaxAgeMs?: number;
  /** How long a JWKS fetch may take. @default 5000 */
  readonly jwksTimeoutMs?: number;
}

/** The scopes of a token: `scope` (RFC 9068, space-separated) or `scp` (an array, as some servers issue). */
function scopesOf(payload: JWTPayload): Set<string> {
  const scope = payload.scope;
  const scp = payload.scp;
  if (typeof scope === 'string') return new Set(scope.split(' ').filter(Boolean));
  if (Array.isArray(scp)) return new Set(scp.filter((s): s is string => typeof s === 'string'));
  return new Set();
}

function rejection(error: unknown): AccessTokenRejection | undefined {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return 'missing-claim';
    if (error.claim === 'iss') return 'wrong-issuer';
    if (error.claim === 'aud') return 'wrong-audience';
    if (error.claim === 'nbf') return 'not-yet-valid';
    return 'malformed';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm-not-allowed';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown-key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) return 'malformed';
  return undefined;
}

/**
 * The AccessTokenVerifier port with jose: keys from the authorization server's JWKS (`createRemoteJWKSet`,
 * which fetches again when a token names a `kid` it does not hold, so a key rotation is picked up without a
 * restart), algorithms pinned to RS256/ES256 (`none` and HS256 are refused before any key is looked at), `exp`
 * required, `exp`/`nbf` checked with a bounded skew, `iss` and `aud` exact.
 */
export class JoseAccessTokenVerifier implements AccessTokenVerifier {
  readonly #keys: ReturnType<typeof createRemoteJWKSet>;
  readonly #issuer: string;
  readonly #audience: string;
  readonly #clockTolerance: number;

  constructor(options: JoseAccessTokenVerifierOptions) {
    this.#issuer = options.issuer;
    this.#audience = options.audience;
    this.#clockTolerance = options.clockToleranceSeconds ?? 30;
    this.#keys = createRemoteJWKSet(options.jwksUrl, {
      cooldownDuration: options.jwksCooldownMs ?? 30_000,
      cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
      timeoutDuration: options.jwksTimeoutMs ?? 5_000,
    });
  }

  async verify(token: string): Promise<AccessTokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.#keys, {
        algorithms: [...ALLOWED_ALGORITHMS],
        issuer: this.#issuer,
        audience: this.#audience,
        clockTolerance: this.#clockTolerance,
        requiredClaims: ['exp', 'sub'],
      });
      return { ok: true, token: { subject: payload.sub!, scopes: scopesOf(payload) } };
    } catch (error) {
      const reason = rejection(error);
      if (reason !== undefined) return { ok: false, reason };
      // A key set that cannot be fetched (timeout, refused, not JSON) says nothing about the token.
      throw new AccessTokenVerifierUnavailableError('the signing keys (JWKS) could not be fetched', { cause: error });
    }
  }
}
