import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn, manualClock } from '../../test/instances.js';
import { member, ok, orgOf } from '../../test/tenancy-fixtures.js';
import type { TestInstance } from '../testing/create-test-instance.js';

const SCOPES = [
  'reports:read',
  'reports:write',
  { name: 'billing:read', require: { labels: ['team:finance'] } },
];

function failed(result: {
  ok: boolean;
  error?: { status: number; code: string; field?: string; reason?: string; retryAfter?: number };
}) {
  if (result.ok) throw new Error('expected the call to fail');
  return result.error!;
}

describe.each(DRIVERS)('API keys and the exchange (%s)', (driver) => {
  let t: TestInstance;
  const clock = manualClock();
  beforeAll(async () => {
    t = await instanceOn(driver, { scopes: SCOPES, clock });
  });
  afterAll(() => t.close());

  it('issues a key whose secret appears once; lists show only its start', async () => {
    const alice = await member(t, 'keys');
    const issued = ok(await alice.client.keys.create({ name: 'CI', scopes: ['reports:read'] }));
    expect(issued.secret).toMatch(/^ck_test_[A-Za-z0-9_-]{43}$/);
    expect(issued.start).toBe(issued.secret.slice(0, 'ck_test_'.length + 8));
    expect(issued).toMatchObject({ status: 'active', owner: { type: 'user', id: alice.userId } });
    const listed = ok(await alice.client.keys.list());
    expect(listed.keys.map((k) => k.id)).toEqual([issued.id]);
    expect(JSON.stringify(listed)).not.toContain(issued.secret);
    expect(JSON.stringify(ok(await alice.client.keys.get(issued.id)))).not.toContain(issued.secret);
    const store = await t.authkit.api.store();
    const row = await store.apiKeys.forUser(alice.userId).get(issued.id);
    expect(JSON.stringify(row)).not.toContain(issued.secret.slice(8));
  });

  it('exchanges a key for a JWT whose sub is the owner and client_id the key', async () => {
    const alice = await member(t, 'keys');
    const key = ok(
      await alice.client.keys.create({
        name: 'svc',
        scopes: ['reports:read', 'reports:write'],
        labels: ['env:ci'],
      }),
    );
    const token = ok(await alice.client.keys.exchange(key.secret, { scope: 'reports:read' }));
    expect(token).toMatchObject({ token_type: 'Bearer', scope: 'reports:read' });
    const claims = await t.authkit.api.verifyAccessToken(token.access_token);
    expect(claims).toMatchObject({
      sub: alice.userId,
      client_id: key.id,
      sid: key.id,
      amr: ['key'],
      scopes: ['reports:read'],
      labels: ['env:ci'],
    });
    expect(decodeJwt(token.access_token).exp! - decodeJwt(token.access_token).iat!).toBe(300);
    // Wider scope, or an audience not served: RFC 8693 errors.
    expect(
      failed(await alice.client.keys.exchange(key.secret, { scope: 'billing:read' })).code,
    ).toBe('invalid_scope');
    expect(
      failed(await alice.client.keys.exchange(key.secret, { audience: 'elsewhere' })).code,
    ).toBe('invalid_target');
  });

  it('refuses a key token on the management API, with a reason', async () => {
    const alice = await member(t, 'keys');
    const key = ok(await alice.client.keys.create({ name: 'svc' }));
    const token = ok(await alice.client.keys.exchange(key.secret));
    const response = await t.fetch('/api/auth/me/keys', {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('key_token_not_accepted');
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const alice = await member(t, 'keys');
    const cases: Array<[Parameters<typeof alice.client.keys.create>[0], number, string, string]> = [
      [{ name: 'x', scopes: ['nope:nope'] }, 400, 'unknown_scope', 'scopes.0'],
      [{ name: 'x', scopes: ['reports:read', 'billing:read'] }, 403, 'scope_not_held', 'scopes.1'],
      [
        { name: 'x', expiresAt: new Date(clock.now().getTime() - 1000).toISOString() },
        400,
        'invalid_request',
        'expiresAt',
      ],
      [{ name: '' }, 400, 'invalid_request', 'name'],
      [{ name: 'a\u0000b' }, 400, 'invalid_request', 'name'],
      [{ name: 'x'.repeat(101) }, 400, 'invalid_request', 'name'],
      [
        {
          name: 'x',
          ephemeral: true,
          expiresAt: new Date(clock.now().getTime() + 7200_000).toISOString(),
        },
        400,
        'invalid_request',
        'expiresAt',
      ],
      [{ name: 'x', labels: ['bad label'] }, 400, 'invalid_request', 'labels.0'],
      [{ name: 'x', remaining: 0 }, 400, 'invalid_request', 'remaining'],
    ];
    for (const [input, status, code, field] of cases) {
      const error = failed(await alice.client.keys.create(input));
      expect({ status: error.status, code: error.code, field: error.field }).toEqual({
        status,
        code,
        field,
      });
    }
    expect(ok(await alice.client.keys.list()).keys).toEqual([]);
  });

  it('narrows scopes but never widens them', async () => {
    const alice = await member(t, 'keys');
    const key = ok(
      await alice.client.keys.create({ name: 'k', scopes: ['reports:read', 'reports:write'] }),
    );
    expect(ok(await alice.client.keys.update(key.id, { scopes: ['reports:read'] })).scopes).toEqual(
      ['reports:read'],
    );
    const error = failed(
      await alice.client.keys.update(key.id, { scopes: ['reports:read', 'reports:write'] }),
    );
    expect(error).toMatchObject({ status: 400, code: 'scope_widening', field: 'scopes.1' });
  });

  it('revokes with a reason: the key stays listed and the exchange answers revoked', async () => {
    const alice = await member(t, 'keys');
    const key = ok(await alice.client.keys.create({ name: 'k' }));
    ok(await alice.client.keys.revoke(key.id, { reason: 'leaked in a log' }));
    const listed = ok(await alice.client.keys.get(key.id));
    expect(listed).toMatchObject({ status: 'revoked', revokedReason: 'leaked in a log' });
    const error = failed(await alice.client.keys.exchange(key.secret));
    expect(error).toMatchObject({ status: 400, code: 'invalid_grant', reason: 'revoked' });
    expect(ok(await alice.client.keys.list({ status: 'active' })).keys).toEqual([]);
    const list = (await (await t.fetch('/api/auth/revocations')).json()) as { revoked: string[] };
    expect(list.revoked).toContain(key.id);
  });

  it('answers expired, and a made-up key exactly like a malformed one', async () => {
    const alice = await member(t, 'keys');
    const key = ok(
      await alice.client.keys.create({
        name: 'k',
        expiresAt: new Date(clock.now().getTime() + 60_000).toISOString(),
      }),
    );
    clock.advance(61);
    expect(failed(await alice.client.keys.exchange(key.secret))).toMatchObject({
      reason: 'expired',
    });
    const madeUp = `ck_test_${'A'.repeat(43)}`;
    const a = failed(await alice.client.keys.exchange(madeUp));
    const b = failed(await alice.client.keys.exchange('not a key'));
    expect(a).toEqual(b);
    expect(a).toMatchObject({ code: 'invalid_grant', reason: 'invalid' });
  });

  it('spends remaining uses, refills them daily, and lets only one racer take the last use', async () => {
    const alice = await member(t, 'keys');
    const key = ok(
      await alice.client.keys.create({
        name: 'k',
        remaining: 2,
        refill: { interval: 'daily', amount: 2 },
      }),
    );
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => alice.client.keys.exchange(key.secret)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(failed(results.find((r) => !r.ok)!)).toMatchObject({ reason: 'exhausted' });
    expect(ok(await alice.client.keys.get(key.id))).toMatchObject({
      remaining: 0,
      status: 'exhausted',
    });
    clock.advance(24 * 3600);
    ok(await alice.client.refresh()); // the browser's access token expired meanwhile
    ok(await alice.client.keys.exchange(key.secret));
    expect(ok(await alice.client.keys.get(key.id)).remaining).toBe(1);
  });

  it('one-shot keys work once', async () => {
    const alice = await member(t, 'keys');
    const key = ok(await alice.client.keys.create({ name: 'job', ephemeral: true }));
    expect(key).toMatchObject({ ephemeral: true, remaining: 1 });
    expect(new Date(key.expiresAt!).getTime() - clock.now().getTime()).toBe(15 * 60_000);
    ok(await alice.client.keys.exchange(key.secret));
    expect(failed(await alice.client.keys.exchange(key.secret))).toMatchObject({
      reason: 'exhausted',
    });
  });

  it('rate-limits exchanges per key with the key’s own limit', async () => {
    const alice = await member(t, 'keys');
    const key = ok(
      await alice.client.keys.create({ name: 'k', rateLimit: { limit: 2, windowSeconds: 60 } }),
    );
    ok(await alice.client.keys.exchange(key.secret));
    ok(await alice.client.keys.exchange(key.secret));
    const error = failed(await alice.client.keys.exchange(key.secret));
    expect(error).toMatchObject({ status: 429, code: 'invalid_grant', reason: 'rate_limited' });
    expect(error.retryAfter).toBeGreaterThan(0);
    // Another key is not held back by this one's limit.
    const other = ok(await alice.client.keys.create({ name: 'other' }));
    ok(await alice.client.keys.exchange(other.secret));
  });

  it('rerolls: the new secret works, the old one only for the grace period', async () => {
    const alice = await member(t, 'keys');
    const key = ok(await alice.client.keys.create({ name: 'k', scopes: ['reports:read'] }));
    const rolled = ok(await alice.client.keys.reroll(key.id, { gracePeriodSeconds: 60 }));
    expect(rolled.secret).not.toBe(key.secret);
    expect(rolled).toMatchObject({ id: key.id, scopes: ['reports:read'] });
    ok(await alice.client.keys.exchange(rolled.secret));
    ok(await alice.client.keys.exchange(key.secret));
    clock.advance(61);
    expect(failed(await alice.client.keys.exchange(key.secret)).reason).toBe('invalid');
    ok(await alice.client.keys.exchange(rolled.secret));
    const now = ok(await alice.client.keys.reroll(key.id, { gracePeriodSeconds: 0 }));
    expect(failed(await alice.client.keys.exchange(rolled.secret)).reason).toBe('invalid');
    ok(await alice.client.keys.exchange(now.secret));
  });

  it('writes lastUsedAt behind the exchange, and shows it before the write', async () => {
    const alice = await member(t, 'keys');
    const key = ok(await alice.client.keys.create({ name: 'k' }));
    expect(key.lastUsedAt).toBeNull();
    ok(await alice.client.keys.exchange(key.secret));
    expect(ok(await alice.client.keys.get(key.id)).lastUsedAt).not.toBeNull();
    // Nothing was written on the exchange itself: the row catches up on the next flush.
    const store = await t.authkit.api.store();
    expect((await store.apiKeys.forUser(alice.userId).get(key.id))?.lastUsedAt).toBeNull();
    await expect
      .poll(async () => (await store.apiKeys.forUser(alice.userId).get(key.id))?.lastUsedAt, {
        timeout: 8000,
        interval: 250,
      })
      .not.toBeNull();
  });

  it('org keys need keys:manage, carry only held scopes, and stay inside their org', async () => {
    const owner = await member(t, 'keys');
    const org = await orgOf(owner);
    const plain = await member(t, 'keys');
    ok(await owner.client.memberships.add(org.id, { userId: plain.userId, roles: ['member'] }));
    const key = ok(
      await owner.client.keys.org(org.id).create({ name: 'deploy', scopes: ['members:read'] }),
    );
    expect(key.owner).toEqual({ type: 'org', id: org.id });
    expect(failed(await plain.client.keys.org(org.id).list()).status).toBe(403);
    expect(failed(await plain.client.keys.org(org.id).create({ name: 'x' })).status).toBe(403);
    const stranger = await member(t, 'keys');
    const theirs = await orgOf(stranger);
    expect(failed(await stranger.client.keys.org(org.id).get(key.id)).status).toBe(404);
    expect(failed(await stranger.client.keys.org(theirs.id).get(key.id)).status).toBe(404);
    expect(failed(await stranger.client.keys.org(theirs.id).revoke(key.id)).status).toBe(404);
    expect(failed(await owner.client.keys.get(key.id)).status).toBe(404);
    const token = ok(await owner.client.keys.exchange(key.secret));
    expect(await t.authkit.api.verifyAccessToken(token.access_token)).toMatchObject({
      sub: org.id,
      org: org.id,
      client_id: key.id,
    });
    // An admin holds keys:manage but not org:transfer: a key cannot carry it either.
    const admin = await member(t, 'keys');
    ok(await owner.client.memberships.add(org.id, { userId: admin.userId, roles: ['admin'] }));
    expect(
      failed(await admin.client.keys.org(org.id).create({ name: 'x', scopes: ['org:transfer'] })),
    ).toMatchObject({ status: 403, code: 'scope_not_held' });
    const scopes = ok(await admin.client.keys.org(org.id).scopes()).scopes;
    expect(scopes.find((s) => s.name === 'org:transfer')?.held).toBe(false);
    expect(scopes.find((s) => s.name === 'members:manage')?.held).toBe(true);
  });
});
