/** Who a verified access token speaks for, and what it lets them do (its OAuth scopes). */
export interface AccessToken {
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
}

/**
 * Why a token was refused: each is a 401 at the edge, with a detail of our own (never the token, never the
 * library's message).
 */
export type AccessTokenRejection =
  | 'malformed'
  | 'algorithm-not-allowed'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'missing-claim';

/** An expected refusal is a value; a key set that cannot be fetched is not the client's fault and throws. */
export type AccessTokenCheck = { readonly ok: true; readonly token: AccessToken } | { readonly ok: false; readonly reason: AccessTokenRejection };

/** Thrown when the verifier cannot decide (the key set is unreachable or invalid): a 503, not a 401. */
export class AccessTokenVerifierUnavailableError extends Error {}

/**
 * Verifies a bearer access token (a JWT from the authorization server): signature with a pinned algorithm,
 * expiry and not-before with a bounded clock skew, issuer and audience. The http app asks it before any write.
 */
export interface AccessTokenVerifier {
  verify(token: string): Promise<AccessTokenCheck>;
}
