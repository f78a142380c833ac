import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook } from './webhook-signature.js';

// The example in the Standard Webhooks specification (and its reference libraries' tests).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks signatures', () => {
  it('reproduces the specification’s test vector', () => {
    const headers = signWebhook({
      secrets: [VECTOR.secret],
      id: VECTOR.id,
      timestamp: new Date(VECTOR.timestamp * 1000),
      body: VECTOR.body,
    });
    expect(headers).toEqual({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': String(VECTOR.timestamp),
      'webhook-signature': VECTOR.signature,
    });
  });

  it('is HMAC-SHA256 over "id.timestamp.body" keyed by the base64 part of the secret', () => {
    const key = Buffer.from(VECTOR.secret.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key)
      .update(`${VECTOR.id}.${VECTOR.timestamp}.${VECTOR.body}`)
      .digest('base64');
    expect(`v1,${mac}`).toBe(VECTOR.signature);
  });

  it('signs with every secret during a rotation; a receiver with either one verifies', () => {
    const [before, after] = [newWebhookSecret(), newWebhookSecret()];
    const body = JSON.stringify({ type: 'key.issued', data: { keyId: 'key_1' } });
    const headers = signWebhook({
      secrets: [before, after],
      id: 'msg_rotation',
      timestamp: new Date(),
      body,
    });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [before, after]) {
      expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    }
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(before).verify(`${body} `, { ...headers })).toThrow();
  });

  it('makes secrets of the documented shape, never twice the same', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
