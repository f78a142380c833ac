import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';
import { PASSWORD, uniqueEmail } from '../../test/instances.js';

describe('Origin check on cookie-authenticated writes (CSRF)', () => {
  let t: TestInstance;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestInstance({ trustedOrigins: ['https://admin.example.com'] });
    const up = await t.client.signUp({ email: uniqueEmail(), password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    cookie = `catalyst_access=${t.jar.get('catalyst_access')}; catalyst_refresh=${t.jar.get('catalyst_refresh')}`;
  });
  afterAll(() => t.close());

  const signOut = (headers: Record<string, string>) =>
    t.authkit.handler(
      new Request('http://localhost:3000/api/auth/sign-out', {
        method: 'POST',
        headers: { cookie, ...headers },
      }),
    );

  it('refuses a cross-site origin with 403 problem+json and leaves the session alive', async () => {
    const res = await signOut({ origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'origin_mismatch' });
    const session = await t.client.getSession();
    expect(session.ok && session.data.user).not.toBeNull();
  });

  it('refuses a cookie write that carries no Origin or Referer', async () => {
    expect((await signOut({})).status).toBe(403);
  });

  it('accepts a Referer from the app origin when Origin is absent', async () => {
    const res = await t.authkit.handler(
      new Request('http://localhost:3000/api/auth/token', {
        method: 'POST',
        headers: {
          cookie,
          referer: 'http://localhost:3000/dashboard',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ grant_type: 'refresh_token' }),
      }),
    );
    expect(res.status).toBe(200);
  });

  it('accepts a configured trusted origin', async () => {
    const res = await t.authkit.handler(
      new Request('http://localhost:3000/api/auth/sign-in', {
        method: 'POST',
        headers: { origin: 'https://admin.example.com', 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'whatever1' }),
      }),
    );
    expect(res.status).toBe(401); // past the origin check, failed on credentials
  });

  it('refuses sign-in posted from a foreign page (login CSRF)', async () => {
    const res = await t.authkit.handler(
      new Request('http://localhost:3000/api/auth/sign-in', {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.com', password: 'whatever1' }),
      }),
    );
    expect(res.status).toBe(403);
  });

  it('lets reads through without an Origin', async () => {
    const res = await t.authkit.handler(
      new Request('http://localhost:3000/api/auth/session', { headers: { cookie } }),
    );
    expect(res.status).toBe(200);
  });
});
