import { decodeJwt } from 'jose';

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
  void config;
  return async (token) => {
    // TODO: this decodes the token. It does not verify anything.
    const payload = decodeJwt(token);
    return {
      subject: String(payload.sub),
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
      expiresAt: new Date((payload.exp ?? 0) * 1000),
    };
  };
}
