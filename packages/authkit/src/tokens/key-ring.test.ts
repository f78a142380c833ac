import { sql } from 'drizzle-orm';
import type { JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS, freshDatabaseUrl } from '../../test/drivers.js';
import type { Db } from '../adapters/store/db.js';
import { runMigrations } from '../adapters/store/migrations.js';
import { openDatabase } from '../adapters/store/open-store.js';
import { createDrizzleStore } from '../adapters/store/postgres-store.js';
import { verifyAccessToken } from '../edge/verify-access-token.js';
import type { SigningKeyRecord, StorePort } from '../ports/store.js';
import { mintAccessToken } from './access-token.js';
import { KeyRing, keyStates, prunableKeys, type KeyRingOptions } from './key-ring.js';
import { createSecretBox, type SecretBox } from './secret-box.js';

const SECRET = 'test-root-secret-0123456789abcdef0123456789abcdef';
const JWKS_CACHE_SECONDS = 300;
const MAX_TOKEN_LIFETIME_SECONDS = 900;
const OPTIONS: KeyRingOptions = {
  alg: 'EdDSA',
  jwksCacheSeconds: JWKS_CACHE_SECONDS,
  maxTokenLifetimeSeconds: MAX_TOKEN_LIFETIME_SECONDS,
  reloadSeconds: 0,
};

/** A clock tests move by hand. */
class TestClock {
  current = new Date('2030-01-01T00:00:00.000Z');
  now = (): Date => this.current;
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
}

const kidsOf = (jwks: { keys: JWK[] }) => jwks.keys.map((k) => k.kid).sort();

describe.each(DRIVERS)('KeyRing (%s)', (driver) => {
  let db: Db;
  let store: StorePort;
  let box: SecretBox;

  beforeAll(async () => {
    // The raw handle lets each test start from an empty signing_keys table on the shared database.
    const opened = await openDatabase({
      databaseUrl: await freshDatabaseUrl(driver),
      dataDir: 'memory://',
    });
    await runMigrations(opened.db);
    db = opened.db;
    store = createDrizzleStore(opened.db, opened.driver, opened.close);
    box = await createSecretBox(SECRET, 'signing-keys');
  });

  afterAll(async () => {
    await store?.close();
  });

  beforeEach(async () => {
    await db.execute(sql`delete from signing_keys`);
  });

  it('runs on the expected driver', () => {
    expect(store.driver).toBe(driver);
  });

  it('ensureKey creates exactly one key when called concurrently', async () => {
    const clock = new TestClock();
    const rings = [0, 1, 2].map(() => new KeyRing(store, box, clock, OPTIONS));
    expect(await store.signingKeys.list()).toHaveLength(0);

    await Promise.all(rings.map((ring) => ring.ensureKey()));

    const keys = await store.signingKeys.list();
    expect(keys).toHaveLength(1);
    const [only] = keys;
    expect(only?.alg).toBe('EdDSA');
    expect(only?.retiresAt).toBeNull();
    expect(only?.activatesAt.getTime()).toBe(clock.current.getTime());
    const kids = await Promise.all(rings.map(async (ring) => (await ring.current()).kid));
    expect(kids).toEqual([only?.kid, only?.kid, only?.kid]);

    // A later start finds the key and adds nothing.
    await new KeyRing(store, box, clock, OPTIONS).ensureKey();
    expect(await store.signingKeys.list()).toHaveLength(1);
  });

  it('rotate publishes the new key before it signs, and retires the old one after its tokens expire', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store, box, clock, OPTIONS);
    await ring.ensureKey();
    const oldKid = (await ring.current()).kid;

    clock.advance(60_000);
    const rotatedAt = clock.current.getTime();
    const result = await ring.rotate();
    const newKid = result.kid;
    expect(newKid).not.toBe(oldKid);
    expect(result.activatesAt.getTime()).toBe(rotatedAt + JWKS_CACHE_SECONDS * 1000);
    const retiresAt =
      rotatedAt + (JWKS_CACHE_SECONDS + MAX_TOKEN_LIFETIME_SECONDS + JWKS_CACHE_SECONDS) * 1000;
    expect(result.retired.map((r) => ({ kid: r.kid, retiresAt: r.retiresAt.getTime() }))).toEqual([
      { kid: oldKid, retiresAt },
    ]);

    // Published at once, but the old key keeps signing through the JWKS cache window.
    expect(kidsOf(await ring.jwks())).toEqual([newKid, oldKid].sort());
    expect((await ring.current()).kid).toBe(oldKid);
    clock.set(new Date(result.activatesAt.getTime() - 1));
    expect((await ring.current()).kid).toBe(oldKid);

    // A token signed by the old key just before the switch.
    const lastOldToken = await mintAccessToken(
      {
        sub: 'usr_1',
        sid: 'ses_1',
        org: null,
        groups: [],
        labels: [],
        roles: [],
        plan: null,
        ent: [],
        scopes: [],
        amr: ['pwd'],
      },
      await ring.current(),
      {
        issuer: 'https://issuer.test',
        audience: 'aud',
        ttlSeconds: MAX_TOKEN_LIFETIME_SECONDS,
        now: clock.current,
      },
    );

    clock.set(result.activatesAt);
    expect((await ring.current()).kid).toBe(newKid);
    expect(kidsOf(await ring.jwks())).toEqual([newKid, oldKid].sort());

    // Until retiresAt the old key's tokens still verify against the published set.
    clock.set(new Date(retiresAt - 1));
    expect(kidsOf(await ring.jwks())).toEqual([newKid, oldKid].sort());
    const claims = await verifyAccessToken(lastOldToken, {
      keys: await ring.jwks(),
      issuer: 'https://issuer.test',
      audience: 'aud',
      currentDate: new Date(result.activatesAt.getTime() + 60_000),
    });
    expect(claims.sub).toBe('usr_1');

    clock.set(new Date(retiresAt));
    expect(kidsOf(await ring.jwks())).toEqual([newKid]);
    expect((await ring.current()).kid).toBe(newKid);
    clock.advance(365 * 24 * 3600 * 1000);
    expect(kidsOf(await ring.jwks())).toEqual([newKid]);
  });

  it('rotate({ immediate: true }) signs with the new key at once and keeps the old one published', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store, box, clock, OPTIONS);
    await ring.ensureKey();
    const oldKid = (await ring.current()).kid;

    clock.advance(1_000);
    const result = await ring.rotate({ immediate: true });
    expect(result.activatesAt.getTime()).toBe(clock.current.getTime());
    expect((await ring.current()).kid).toBe(result.kid);
    expect(result.kid).not.toBe(oldKid);
    expect(kidsOf(await ring.jwks())).toEqual([result.kid, oldKid].sort());
    const retiresAt = result.retired[0]?.retiresAt.getTime() ?? 0;
    expect(retiresAt).toBe(
      clock.current.getTime() + (MAX_TOKEN_LIFETIME_SECONDS + JWKS_CACHE_SECONDS) * 1000,
    );

    // What current() hands out really signs tokens that verify against the published keys.
    const token = await mintAccessToken(
      {
        sub: 'usr_2',
        sid: 'ses_2',
        org: null,
        groups: [],
        labels: [],
        roles: [],
        plan: null,
        ent: [],
        scopes: [],
        amr: ['pwd'],
      },
      await ring.current(),
      { issuer: 'https://issuer.test', audience: 'aud', ttlSeconds: 60, now: clock.current },
    );
    const claims = await verifyAccessToken(token, {
      jwks: await ring.keyGetter(),
      issuer: 'https://issuer.test',
      audience: 'aud',
      currentDate: clock.current,
    });
    expect(claims.sub).toBe('usr_2');

    clock.set(new Date(retiresAt));
    expect(kidsOf(await ring.jwks())).toEqual([result.kid]);
  });

  it('a second rotation retires every key still published', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store, box, clock, OPTIONS);
    await ring.ensureKey();
    const first = (await ring.current()).kid;
    const second = await ring.rotate({ immediate: true });
    clock.advance(10_000);
    const third = await ring.rotate({ immediate: true });
    expect(third.retired.map((r) => r.kid).sort()).toEqual([first, second.kid].sort());
    expect((await ring.current()).kid).toBe(third.kid);
    expect(await store.signingKeys.list()).toHaveLength(3);
  });

  it('another instance picks up a rotation only after reloadSeconds', async () => {
    const clock = new TestClock();
    const writer = new KeyRing(store, box, clock, OPTIONS);
    const reader = new KeyRing(store, box, clock, { ...OPTIONS, reloadSeconds: 30 });
    await writer.ensureKey();
    await reader.ensureKey();
    const oldKid = (await reader.current()).kid;

    clock.advance(1_000);
    const result = await writer.rotate({ immediate: true });
    expect((await writer.current()).kid).toBe(result.kid);
    // The reader serves its cached list inside the reload window.
    clock.advance(28_000); // 29 s after the reader loaded
    expect((await reader.current()).kid).toBe(oldKid);
    expect(kidsOf(await reader.jwks())).toEqual([oldKid]);
    clock.advance(1_000);
    expect((await reader.current()).kid).toBe(result.kid);
    expect(kidsOf(await reader.jwks())).toEqual([result.kid, oldKid].sort());
  });

  it('an immediate rotation supersedes a rotation still pending', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store, box, clock, OPTIONS);
    await ring.ensureKey();
    const first = (await ring.current()).kid;

    clock.advance(1_000);
    const scheduled = await ring.rotate();
    expect((await ring.current()).kid).toBe(first);

    // E.g. an emergency rotation before the scheduled key has started signing.
    clock.advance(10_000);
    const emergency = await ring.rotate({ immediate: true });
    expect((await ring.current()).kid).toBe(emergency.kid);
    const retiredKids = emergency.retired.map((r) => r.kid).sort();
    expect(retiredKids).toEqual([first, scheduled.kid].sort());

    // Once the superseded key's activation time passes it must not start signing: it is already
    // scheduled to leave JWKS, so tokens it signed from now on could outlive their public key.
    clock.set(scheduled.activatesAt);
    const signer = await ring.current();
    expect(signer.kid).toBe(emergency.kid);
  });

  it('rotate({ immediate: true }) takes over even within the millisecond the current key activated', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store, box, clock, OPTIONS);
    await ring.ensureKey();
    const result = await ring.rotate({ immediate: true });
    expect((await ring.current()).kid).toBe(result.kid);
  });

  it('current() settles when the only published key has not activated yet on this clock', async () => {
    // Instance A creates the first key; instance B's clock runs 5 s behind A's.
    const clockA = new TestClock();
    const clockB = new TestClock();
    clockB.advance(-5_000);
    await new KeyRing(store, box, clockA, OPTIONS).ensureKey();

    // Count B's key reads and fail them after a bound, so a current() that never settles on its
    // own (on PGlite it would starve the event loop, beating any timer) is cut short.
    let reads = 0;
    const MAX_READS = 50;
    const countingStore: StorePort = {
      ...store,
      signingKeys: {
        ...store.signingKeys,
        list: async () => {
          reads += 1;
          if (reads > MAX_READS)
            throw new Error(`KeyRing.current() read the key list ${reads} times without settling`);
          return store.signingKeys.list();
        },
      },
    };
    const ringB = new KeyRing(countingStore, box, clockB, OPTIONS);
    await ringB.ensureKey();
    reads = 0;

    // Returning a key or failing with a clear error are both fine; looping is not.
    await ringB.current().catch(() => undefined);
    expect(reads, 'current() kept re-reading keys without making progress').toBeLessThanOrEqual(
      MAX_READS,
    );
  });

  it('keeps a replaced key in JWKS through the overlap, then deletes it and its private material', async () => {
    const clock = new TestClock();
    let deletes = 0;
    const counting: StorePort = {
      ...store,
      signingKeys: {
        ...store.signingKeys,
        deleteRetired: async (at) => {
          deletes += 1;
          return store.signingKeys.deleteRetired(at);
        },
      },
    };
    const ring = new KeyRing(counting, box, clock, OPTIONS);
    await ring.ensureKey();
    const oldKid = (await ring.current()).kid;
    clock.advance(1_000);
    const result = await ring.rotate({ immediate: true });
    const retiresAt = result.retired[0]?.retiresAt ?? new Date(0);

    // Through the overlap both keys stay published and stored; reloads issue no DELETE.
    clock.set(new Date(retiresAt.getTime() - 1));
    expect(kidsOf(await ring.jwks())).toEqual([result.kid, oldKid].sort());
    expect((await ring.current()).kid).toBe(result.kid);
    expect((await store.signingKeys.list()).map((k) => k.kid).sort()).toEqual(
      [result.kid, oldKid].sort(),
    );
    expect(deletes).toBe(0);

    // Once it passes, the next reload of this long-running ring prunes it: no restart needed.
    clock.set(retiresAt);
    expect(kidsOf(await ring.jwks())).toEqual([result.kid]);
    expect((await store.signingKeys.list()).map((k) => k.kid)).toEqual([result.kid]);
    const raw = (await db.execute(
      sql`select private_jwk_encrypted from signing_keys where kid = ${oldKid}`,
    )) as unknown as { rows: unknown[] };
    expect(raw.rows).toEqual([]);
    expect(deletes).toBe(1);
    expect((await ring.current()).kid).toBe(result.kid);
    await ring.jwks();
    expect(deletes).toBe(1);
    expect((await ring.list()).map((k) => [k.kid, k.state])).toEqual([[result.kid, 'active']]);
  });

  it('ensureKey at start-up and rotate prune keys whose overlap has passed', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store, box, clock, OPTIONS);
    await ring.ensureKey();
    const first = (await ring.current()).kid;
    const second = await ring.rotate({ immediate: true });
    const firstRetiresAt = second.retired[0]?.retiresAt ?? new Date(0);

    // A fresh process starting after the overlap deletes the stale key while ensuring one.
    clock.set(firstRetiresAt);
    await new KeyRing(store, box, clock, OPTIONS).ensureKey();
    expect((await store.signingKeys.list()).map((k) => k.kid)).toEqual([second.kid]);

    // A rotation prunes keys whose overlap had already passed.
    const third = await ring.rotate({ immediate: true });
    clock.set(third.retired[0]?.retiresAt ?? new Date(0));
    const fourth = await ring.rotate({ immediate: true });
    expect((await store.signingKeys.list()).map((k) => k.kid).sort()).toEqual(
      [third.kid, fourth.kid].sort(),
    );
    expect(first).not.toBe(fourth.kid);
  });

  it('prune() returns what it removed and never deletes the last published key', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store, box, clock, OPTIONS);
    await ring.ensureKey();
    const only = (await ring.current()).kid;
    expect(await ring.prune()).toEqual([]);

    // A clock running past every key's retiresAt (e.g. skew) must not leave JWKS empty in the store.
    await store.signingKeys.setRetiresAt(only, new Date(clock.current.getTime() + 1_000));
    clock.advance(2_000);
    expect(await ring.prune()).toEqual([]);
    expect((await store.signingKeys.list()).map((k) => k.kid)).toEqual([only]);

    // Once a new key is published the stale one can go, and the new one signs.
    const next = await ring.rotate({ immediate: true });
    expect((await store.signingKeys.list()).map((k) => k.kid)).toEqual([next.kid]);
    expect((await ring.current()).kid).toBe(next.kid);
    expect(await ring.prune()).toEqual([]);
    expect((await store.signingKeys.list()).map((k) => k.kid)).toEqual([next.kid]);
  });

  it('list() reports pending, active, retiring and retired keys', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store, box, clock, { ...OPTIONS, reloadSeconds: 3600 });
    await ring.ensureKey();
    const first = (await ring.current()).kid;
    clock.advance(1_000);
    const scheduled = await ring.rotate();
    const states = async () => Object.fromEntries((await ring.list()).map((k) => [k.kid, k.state]));
    expect(await states()).toEqual({ [first]: 'active', [scheduled.kid]: 'pending' });

    clock.set(scheduled.activatesAt);
    expect(await states()).toEqual({ [first]: 'retiring', [scheduled.kid]: 'active' });

    // The cached list (reloadSeconds not reached) shows the key retired until a reload prunes it.
    clock.set(scheduled.retired[0]?.retiresAt ?? new Date(0));
    expect(await states()).toEqual({ [first]: 'retired', [scheduled.kid]: 'active' });
    expect(await ring.prune()).toEqual([first]);
    expect(await states()).toEqual({ [scheduled.kid]: 'active' });
  });

  it('stores the private key encrypted, openable only with the same secret and purpose', async () => {
    const clock = new TestClock();
    const ring = new KeyRing(store, box, clock, OPTIONS);
    await ring.ensureKey();
    const [record] = await store.signingKeys.list();
    if (!record) throw new Error('expected a signing key');

    // Read the column straight from the table, not through the repository mapping.
    const raw = (await db.execute(
      sql`select private_jwk_encrypted from signing_keys where kid = ${record.kid}`,
    )) as unknown as {
      rows: Array<{ private_jwk_encrypted: string }>;
    };
    const stored = raw.rows[0]?.private_jwk_encrypted ?? '';
    expect(stored).toBe(record.privateJwkEncrypted);

    const privateJwk = JSON.parse(await box.open(stored)) as JWK;
    expect(privateJwk.kid).toBe(record.kid);
    expect(typeof privateJwk.d).toBe('string');
    expect((privateJwk.d ?? '').length).toBeGreaterThan(20);
    expect(stored).not.toContain(privateJwk.d);
    expect(stored).not.toContain('"d"');
    expect(stored.split('.')).toHaveLength(5); // compact JWE
    // The published key carries no private part.
    expect(record.publicJwk).not.toHaveProperty('d');
    expect(kidsOf(await ring.jwks())).toEqual([record.kid]);
    for (const jwk of (await ring.jwks()).keys) expect(jwk).not.toHaveProperty('d');

    const otherSecret = await createSecretBox(
      'a-different-root-secret-0123456789abcdef',
      'signing-keys',
    );
    await expect(otherSecret.open(stored)).rejects.toThrow();
    const otherPurpose = await createSecretBox(SECRET, 'webhook-secrets');
    await expect(otherPurpose.open(stored)).rejects.toThrow();

    // A ring holding the wrong secret cannot sign with the stored key.
    const wrongRing = new KeyRing(store, otherSecret, clock, OPTIONS);
    await expect(wrongRing.current()).rejects.toThrow();
  });
});

describe('keyStates and prunableKeys', () => {
  const at = (iso: string) => new Date(`2030-01-01T${iso}Z`);
  const key = (kid: string, created: string, activates: string, retires: string | null) =>
    ({
      kid,
      alg: 'EdDSA',
      publicJwk: {},
      privateJwkEncrypted: '',
      createdAt: at(created),
      activatesAt: at(activates),
      retiresAt: retires ? at(retires) : null,
    }) satisfies SigningKeyRecord;
  // old retired at 01:00, prev signs until next activates at 02:00, superseded never signs.
  const records = [
    key('next', '01:30:00', '02:00:00', null),
    key('old', '00:00:00', '00:00:00', '01:00:00'),
    key('prev', '00:30:00', '00:30:00', '03:00:00'),
    key('superseded', '01:00:00', '02:30:00', '03:00:00'),
  ];
  const stateAt = (iso: string) =>
    Object.fromEntries(keyStates(records, at(iso)).map((k) => [k.kid, k.state]));

  it('computes each state from the timestamps, oldest first', () => {
    expect(keyStates(records, at('01:45:00')).map((k) => k.kid)).toEqual([
      'old',
      'prev',
      'superseded',
      'next',
    ]);
    expect(stateAt('01:00:00')).toEqual({
      old: 'retired',
      prev: 'active',
      superseded: 'retiring',
      next: 'pending',
    });
    expect(stateAt('02:00:00')).toMatchObject({ prev: 'retiring', next: 'active' });
    expect(stateAt('02:30:00')).toMatchObject({ superseded: 'retiring', next: 'active' });
    expect(stateAt('03:00:00')).toEqual({
      old: 'retired',
      prev: 'retired',
      superseded: 'retired',
      next: 'active',
    });
  });

  it('prunes only past retiresAt, and nothing when no key would stay published', () => {
    expect(prunableKeys(records, at('00:59:59'))).toEqual([]);
    expect(prunableKeys(records, at('01:00:00')).map((k) => k.kid)).toEqual(['old']);
    expect(
      prunableKeys(records, at('03:00:00'))
        .map((k) => k.kid)
        .sort(),
    ).toEqual(['old', 'prev', 'superseded']);
    const allRetired = records.filter((k) => k.retiresAt);
    expect(prunableKeys(allRetired, at('04:00:00'))).toEqual([]);
  });
});

describe('createSecretBox', () => {
  it('round-trips and produces a different ciphertext each time', async () => {
    const box = await createSecretBox(SECRET, 'p');
    const a = await box.seal('hello secret');
    const b = await box.seal('hello secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hello');
    expect(await box.open(a)).toBe('hello secret');
    expect(await box.open(b)).toBe('hello secret');
  });

  it('rejects a tampered ciphertext', async () => {
    const box = await createSecretBox(SECRET, 'p');
    const parts = (await box.seal('hello secret')).split('.');
    const ciphertext = parts[3] ?? '';
    parts[3] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1);
    await expect(box.open(parts.join('.'))).rejects.toThrow();
  });
});
