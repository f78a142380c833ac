import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '../client/admin-client.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, uniqueEmail } from '../../test/instances.js';

const ADMIN = { email: 'platform-admin@example.com', password: 'platform admin password' };

// DESIGN §10 / issue 12: platform admins perform every org operation on any org (the org admin
// panel works for them), support reads, and everyone else still gets 404 for orgs they are not in.
describe.each(DRIVERS)('org operations at platform scope (%s)', (driver) => {
  let t: TestInstance;
  let ip = 0;
  beforeAll(async () => {
    t = await instanceOn(driver, { adminEmail: ADMIN.email, adminPassword: ADMIN.password });
  });
  afterAll(() => t.close());

  const browser = () => t.newBrowser({ ip: `10.8.0.${++ip}` });
  async function signedIn(tag: string) {
    const b = browser();
    const email = uniqueEmail(tag);
    const up = await b.client.signUp({ email, password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    return { ...b, email, id: up.data.user.id };
  }
  const send = (b: { fetch: typeof fetch }, method: string, path: string, body?: unknown) =>
    b.fetch(`/api/auth${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });

  it('lets a platform admin run org operations on an org they are not in, audited as themselves', async () => {
    const owner = await signedIn('owner');
    const org = await owner.client.orgs.create({
      name: 'Tenant',
      slug: `tenant-${Date.now().toString(36)}`,
    });
    if (!org.ok) throw new Error(org.error.message);
    const admin = browser();
    const signIn = await admin.client.signIn(ADMIN);
    expect(signIn.ok).toBe(true);
    const o = org.data.id;
    expect((await send(admin, 'GET', `/orgs/${o}`)).status).toBe(200);
    expect((await send(admin, 'PATCH', `/orgs/${o}`, { name: 'Renamed by platform' })).status).toBe(
      200,
    );
    expect((await send(admin, 'GET', `/orgs/${o}/members`)).status).toBe(200);
    expect((await send(admin, 'POST', `/orgs/${o}/groups`, { name: 'Ops' })).status).toBe(201);
    expect((await send(admin, 'GET', `/orgs/${o}/keys`)).status).toBe(200);
    expect((await send(admin, 'GET', `/orgs/${o}/webhooks`)).status).toBe(200);
    const audit = await send(admin, 'GET', `/orgs/${o}/audit?action=org.updated`);
    const events = ((await audit.json()) as { events: Array<{ actor: { id: string } }> }).events;
    expect(events[0]?.actor.id).toBe(signIn.ok && 'user' in signIn.data ? signIn.data.user.id : '');
    const found = await createAdminClient(admin.client).orgs.list({ q: 'renamed by PLATFORM' });
    expect(found.ok && found.data.orgs.map((x) => [x.id, x.memberCount, x.owner?.id])).toEqual([
      [o, 1, owner.id],
    ]);
    const one = await createAdminClient(admin.client).orgs.get(o);
    expect(one.ok && one.data.name).toBe('Renamed by platform');
    // Acting on an org makes nobody a member of it.
    const mine = await admin.client.orgs.list();
    expect(mine.ok && mine.data.orgs.map((x) => x.id)).not.toContain(o);
  });

  it('lets support read an org and refuses its writes; others still get 404', async () => {
    const owner = await signedIn('owner');
    const org = await owner.client.orgs.create({
      name: 'Tenant 2',
      slug: `tenant2-${Date.now().toString(36)}`,
    });
    if (!org.ok) throw new Error(org.error.message);
    const o = org.data.id;
    const support = await signedIn('support');
    await t.authkit.api.users.setPlatformRoles(support.email, ['support']);
    expect((await send(support, 'GET', `/orgs/${o}`)).status).toBe(200);
    expect((await send(support, 'GET', `/orgs/${o}/audit`)).status).toBe(200);
    expect((await send(support, 'PATCH', `/orgs/${o}`, { name: 'x' })).status).toBe(403);
    expect((await send(support, 'POST', `/orgs/${o}/groups`, { name: 'G' })).status).toBe(403);
    expect((await send(support, 'DELETE', `/orgs/${o}`)).status).toBe(403);
    const outsider = await signedIn('outsider');
    expect((await send(outsider, 'GET', `/orgs/${o}`)).status).toBe(404);
    const after = await owner.client.orgs.get(o);
    expect(after.ok && after.data.name).toBe('Tenant 2');
  });
});
