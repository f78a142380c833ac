import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, freshDatabaseUrl } from '../../../test/drivers.js';
import { newId } from '../../domain/ids.js';
import type { StorePort } from '../../ports/store.js';
import { createDatabaseStorage } from '../storage/database-storage.js';
import type { Db } from './db.js';
import { runMigrations } from './migrations.js';
import { openDatabase } from './open-store.js';
import { createDrizzleStore } from './postgres-store.js';

describe.each(DRIVERS)('profiles and stored files (%s)', (driver) => {
  let store: StorePort;
  let db: Db;
  beforeAll(async () => {
    // The Drizzle handle too: one test removes a row by hand.
    const opened = await openDatabase({
      databaseUrl: await freshDatabaseUrl(driver),
      dataDir: 'memory://',
    });
    db = opened.db;
    await runMigrations(db);
    store = createDrizzleStore(db, opened.driver, opened.close);
  });
  afterAll(() => store.close());

  const user = () =>
    store.users.create({
      id: newId('usr'),
      email: `${newId('e')}@example.test`,
      name: 'Someone',
      passwordHash: null,
    });

  it('reads, merges fields in the database, and swaps the avatar under a lock', async () => {
    const { id } = await user();
    expect(await store.profiles.get(id)).toMatchObject({
      name: 'Someone',
      locale: null,
      data: {},
      avatarFileId: null,
    });
    const at = new Date();
    await store.profiles.update(id, { setFields: { a: 1, b: 'two' }, locale: 'fr' }, at);
    // Two writers touching different fields: neither undoes the other.
    await Promise.all([
      store.profiles.update(id, { setFields: { c: true } }, at),
      store.profiles.update(id, { removeFields: ['a'] }, at),
    ]);
    const merged = await store.profiles.get(id);
    expect(merged).toMatchObject({ locale: 'fr', data: { b: 'two', c: true } });
    expect(merged?.data).not.toHaveProperty('a');

    expect(await store.profiles.swapAvatar(id, 'file_one', at)).toEqual({ previous: null });
    expect(await store.profiles.swapAvatar(id, 'file_two', at)).toEqual({ previous: 'file_one' });
    expect(await store.profiles.swapAvatar(id, null, at)).toEqual({ previous: 'file_two' });
    expect(await store.profiles.swapAvatar('usr_missing', 'file_x', at)).toBeNull();
    expect(await store.profiles.get('usr_missing')).toBeNull();
  });

  it('creates the profile row for a user who has none', async () => {
    const { id } = await user();
    // A user made before profiles existed has no user_profiles row.
    await db.execute(sql`delete from user_profiles where user_id = ${id}`);
    expect(await store.profiles.get(id)).toMatchObject({ data: {}, timezone: null });
    expect(await store.profiles.update(id, { timezone: 'UTC' }, new Date())).toMatchObject({
      timezone: 'UTC',
    });
    await db.execute(sql`delete from user_profiles where user_id = ${id}`);
    expect(await store.profiles.swapAvatar(id, 'file_a', new Date())).toEqual({ previous: null });
  });

  it('keeps image bytes exact, with their hash, owner and type', async () => {
    const storage = createDatabaseStorage(store.files);
    const bytes = new Uint8Array([0x89, 0x50, 0x00, 0xff, 0x0a, 0x0d, 0x00, 0x7f]);
    const info = await storage.put({
      ownerType: 'org',
      ownerId: 'org_x',
      purpose: 'logo',
      contentType: 'image/png',
      bytes,
    });
    expect(info).toMatchObject({ contentType: 'image/png', size: 8 });
    expect(info.id).toMatch(/^file_[0-9a-z]{24}$/);
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await storage.get(info.id);
    expect(file).toMatchObject({ ownerType: 'org', ownerId: 'org_x', purpose: 'logo' });
    expect([...file!.bytes]).toEqual([...bytes]);
    await storage.delete(info.id);
    expect(await storage.get(info.id)).toBeNull();
    await storage.delete(info.id); // twice is fine
  });
});
