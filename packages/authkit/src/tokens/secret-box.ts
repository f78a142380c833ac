import { CompactEncrypt, compactDecrypt } from 'jose';

/** Encrypts values that must be recovered later (signing keys, webhook secrets) at rest. */
export interface SecretBox {
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

const encoder = new TextEncoder();

/**
 * A JWE (`dir` + A256GCM) box whose key is HKDF-SHA-256(root secret, purpose). Each purpose gets
 * its own key, so a leaked webhook secret key cannot open signing keys.
 */
export async function createSecretBox(rootSecret: string, purpose: string): Promise<SecretBox> {
  const ikm = await crypto.subtle.importKey('raw', encoder.encode(rootSecret), 'HKDF', false, [
    'deriveKey',
  ]);
  const key = await crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('catalyst-authkit/v1'),
      info: encoder.encode(purpose),
    },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return {
    seal: (plaintext) =>
      new CompactEncrypt(encoder.encode(plaintext))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .encrypt(key),
    async open(sealed) {
      const { plaintext } = await compactDecrypt(sealed, key, { keyManagementAlgorithms: ['dir'] });
      return new TextDecoder().decode(plaintext);
    },
  };
}
