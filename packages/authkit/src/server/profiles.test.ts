import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn } from '../../test/instances.js';
import { createDatabaseStorage } from '../adapters/storage/database-storage.js';
import { systemClock } from '../ports/clock.js';
import { createMemoryRateLimiter } from '../adapters/rate-limit/memory-rate-limiter.js';
import { compileProfileFields } from '../services/profile-fields.js';
import { ProfileService } from '../services/profile-service.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { resolveSettings, type AuthkitSettings } from './config.js';
import { signedIn, type Browser } from './uploads.fixtures.js';

const profileFields: AuthkitSettings['profileFields'] = {
  company: { type: 'string', maxLength: 20 },
  newsletter: { type: 'boolean' },
  seats: { type: 'number', integer: true, min: 1, max: 10 },
  plan: { type: 'enum', values: ['free', 'pro'] },
};

describe.each(DRIVERS)('user profiles (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver, { profileFields });
  });
  afterAll(() => t.close());

  const patch = (b: Browser, body: unknown) =>
    b.fetch('/api/auth/me/profile', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('reads and edits name, locale, time zone and custom fields, canonicalised', async () => {
    const b = await signedIn(t);
    const before = await b.profile.get();
    expect(before.ok && before.data).toMatchObject({
      userId: b.userId,
      name: null,
      locale: null,
      timezone: null,
      avatarUrl: null,
      fields: {},
    });
    const updated = await b.profile.update({
      name: '  Ada Lovelace ',
      locale: 'en-gb',
      timezone: 'europe/london',
      fields: { company: 'Engines', newsletter: true, seats: 3, plan: 'pro' },
    });
    expect(updated.ok && updated.data).toMatchObject({
      name: 'Ada Lovelace',
      locale: 'en-GB',
      timezone: 'Europe/London',
      fields: { company: 'Engines', newsletter: true, seats: 3, plan: 'pro' },
    });
    // Fields merge; null removes one and clears a column.
    const merged = await b.profile.update({ locale: null, fields: { newsletter: null } });
    expect(merged.ok && merged.data).toMatchObject({
      locale: null,
      timezone: 'Europe/London',
      fields: { company: 'Engines', seats: 3, plan: 'pro' },
    });
    expect(merged.ok && 'newsletter' in merged.data.fields).toBe(false);
    // The cached user is forgotten: the session shows the new name at once.
    const session = await b.client.getSession();
    expect(session.ok && session.data.user?.name).toBe('Ada Lovelace');
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const b = await signedIn(t);
    await b.profile.update({ name: 'Before', fields: { company: 'Kept' } });
    const cases: Array<[unknown, string]> = [
      [{ name: 'After', locale: 'not a locale!' }, 'locale'],
      [{ name: 'After', timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      [{ name: 'After', timezone: '+01:00' }, 'timezone'],
      [{ name: 'After', fields: { shoeSize: 42 } }, 'fields.shoeSize'],
      [{ name: 'After', fields: { newsletter: 'yes' } }, 'fields.newsletter'],
      [{ name: 'After', fields: { seats: 2.5 } }, 'fields.seats'],
      [{ name: 'After', fields: { seats: 11 } }, 'fields.seats'],
      [{ name: 'After', fields: { plan: 'enterprise' } }, 'fields.plan'],
      [{ name: 'After', fields: { company: 'x'.repeat(21) } }, 'fields.company'],
      [{ name: 'After', fields: { company: 'a\u0000b' } }, 'fields.company'],
      [{ name: 'After', fields: { company: 'a\u202eb' } }, 'fields.company'],
      [{ name: 'Aft\u001b[31mer' }, 'name'],
      [{ name: 'After', email: 'x@example.com' }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const json = JSON.stringify(body);
      const res = await b.fetch('/api/auth/me/profile', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: json,
      });
      const problem = (await res.json()) as { code: string; field: string };
      expect({ status: res.status, ...problem }, json).toMatchObject({
        status: 400,
        code: 'invalid_request',
        field,
      });
    }
    const after = await b.profile.get();
    expect(after.ok && after.data).toMatchObject({ name: 'Before', fields: { company: 'Kept' } });
  });

  it('needs a session and a trusted Origin', async () => {
    const anonymous = t.newBrowser();
    expect((await anonymous.fetch('/api/auth/me/profile')).status).toBe(401);
    const b = await signedIn(t);
    const res = await b.fetch('/api/auth/me/profile', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'Pwned' }),
    });
    expect(res.status).toBe(403);
    expect((await patch(b, {})).status).toBe(200);
  });

  it('audits a change by field name only, with a user.updated webhook event', async () => {
    const b = await signedIn(t);
    await b.profile.update({ name: 'Private Name', fields: { company: 'Secret Co' } });
    const store = await t.authkit.api.store();
    const [event] = await store.audit.query(
      { targetId: b.userId, actions: ['user.profile_updated'] },
      { order: 'desc', limit: 5 },
    );
    expect(event).toMatchObject({
      actorId: b.userId,
      targetType: 'user',
      data: { fields: ['fields.company', 'name'] },
    });
    expect(JSON.stringify(event)).not.toContain('Secret Co');
    const outbox = await store.outbox.list({ limit: 10_000 });
    expect(outbox.some((e) => e.type === 'user.updated' && e.subject === b.userId)).toBe(true);
  });

  it("lets a service caller (an admin) edit another user's profile, audited as the actor", async () => {
    const target = await signedIn(t);
    const admin = await signedIn(t);
    const store = await t.authkit.api.store();
    const service = new ProfileService(
      store,
      systemClock,
      createDatabaseStorage(store.files),
      async () => undefined,
      {
        fields: compileProfileFields(resolveSettings({ profileFields }).profileFields),
        avatarLimits: { maxBytes: 1024 * 1024, maxDimension: 256 },
        filesBase: 'http://localhost:3000/api/auth/files/',
        uploadsPerUser: createMemoryRateLimiter('t', { points: 10, durationSeconds: 60 }),
      },
    );
    const ctx = { ip: null, userAgent: null };
    await service.update(admin.userId, target.userId, { timezone: 'UTC' }, ctx);
    const seen = await target.profile.get();
    expect(seen.ok && seen.data.timezone).toBe('UTC');
    const [event] = await store.audit.query(
      { targetId: target.userId, actions: ['user.profile_updated'] },
      { order: 'desc', limit: 1 },
    );
    expect(event).toMatchObject({ actorId: admin.userId, targetId: target.userId });
    await expect(service.update(admin.userId, 'usr_missing', { name: 'x' }, ctx)).rejects.toThrow(
      /no such user/,
    );
  });
});
