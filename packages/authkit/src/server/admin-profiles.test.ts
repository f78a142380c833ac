import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '../client/admin-client.js';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn } from '../../test/instances.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { SVG_WITH_SCRIPT, png, put, signedIn } from './uploads.fixtures.js';

const ADMIN = { email: 'profile-admin@example.com', password: 'profile admin password 1' };

describe.each(DRIVERS)('admin edits of user profiles (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver, {
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      profileFields: { company: { type: 'string', maxLength: 20 }, seats: { type: 'number' } },
    });
  });
  afterAll(() => t.close());

  let ip = 0;
  async function admin() {
    const browser = t.newBrowser({ ip: `10.44.0.${++ip}` });
    const res = await browser.client.signIn(ADMIN);
    if (!res.ok) throw new Error(res.error.message);
    return Object.assign(browser, { admin: createAdminClient(browser.client) });
  }

  it("reads and edits a user's locale, time zone and custom fields, audited as the admin's", async () => {
    const a = await admin();
    const u = await signedIn(t);
    const edited = await a.admin.users.updateProfile(u.userId, {
      locale: 'de-de',
      timezone: 'europe/berlin',
      fields: { company: 'Acme' },
    });
    expect(edited.ok && edited.data).toMatchObject({
      userId: u.userId,
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
      fields: { company: 'Acme' },
    });
    // The user sees the admin's change as theirs.
    const own = await u.profile.get();
    expect(own.ok && own.data.fields).toEqual({ company: 'Acme' });
    const read = await a.admin.users.getProfile(u.userId);
    expect(read.ok && read.data.timezone).toBe('Europe/Berlin');
    const events = (await (
      await a.fetch(`/api/auth/admin/audit?targetId=${u.userId}&action=user.profile_updated`)
    ).json()) as { events: Array<{ actor: { id: string }; data: { fields: string[] } }> };
    expect(events.events).toHaveLength(1);
    expect(events.events[0]!.actor.id).not.toBe(u.userId);
    expect(events.events[0]!.data.fields).toEqual(['fields.company', 'locale', 'timezone']);
  });

  it('refuses a bad field with 400 naming it and writes nothing of the patch', async () => {
    const a = await admin();
    const u = await signedIn(t);
    for (const [patch, field] of [
      [{ locale: 'not a locale!!', timezone: 'Europe/Paris' }, 'locale'],
      [{ timezone: 'Mars/Olympus', locale: 'fr' }, 'timezone'],
      [{ fields: { unknown: 1 }, locale: 'fr' }, 'fields.unknown'],
      [{ fields: { company: 'x'.repeat(21) } }, 'fields.company'],
    ] as const) {
      const res = await a.admin.users.updateProfile(u.userId, patch);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.status).toBe(400);
        expect(res.error.field).toBe(field);
      }
    }
    const after = await u.profile.get();
    expect(after.ok && after.data).toMatchObject({ locale: null, timezone: null, fields: {} });
    const missing = await a.admin.users.updateProfile('usr_doesnotexist', { locale: 'fr' });
    expect(!missing.ok && missing.error.status).toBe(404);
  });

  it("replaces and removes a user's avatar, re-encoded; refuses an SVG with script", async () => {
    const a = await admin();
    const u = await signedIn(t);
    const svg = await a.admin.users.uploadAvatar(
      u.userId,
      new Blob([SVG_WITH_SCRIPT as BlobPart], { type: 'image/svg+xml' }),
    );
    expect(!svg.ok && svg.error.status).toBe(415);
    const set = await a.admin.users.uploadAvatar(
      u.userId,
      new Blob([(await png()) as BlobPart], { type: 'image/png' }),
    );
    expect(set.ok).toBe(true);
    const url = set.ok ? set.data.avatarUrl : null;
    expect(url).toMatch(/\/files\/file_/);
    const served = await a.fetch(url!);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await a.admin.users.deleteAvatar(u.userId)).ok).toBe(true);
    const own = await u.profile.get();
    expect(own.ok && own.data.avatarUrl).toBeNull();
    // The old file is gone once nothing points to it.
    expect((await a.fetch(url!)).status).toBe(404);
  });

  it("removes a deleted user's avatar file with the account", async () => {
    const a = await admin();
    const u = await signedIn(t);
    const set = await a.admin.users.uploadAvatar(
      u.userId,
      new Blob([(await png()) as BlobPart], { type: 'image/png' }),
    );
    const url = set.ok ? set.data.avatarUrl : null;
    expect((await a.fetch(url!)).status).toBe(200);
    expect((await a.admin.users.delete(u.userId)).ok).toBe(true);
    expect((await a.fetch(url!)).status).toBe(404);
  });

  it('refuses a member the same calls, before reading an upload', async () => {
    const member = await signedIn(t);
    const victim = await signedIn(t);
    const mine = createAdminClient(member.client);
    const read = await mine.users.getProfile(victim.userId);
    expect(!read.ok && read.error.status).toBe(403);
    const write = await mine.users.updateProfile(victim.userId, { locale: 'fr' });
    expect(!write.ok && write.error.status).toBe(403);
    const upload = await put(member, `/admin/users/${victim.userId}/avatar`, await png());
    expect(upload.status).toBe(403);
    const after = await victim.profile.get();
    expect(after.ok && after.data).toMatchObject({ locale: null, avatarUrl: null });
  });
});
