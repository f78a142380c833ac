import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextStart, type RunningApp } from './next-server.js';

// Its own `next start` (the build is shared): these tests use up loopback's sign-in budget.
let app: RunningApp;
beforeAll(async () => {
  app = await nextStart(fileURLToPath(new URL('..', import.meta.url)));
});
afterAll(() => app?.stop());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url, ...headers },
    body: JSON.stringify(body),
  });

describe('client address in the Next route handler', () => {
  it('stores the socket address on the session, not a client-sent X-Forwarded-For', async () => {
    const res = await post(
      '/sign-up',
      { email: `xff-${Date.now()}@example.com`, password: 'correct horse battery staple 42' },
      { 'x-forwarded-for': '6.6.6.6', 'x-catalyst-peer': '7.7.7.7' },
    );
    expect(res.status).toBe(201);
    const { session } = (await res.json()) as { session: { ip: string } };
    expect(session.ip).toBe('127.0.0.1');
  });

  it('does not give a client that rotates X-Forwarded-For a fresh sign-in bucket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const forged = ['198.51.100.1', ',', '', '203.0.113.9, 198.51.100.2'][i % 4]!;
      const res = await post(
        '/sign-in',
        { email: `nobody-${i}@example.com`, password: 'not the password 1' },
        forged ? { 'x-forwarded-for': forged } : {},
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});
