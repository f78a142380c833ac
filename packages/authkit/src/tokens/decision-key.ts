const encoder = new TextEncoder();

/**
 * The HMAC key for forward-auth decision cookies: HKDF-SHA-256(root secret, purpose), on Web
 * Crypto, so the server, the Next mount and `catalyst forward-auth` derive the same key from
 * `CATALYST_SECRET` and accept each other's cookies.
 */
export async function deriveDecisionKey(rootSecret: string): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', encoder.encode(rootSecret), 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('catalyst-authkit/v1'),
      info: encoder.encode('forward-auth-decisions'),
    },
    ikm,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}
