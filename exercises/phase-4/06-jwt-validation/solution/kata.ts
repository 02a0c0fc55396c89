import { importSPKI, jwtVerify } from 'jose';

export interface VerifierConfig {
  /** The authorization server's RSA public key, PEM (SPKI, "-----BEGIN PUBLIC KEY-----"). */
  publicKeyPem: string;
  issuer: string;
  audience: string;
  /** Accepted clock skew for exp/nbf. @default 30 */
  clockToleranceSeconds?: number;
}

export interface AccessToken {
  subject: string;
  scopes: string[];
  expiresAt: Date;
}

export type VerifyToken = (token: string, now?: Date) => Promise<AccessToken>;

export async function createVerifier(config: VerifierConfig): Promise<VerifyToken> {
  // Import once, as an RSA public key bound to RS256. Passing the PEM text as bytes instead would
  // make it an HMAC secret — and the public key is, by definition, known to attackers.
  const key = await importSPKI(config.publicKeyPem, 'RS256');

  return async (token, now = new Date()) => {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['RS256'], // pin the algorithm: never let the token's header choose it
      issuer: config.issuer,
      audience: config.audience, // a token minted for another API must not work here
      clockTolerance: config.clockToleranceSeconds ?? 30,
      requiredClaims: ['exp', 'sub'], // jose checks exp only if present; a token without it never expires
      typ: 'at+jwt', // RFC 9068: tells access tokens apart from ID tokens
      currentDate: now,
    });
    return {
      subject: payload.sub as string, // present: required above
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
      expiresAt: new Date((payload.exp as number) * 1000),
    };
  };
}
