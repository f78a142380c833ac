import { base64url } from 'jose';

/** An unguessable bearer string (256 bits) for refresh tokens and similar. */
export function randomToken(bytes = 32): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)));
}
