import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS, freshDatabaseUrl } from '../../test/drivers.js';
import { PASSWORD, uniqueEmail } from '../../test/instances.js';

describe.each(DRIVERS)('cache-first session check (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    const databaseUrl = await freshDatabaseUrl(driver);
    t = await createTestInstance(databaseUrl ? { databaseUrl } : {});
  });
  afterAll(() => t.close());

  it('answers a repeat signed-in GET /session without a query', async () => {
    const browser = t.newBrowser();
    await browser.client.signUp({ email: uniqueEmail('hot'), password: PASSWORD });
    await browser.client.getSession(); // warms the caches
    const store = await t.authkit.api.store();
    const sessions = vi.spyOn(store.sessions, 'findById');
    const users = vi.spyOn(store.users, 'findById');
    try {
      for (let i = 0; i < 5; i += 1) {
        const r = await browser.client.getSession();
        expect(r.ok && r.data.user).not.toBeNull();
      }
      expect(sessions).not.toHaveBeenCalled();
      expect(users).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('still signs a revoked session out at once on the instance that revoked it', async () => {
    const a = t.newBrowser();
    const up = await a.client.signUp({ email: uniqueEmail('rev'), password: PASSWORD });
    await a.client.getSession();
    const token = a.jar.get('catalyst_access')!;
    expect(await t.authkit.api.getSession(token)).not.toBeNull();
    await t.authkit.api.revokeSession(up.ok ? up.data.session.id : '');
    expect(await t.authkit.api.getSession(token)).toBeNull();
    const r = await a.client.getSession();
    expect(r.ok && r.data.user).toBeNull();
  });
});

describe('revocation across instances with their own memory caches (postgres)', () => {
  let a: TestInstance;
  let b: TestInstance;
  beforeAll(async () => {
    const databaseUrl = (await freshDatabaseUrl('postgres'))!;
    // One database, two instances, no shared cache: B learns of A's revocation within its TTL.
    a = await createTestInstance({ databaseUrl, sessionCacheSeconds: 1 });
    b = await createTestInstance({ databaseUrl, sessionCacheSeconds: 1 });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('takes effect on the other instance within sessionCacheSeconds', async () => {
    const browser = a.newBrowser();
    const up = await browser.client.signUp({ email: uniqueEmail('multi'), password: PASSWORD });
    const token = browser.jar.get('catalyst_access')!;
    expect(await b.authkit.api.getSession(token)).not.toBeNull(); // B caches the live session
    await a.authkit.api.revokeSession(up.ok ? up.data.session.id : '');
    expect(await a.authkit.api.getSession(token)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await b.authkit.api.getSession(token)).toBeNull();
  });
});
