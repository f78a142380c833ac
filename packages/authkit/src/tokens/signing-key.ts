import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { SigningAlgorithm } from '../domain/types.js';

export interface GeneratedSigningKey {
  kid: string;
  alg: SigningAlgorithm;
  /** Public JWK as JWKS publishes it (`kid`, `alg`, `use: "sig"`). */
  publicJwk: JWK;
  privateJwk: JWK;
}

/** A fresh key pair; the kid is its RFC 7638 thumbprint, so it is stable and collision-free. */
export async function generateSigningKey(alg: SigningAlgorithm): Promise<GeneratedSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
    ...(alg === 'RS256' ? { modulusLength: 2048 } : {}),
  });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub);
  return {
    kid,
    alg,
    publicJwk: { ...pub, kid, alg, use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg },
  };
}

export async function importPrivateKey(jwk: JWK, alg: SigningAlgorithm): Promise<CryptoKey> {
  const key = await importJWK(jwk, alg);
  if (key instanceof Uint8Array) throw new TypeError('expected an asymmetric private key');
  return key;
}
