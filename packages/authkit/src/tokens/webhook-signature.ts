import { Webhook } from 'standardwebhooks';

/** Bytes of randomness in a `whsec_` secret (Standard Webhooks allows 24–64). */
const SECRET_BYTES = 32;

/** A new endpoint secret: `whsec_` and base64 of 32 random bytes (DESIGN §3). */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `whsec_${btoa(binary)}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks headers for one delivery, signed by the `standardwebhooks` package itself:
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret, space-separated, so a
 * receiver holding either the old or the new secret accepts a delivery while a secret rotates.
 */
export function signWebhook(input: {
  secrets: readonly string[];
  id: string;
  timestamp: Date;
  body: string;
}): SignedHeaders {
  if (input.secrets.length === 0) throw new TypeError('signWebhook needs at least one secret');
  const signatures = input.secrets.map((secret) =>
    new Webhook(secret).sign(input.id, input.timestamp, input.body),
  );
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(Math.floor(input.timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
