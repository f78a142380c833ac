import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, freshDatabaseUrl } from '../../../test/drivers.js';
import { AUDIT_GENESIS_HASH, PLATFORM_CHAIN } from '../../domain/audit-chain.js';
import { newId } from '../../domain/ids.js';
import type { StorePort } from '../../ports/store.js';
import type { Db } from './db.js';
import { MIGRATIONS, runMigrations } from './migrations.js';
import { openDatabase } from './open-store.js';
import { createDrizzleStore } from './postgres-store.js';

/** Raw SQL through the Drizzle handle; both drivers answer `{ rows }`. */
async function query<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

const uniqueEmail = (label: string) => `${label}-${newId('e')}@example.test`.toLowerCase();
const inOneHour = () => new Date(Date.now() + 3_600_000);

describe.each(DRIVERS)('store (%s)', (driver) => {
  let db: Db;
  let store: StorePort;
  let firstMigration: string[];
  let secondMigration: string[];

  beforeAll(async () => {
    // One database per driver for the whole file; the Drizzle handle allows raw SQL on it.
    const opened = await openDatabase({
      databaseUrl: await freshDatabaseUrl(driver),
      dataDir: 'memory://',
    });
    db = opened.db;
    firstMigration = await runMigrations(db);
    secondMigration = await runMigrations(db);
    store = createDrizzleStore(opened.db, opened.driver, opened.close);
  });

  afterAll(async () => {
    await store?.close();
  });

  async function createUser(label = 'user') {
    return store.users.create({
      id: newId('usr'),
      email: uniqueEmail(label),
      name: label,
      passwordHash: null,
    });
  }

  async function createSession(userId: string) {
    return store.sessions.create({
      id: newId('ses'),
      userId,
      expiresAt: inOneHour(),
      ip: '203.0.113.7',
      userAgent: 'vitest',
      device: 'test',
      amr: ['pwd'],
    });
  }

  async function createRefreshToken(sessionId: string, parentId: string | null = null) {
    return store.refreshTokens.create({
      id: newId('rt'),
      sessionId,
      tokenHash: newId('hash'),
      parentId,
      expiresAt: inOneHour(),
    });
  }

  describe('migrations', () => {
    it('apply every migration once and nothing the second time', async () => {
      expect(store.driver).toBe(driver);
      expect(firstMigration).toEqual(MIGRATIONS.map((m) => m.tag));
      expect(firstMigration.length).toBeGreaterThan(0);
      expect(secondMigration).toEqual([]);
      const rows = await query<{ tag: string }>(
        db,
        sql`select tag from catalyst_migrations order by tag`,
      );
      expect(rows.map((r) => r.tag)).toEqual(MIGRATIONS.map((m) => m.tag));
    });

    it('concurrent re-runs apply nothing and keep the data', async () => {
      const user = await createUser('migrate');
      const results = await Promise.all([runMigrations(db), runMigrations(db), runMigrations(db)]);
      expect(results).toEqual([[], [], []]);
      expect((await store.users.findById(user.id))?.email).toBe(user.email);
      const rows = await query<{ n: number | string }>(
        db,
        sql`select count(*) as n from catalyst_migrations`,
      );
      expect(Number(rows[0]?.n)).toBe(MIGRATIONS.length);
    });
  });

  describe('users', () => {
    it('creates a user and finds it by email and id', async () => {
      const email = uniqueEmail('ada');
      const id = newId('usr');
      const created = await store.users.create({ id, email, name: 'Ada', passwordHash: 'hash-1' });
      expect(created).toMatchObject({
        id,
        email,
        name: 'Ada',
        passwordHash: 'hash-1',
        emailVerified: false,
      });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(created.updatedAt).toBeInstanceOf(Date);

      const byEmail = await store.users.findByEmail(email);
      expect(byEmail).toMatchObject({ id, email, name: 'Ada', emailVerified: false });
      const byId = await store.users.findById(id);
      expect(byId).toMatchObject({ id, email });
      expect(byId?.createdAt.getTime()).toBe(created.createdAt.getTime());

      expect(await store.users.findByEmail(uniqueEmail('nobody'))).toBeNull();
      expect(await store.users.findById(newId('usr'))).toBeNull();

      const profiles = await query<{ user_id: string }>(
        db,
        sql`select user_id from user_profiles where user_id = ${id}`,
      );
      expect(profiles).toHaveLength(1);
    });

    it('keeps emailVerified when given and updates the password hash', async () => {
      const id = newId('usr');
      await store.users.create({
        id,
        email: uniqueEmail('v'),
        name: null,
        passwordHash: 'old',
        emailVerified: true,
      });
      const at = new Date('2031-05-06T07:08:09.010Z');
      await store.users.updatePasswordHash(id, 'new', at);
      const user = await store.users.findById(id);
      expect(user).toMatchObject({ emailVerified: true, passwordHash: 'new', name: null });
      expect(user?.updatedAt.getTime()).toBe(at.getTime());
    });

    it('rejects a second user with the same email', async () => {
      const email = uniqueEmail('dup');
      const first = await store.users.create({
        id: newId('usr'),
        email,
        name: 'first',
        passwordHash: null,
      });
      const before = await store.users.count();
      await expect(
        store.users.create({ id: newId('usr'), email, name: 'second', passwordHash: null }),
      ).rejects.toThrow();
      expect(await store.users.count()).toBe(before);
      expect((await store.users.findByEmail(email))?.id).toBe(first.id);
    });

    it('counts users', async () => {
      const before = await store.users.count();
      expect(typeof before).toBe('number');
      await createUser('count-a');
      await createUser('count-b');
      expect(await store.users.count()).toBe(before + 2);
    });
  });

  describe('sessions and refresh tokens', () => {
    it('revoking a session revokes every refresh token in its family', async () => {
      const user = await createUser('revoke');
      const session = await createSession(user.id);
      const other = await createSession(user.id);
      const t1 = await createRefreshToken(session.id);
      const t2 = await createRefreshToken(session.id, t1.id);
      const t3 = await createRefreshToken(session.id, t2.id);
      const untouched = await createRefreshToken(other.id);
      expect(await store.refreshTokens.markUsed(t1.id, new Date(), 'sealed')).toBe(true);

      const at = new Date('2031-01-02T03:04:05.678Z');
      expect(await store.sessions.revoke(session.id, at)).toBe(true);

      expect((await store.sessions.findById(session.id))?.revokedAt?.getTime()).toBe(at.getTime());
      for (const token of [t1, t2, t3]) {
        const row = await store.refreshTokens.findByHash(token.tokenHash);
        expect(row?.revokedAt?.getTime(), token.id).toBe(at.getTime());
      }
      expect((await store.refreshTokens.findByHash(untouched.tokenHash))?.revokedAt).toBeNull();
      expect((await store.sessions.findById(other.id))?.revokedAt).toBeNull();

      const active = await store.sessions.listActiveForUser(user.id, new Date());
      expect(active.map((s) => s.id)).toEqual([other.id]);

      expect(await store.sessions.revoke(session.id, new Date())).toBe(false);
      expect((await store.sessions.findById(session.id))?.revokedAt?.getTime()).toBe(at.getTime());
      expect(await store.sessions.revoke(newId('ses'), new Date())).toBe(false);
    });

    it('revokeAllForUser spares the excepted session and its tokens', async () => {
      const user = await createUser('revoke-all');
      const keep = await createSession(user.id);
      const a = await createSession(user.id);
      const b = await createSession(user.id);
      const keepToken = await createRefreshToken(keep.id);
      const aToken = await createRefreshToken(a.id);
      const revoked = await store.sessions.revokeAllForUser(user.id, new Date(), keep.id);
      expect([...revoked].sort()).toEqual([a.id, b.id].sort());
      expect((await store.refreshTokens.findByHash(aToken.tokenHash))?.revokedAt).toBeInstanceOf(
        Date,
      );
      expect((await store.refreshTokens.findByHash(keepToken.tokenHash))?.revokedAt).toBeNull();
      expect(
        (await store.sessions.listActiveForUser(user.id, new Date())).map((s) => s.id),
      ).toEqual([keep.id]);
    });

    it('lists only unexpired, unrevoked sessions, most recently seen first', async () => {
      const user = await createUser('list');
      const older = await createSession(user.id);
      const newer = await createSession(user.id);
      await store.sessions.touch(older.id, new Date(Date.now() + 60_000));
      const listed = await store.sessions.listActiveForUser(user.id, new Date());
      expect(listed.map((s) => s.id)).toEqual([older.id, newer.id]);
      expect(
        await store.sessions.listActiveForUser(user.id, new Date(Date.now() + 2 * 3_600_000)),
      ).toEqual([]);
    });

    it('markUsed lets exactly one of five concurrent callers win', async () => {
      const user = await createUser('race');
      const session = await createSession(user.id);
      const token = await createRefreshToken(session.id);
      const at = new Date('2031-02-03T04:05:06.789Z');

      const results = await Promise.all(
        Array.from({ length: 5 }, () => store.refreshTokens.markUsed(token.id, at, 'sealed')),
      );
      expect(results.filter((won) => won)).toHaveLength(1);
      expect(results.filter((won) => !won)).toHaveLength(4);
      expect((await store.refreshTokens.findByHash(token.tokenHash))?.usedAt?.getTime()).toBe(
        at.getTime(),
      );

      expect(await store.refreshTokens.markUsed(token.id, new Date(), 'sealed')).toBe(false);
      expect(await store.refreshTokens.markUsed(newId('rt'), new Date(), 'sealed')).toBe(false);
    });

    it('finds refresh tokens by hash only', async () => {
      const user = await createUser('hash');
      const session = await createSession(user.id);
      const token = await createRefreshToken(session.id);
      expect(await store.refreshTokens.findByHash(token.tokenHash)).toMatchObject({
        id: token.id,
        sessionId: session.id,
        usedAt: null,
        revokedAt: null,
      });
      expect(await store.refreshTokens.findByHash(token.id)).toBeNull();
    });
  });

  describe('transaction', () => {
    it('rolls back every write when the callback throws', async () => {
      const userId = newId('usr');
      const email = uniqueEmail('rollback');
      const sessionId = newId('ses');
      const tokenHash = newId('hash');
      const actorId = newId('actor');
      const before = await store.users.count();

      const failure = new Error('boom');
      await expect(
        store.transaction(async (tx) => {
          await tx.users.create({ id: userId, email, name: null, passwordHash: null });
          await tx.sessions.create({
            id: sessionId,
            userId,
            expiresAt: inOneHour(),
            ip: null,
            userAgent: null,
            device: null,
            amr: ['pwd'],
          });
          await tx.refreshTokens.create({
            id: newId('rt'),
            sessionId,
            tokenHash,
            parentId: null,
            expiresAt: inOneHour(),
          });
          await tx.audit.append(
            { action: 'test.rollback', actorType: 'user', actorId },
            new Date(),
          );
          // Visible inside the transaction...
          expect((await tx.users.findById(userId))?.email).toBe(email);
          throw failure;
        }),
      ).rejects.toBe(failure);

      // ...and gone after it.
      expect(await store.users.findById(userId)).toBeNull();
      expect(await store.users.findByEmail(email)).toBeNull();
      expect(await store.sessions.findById(sessionId)).toBeNull();
      expect(await store.refreshTokens.findByHash(tokenHash)).toBeNull();
      expect(await store.audit.list({ actorId })).toEqual([]);
      expect(await store.users.count()).toBe(before);
      const profiles = await query<{ user_id: string }>(
        db,
        sql`select user_id from user_profiles where user_id = ${userId}`,
      );
      expect(profiles).toEqual([]);
    });

    it('commits every write and returns the callback value when it succeeds', async () => {
      const userId = newId('usr');
      const result = await store.transaction(async (tx) => {
        await tx.users.create({
          id: userId,
          email: uniqueEmail('commit'),
          name: null,
          passwordHash: null,
        });
        const session = await tx.sessions.create({
          id: newId('ses'),
          userId,
          expiresAt: inOneHour(),
          ip: null,
          userAgent: null,
          device: null,
          amr: ['pwd'],
        });
        return session.id;
      });
      expect(await store.users.findById(userId)).not.toBeNull();
      expect((await store.sessions.findById(result))?.userId).toBe(userId);
    });
  });

  describe('audit log', () => {
    it('appends events to one hash chain per org, and one for events without an org', async () => {
      const [orgA, orgB] = [newId('org'), newId('org')];
      const actorId = newId('actor');
      const at = new Date('2031-03-04T05:06:07.089Z');
      const a1 = await store.audit.append(
        {
          action: 'org.updated',
          actorType: 'user',
          actorId,
          orgId: orgA,
          targetType: 'org',
          targetId: orgA,
          ip: '198.51.100.1',
          userAgent: 'vitest',
          requestId: 'req_1',
          data: { b: 1, a: { d: [1, 2, { z: true, y: null }], c: 'x' }, unicode: 'é✓' },
        },
        at,
      );
      const b1 = await store.audit.append(
        { action: 'org.updated', actorType: 'user', orgId: orgB },
        at,
      );
      const p1 = await store.audit.append({ action: 'system.tick', actorType: 'system' }, at);
      const a2 = await store.audit.append(
        { action: 'key.issued', actorType: 'user', actorId, orgId: orgA },
        at,
      );
      const p2 = await store.audit.append({ action: 'system.tick', actorType: 'system' }, at);

      // A new org's chain starts at the genesis hash; each row links to its own chain's last row.
      expect(a1.prevHash).toBe(AUDIT_GENESIS_HASH);
      expect(b1.prevHash).toBe(AUDIT_GENESIS_HASH);
      expect(a2.prevHash).toBe(a1.hash);
      expect(p2.prevHash).toBe(p1.hash);
      expect(a2.seq).toBeGreaterThan(b1.seq);
      expect(a1).toMatchObject({ requestId: 'req_1', schemaVersion: 2, occurredAt: at });
      expect(a1.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(p1).toMatchObject({ orgId: null, actorId: null, targetType: null, requestId: null });

      expect(await store.audit.verify(orgA)).toEqual({ chain: orgA, count: 2, break: null });
      expect(await store.audit.verify(orgB)).toMatchObject({ count: 1, break: null });
      expect((await store.audit.verify(PLATFORM_CHAIN)).break).toBeNull();
      expect(await store.audit.chains()).toEqual(
        expect.arrayContaining([PLATFORM_CHAIN, orgA, orgB]),
      );
      expect((await store.audit.list({ actorId })).map((e) => e.id)).toEqual([a2.id, a1.id]);
      expect(await store.audit.list({ actorId, limit: 1 })).toHaveLength(1);
    });

    it('finds a row edited behind the append-only trigger, and is intact once it is restored', async () => {
      const orgId = newId('org');
      const rows = [];
      for (let i = 0; i < 3; i++)
        rows.push(
          await store.audit.append(
            { action: 'test.tamper', actorType: 'system', orgId, data: { i } },
            new Date(),
          ),
        );
      const victim = rows[1]!;
      // Only the table's owner (or a superuser) can switch the trigger off: a deliberate act.
      const behindTrigger = async (change: ReturnType<typeof sql>) => {
        await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
        try {
          await db.execute(change);
        } finally {
          await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
        }
      };
      await behindTrigger(
        sql`update audit_events set data = ${JSON.stringify({ i: 999 })}::jsonb where seq = ${victim.seq}`,
      );
      expect((await store.audit.verify(orgId)).break).toMatchObject({
        reason: 'edited',
        seq: victim.seq,
        id: victim.id,
      });

      await behindTrigger(
        sql`update audit_events set data = ${JSON.stringify(victim.data)}::jsonb where seq = ${victim.seq}`,
      );
      expect(await store.audit.verify(orgId)).toMatchObject({ count: 3, break: null });
    });

    it('keeps both chains valid under parallel appends in two orgs', async () => {
      const orgs = [newId('org'), newId('org')];
      const appended = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store.audit.append(
            { action: 'test.concurrent', actorType: 'system', orgId: orgs[i % 2], data: { i } },
            new Date(),
          ),
        ),
      );
      expect(new Set(appended.map((e) => e.seq)).size).toBe(40);
      for (const orgId of orgs) {
        const mine = appended.filter((e) => e.orgId === orgId).sort((a, b) => a.seq - b.seq);
        expect(new Set(mine.map((e) => e.prevHash)).size).toBe(20);
        for (let i = 1; i < mine.length; i++) expect(mine[i]!.prevHash).toBe(mine[i - 1]!.hash);
        expect(await store.audit.verify(orgId)).toEqual({ chain: orgId, count: 20, break: null });
      }
    });
  });

  describe('signing keys', () => {
    it('deleteRetired deletes only keys retired at or before the given time', async () => {
      const at = new Date('2031-06-01T00:00:00.000Z');
      const key = (label: string, retiresAt: Date | null) => ({
        kid: newId(`kid_${label}`),
        alg: 'EdDSA' as const,
        publicJwk: { kty: 'OKP', crv: 'Ed25519', x: label },
        privateJwkEncrypted: `sealed-${label}`,
        createdAt: new Date('2031-01-01T00:00:00.000Z'),
        activatesAt: new Date('2031-01-01T00:00:00.000Z'),
        retiresAt,
      });
      const before = key('before', new Date(at.getTime() - 1));
      const exactly = key('exactly', at);
      const later = key('later', new Date(at.getTime() + 1));
      const never = key('never', null);
      for (const k of [before, exactly, later, never]) await store.signingKeys.insert(k);

      const deleted = await store.signingKeys.deleteRetired(at);
      expect([...deleted].sort()).toEqual([before.kid, exactly.kid].sort());
      const kids = (await store.signingKeys.list()).map((k) => k.kid);
      expect(kids).toEqual(expect.arrayContaining([later.kid, never.kid]));
      expect(kids).not.toContain(before.kid);
      expect(kids).not.toContain(exactly.kid);
      // The private material goes with the row.
      const raw = await query<{ kid: string }>(
        db,
        sql`select kid from signing_keys where private_jwk_encrypted in ('sealed-before', 'sealed-exactly')`,
      );
      expect(raw).toEqual([]);
      expect(await store.signingKeys.deleteRetired(at)).toEqual([]);
    });
  });

  describe('locks and health', () => {
    it('withLock serializes callers on the same name', async () => {
      const order: string[] = [];
      const hold = (label: string, ms: number) =>
        store.withLock('store-test', async () => {
          order.push(`${label}:start`);
          await new Promise((resolve) => setTimeout(resolve, ms));
          order.push(`${label}:end`);
        });
      await Promise.all([hold('a', 100), hold('b', 10)]);
      expect(order).toHaveLength(4);
      // Whichever ran first finished before the other started.
      expect(order[0]?.split(':')[0]).toBe(order[1]?.split(':')[0]);
      expect(order[2]?.split(':')[0]).toBe(order[3]?.split(':')[0]);
    });

    it('pings', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
});
