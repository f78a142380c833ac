import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn } from '../../test/instances.js';
import { member, ok, orgOf, type Browser } from '../../test/tenancy-fixtures.js';
import { startReceiver } from '../../test/webhook-receiver.js';
import type { TestInstance } from '../testing/create-test-instance.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

function failed(result: { ok: boolean; error?: { status: number; code: string; field?: string } }) {
  if (result.ok) throw new Error('expected the call to fail');
  return result.error!;
}

describe.each(DRIVERS)('webhooks over HTTP (%s)', (driver) => {
  let t: TestInstance;
  let receiver: Receiver;
  let owner: Browser;
  let orgId: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    t = await instanceOn(driver, {
      webhookAllowedNetworks: ['127.0.0.1/32'],
      // Short retries so a test sees the whole schedule.
      webhookRetrySchedule: [0, 0, 0],
    });
    owner = await member(t, 'hooks');
    orgId = (await orgOf(owner, 'Hooks Org')).id;
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.secrets.length = 0;
    receiver.answerWith(() => ({ status: 204 }));
  });
  // A failed test must not leave an endpoint that receives the next test's events.
  afterEach(async () => {
    for (const hook of ok(await hooks().list()).webhooks) ok(await hooks().delete(hook.id));
  });

  const hooks = () => owner.client.webhooks.org(orgId);
  const deliver = () => t.authkit.api.webhooks.deliverDue();

  async function register(events = ['membership.*']) {
    const created = ok(await hooks().create({ url: receiver.url, events }));
    receiver.secrets.push(created.secret);
    return created;
  }

  it('registers an endpoint whose secret appears once and signs every delivery', async () => {
    const hook = await register();
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(JSON.stringify(ok(await hooks().list()))).not.toContain(hook.secret);
    expect(JSON.stringify(ok(await hooks().get(hook.id)))).not.toContain(hook.secret);
    const store = await t.authkit.api.store();
    const row = await store.webhooks.get(orgId, hook.id);
    expect(row!.secretEncrypted).not.toContain(hook.secret.slice(6));

    const joiner = await member(t, 'joiner');
    ok(await owner.client.memberships.add(orgId, { userId: joiner.userId, roles: ['member'] }));
    expect(await deliver()).toBeGreaterThanOrEqual(1);
    const mine = receiver.received.filter((r) => r.payload.type === 'membership.added');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.verifiedBy).toBe(0);
    expect(mine[0]!.payload.data).toMatchObject({ orgId, userId: joiner.userId });
    const [delivery] = ok(await hooks().deliveries(hook.id)).deliveries;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, eventId: mine[0]!.id });
    const detail = ok(await hooks().delivery(hook.id, delivery!.id));
    expect(detail.attemptLog[0]).toMatchObject({ statusCode: 204, responseExcerpt: '' });
    ok(await hooks().delete(hook.id));
  });

  it('sends a test ping to that endpoint alone', async () => {
    const a = await register(['*']);
    const b = await register(['*']);
    const queued = ok(await hooks().test(a.id));
    expect(queued).toMatchObject({ eventType: 'webhook.test', status: 'pending' });
    await deliver();
    const pings = receiver.received.filter((r) => r.payload.type === 'webhook.test');
    expect(pings).toHaveLength(1);
    expect(pings[0]!.payload.data).toMatchObject({ webhookId: a.id });
    const toB = ok(await hooks().deliveries(b.id)).deliveries;
    expect(toB.filter((d) => d.eventType === 'webhook.test')).toEqual([]);
    ok(await hooks().delete(a.id));
    ok(await hooks().delete(b.id));
  });

  it('signs with both secrets while one rotates', async () => {
    const hook = await register(['org.*']);
    const rotated = ok(await hooks().rotateSecret(hook.id, { overlapSeconds: 600 }));
    expect(rotated.secret).not.toBe(hook.secret);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();
    ok(await owner.client.orgs.update(orgId, { name: 'Hooks Org 2' }));
    await deliver();
    const [got] = receiver.received.filter((r) => r.payload.type === 'org.updated');
    expect(got!.signature.split(' ')).toHaveLength(2);
    // The receiver still holding only the old secret accepts it; so does one holding the new.
    expect(got!.verifiedBy).toBe(0);
    receiver.secrets.splice(0, 1, rotated.secret);
    receiver.received.length = 0;
    ok(await owner.client.orgs.update(orgId, { name: 'Hooks Org 3' }));
    await deliver();
    expect(receiver.received.find((r) => r.payload.type === 'org.updated')!.verifiedBy).toBe(0);
    ok(await hooks().delete(hook.id));
  });

  it('retries failures with the same webhook-id, dead-letters, and replays dead letters', async () => {
    const hook = await register(['org.*']);
    receiver.answerWith(() => ({ status: 500 }));
    ok(await owner.client.orgs.update(orgId, { name: 'Failing' }));
    await deliver();
    const attempts = receiver.received.filter((r) => r.payload.type === 'org.updated');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.id)).size).toBe(1);
    const [dead] = ok(await hooks().deliveries(hook.id, { status: 'dead' })).deliveries;
    expect(dead).toMatchObject({ attempts: 3, lastStatus: 500 });
    expect(ok(await hooks().get(hook.id)).failingSince).not.toBeNull();

    receiver.answerWith(() => ({ status: 200 }));
    const replay = ok(
      await hooks().replay(hook.id, { since: new Date(Date.now() - 60_000).toISOString() }),
    );
    expect(replay.queued).toBe(1);
    await deliver();
    const after = ok(await hooks().deliveries(hook.id)).deliveries;
    expect(after[0]).toMatchObject({ status: 'delivered', id: dead!.id });
    expect(receiver.received.at(-1)!.id).toBe(attempts[0]!.id);
    expect(ok(await hooks().get(hook.id)).failingSince).toBeNull();
    ok(await hooks().delete(hook.id));
  });

  it('disables an endpoint that answers 410 Gone', async () => {
    const hook = await register(['org.*']);
    receiver.answerWith(() => ({ status: 410 }));
    ok(await owner.client.orgs.update(orgId, { name: 'Gone' }));
    await deliver();
    expect(ok(await hooks().get(hook.id))).toMatchObject({
      enabled: false,
      disabledReason: 'gone',
    });
    ok(await hooks().delete(hook.id));
  });

  it('refuses bad input with a 4xx naming the field, writing nothing', async () => {
    const before = ok(await hooks().list()).webhooks.length;
    const cases: Array<[Parameters<ReturnType<typeof hooks>['create']>[0], string, string]> = [
      [{ url: 'ftp://example.com/x', events: ['org.*'] }, 'invalid_webhook_url', 'url'],
      [{ url: 'http://user:pw@127.0.0.1/x', events: ['org.*'] }, 'invalid_webhook_url', 'url'],
      [{ url: 'http://10.0.0.1/x', events: ['org.*'] }, 'webhook_target_forbidden', 'url'],
      [
        { url: 'http://169.254.169.254/latest', events: ['org.*'] },
        'webhook_target_forbidden',
        'url',
      ],
      [{ url: 'http://[::1]:9/x', events: ['org.*'] }, 'webhook_target_forbidden', 'url'],
      [{ url: receiver.url, events: ['org.exploded'] }, 'unknown_event', 'events'],
      [{ url: receiver.url, events: [] }, 'invalid_request', 'events'],
    ];
    for (const [input, code, field] of cases) {
      const error = failed(await hooks().create(input));
      expect(error, JSON.stringify(input)).toMatchObject({ status: 400, code, field });
    }
    const huge = await owner.fetch(`/api/auth/orgs/${orgId}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        url: receiver.url,
        events: ['org.*'],
        description: 'x'.repeat(40_000),
      }),
    });
    expect(huge.status).toBe(413);
    const hook = await register(['org.*']);
    const badCursor = failed(await hooks().deliveries(hook.id, { cursor: 'zzz' }));
    expect(badCursor).toMatchObject({ status: 400, field: 'cursor' });
    const badReplay = failed(await hooks().replay(hook.id, { since: 'yesterday' }));
    expect(badReplay).toMatchObject({ status: 400, field: 'since' });
    expect(ok(await hooks().list()).webhooks.length).toBe(before + 1);
    ok(await hooks().delete(hook.id));
  });

  it('keeps other orgs and members without webhooks:manage out', async () => {
    const hook = await register(['org.*']);
    const stranger = await member(t, 'stranger');
    const strangerOrg = await orgOf(stranger, 'Other');
    const theirs = stranger.client.webhooks.org(orgId);
    expect(failed(await theirs.list()).status).toBe(404);
    // The endpoint id addressed through the stranger's own org is not found either.
    const own = stranger.client.webhooks.org(strangerOrg.id);
    for (const result of [
      await own.get(hook.id),
      await own.deliveries(hook.id),
      await own.test(hook.id),
      await own.delete(hook.id),
    ]) {
      expect(failed(result).status).toBe(404);
    }
    const plain = await member(t, 'plain');
    ok(await owner.client.memberships.add(orgId, { userId: plain.userId, roles: ['member'] }));
    expect(failed(await plain.client.webhooks.org(orgId).list()).status).toBe(403);
    expect(failed(await owner.client.webhooks.admin.list()).status).toBe(403);
    ok(await hooks().delete(hook.id));
  });
});
