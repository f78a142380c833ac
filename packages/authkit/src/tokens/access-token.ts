import { SignJWT } from 'jose';
import type { AccessTokenClaims, SigningAlgorithm } from '../domain/types.js';
import { newId } from '../domain/ids.js';

export interface ActiveSigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
}

export type AccessTokenBody = Omit<AccessTokenClaims, 'iss' | 'aud' | 'exp' | 'iat' | 'jti'>;

export interface MintOptions {
  issuer: string;
  audience: string;
  ttlSeconds: number;
  now: Date;
}

/** Signs an RFC 9068 access token (`typ: at+jwt`) with the key ring's current key. */
export function mintAccessToken(
  body: AccessTokenBody,
  key: ActiveSigningKey,
  options: MintOptions,
): Promise<string> {
  const iat = Math.floor(options.now.getTime() / 1000);
  return new SignJWT({ ...body })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds)
    .setJti(newId('at'))
    .sign(key.privateKey);
}
