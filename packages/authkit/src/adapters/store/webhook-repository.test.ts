import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, openTestStore } from '../../../test/drivers.js';
import { newId } from '../../domain/ids.js';
import type { StorePort } from '../../ports/store.js';
import type { NewWebhook, WebhookOwner } from '../../ports/webhook-store.js';

const soon = (ms: number) => new Date(Date.now() + ms);
const DISABLE = { disableAfterFailingMs: 5 * 24 * 3_600_000 };

describe.each(DRIVERS)('webhook queue (%s)', (driver) => {
  let store: StorePort;
  beforeAll(async () => {
    store = await openTestStore(driver);
  });
  afterAll(() => store.close());
  // Each test sees only its own endpoints' deliveries in the shared queue.
  const created: Array<[WebhookOwner, string]> = [];
  afterEach(async () => {
    for (const [owner, id] of created.splice(0)) await store.webhooks.delete(owner, id);
  });

  async function org(): Promise<string> {
    const user = await store.users.create({
      id: newId('usr'),
      email: `${newId('u')}@example.test`.toLowerCase(),
      emailVerified: true,
      name: null,
      passwordHash: null,
    });
    const created = await store.orgs.create(
      {
        id: newId('org'),
        name: 'Acme',
        slug: newId('acme').toLowerCase().replace(/_/g, '-'),
        ownerId: user.id,
        profile: {},
        settings: {},
      },
      ['owner'],
    );
    return created.id;
  }

  async function endpoint(owner: WebhookOwner, events: string[], extra: Partial<NewWebhook> = {}) {
    const hook = await store.webhooks.create(
      owner,
      {
        id: newId('wh'),
        url: 'http://127.0.0.1:9/hook',
        description: '',
        events,
        enabled: true,
        ordered: false,
        secretEncrypted: 'sealed',
        createdBy: null,
        ...extra,
      },
      new Date(),
    );
    created.push([owner, hook.id]);
    return hook;
  }

  const emit = (type: string, orgId: string | null, subject = '') =>
    store.outbox.append({ type, orgId, subject, data: { n: 1 } }, new Date());

  it('fans an event out to matching enabled endpoints of its org and the platform only', async () => {
    const [a, b] = [await org(), await org()];
    const exact = await endpoint(a, ['org.updated']);
    const family = await endpoint(a, ['org.*']);
    const other = await endpoint(a, ['key.*']);
    const foreign = await endpoint(b, ['*']);
    const platform = await endpoint(null, ['*']);
    const off = await endpoint(a, ['*'], { enabled: false });
    await emit('org.updated', a);
    const count = async (id: string) =>
      (
        await store.webhooks.deliveries(id === platform.id ? null : id === foreign.id ? b : a, id, {
          limit: 10,
        })
      ).length;
    expect(await count(exact.id)).toBe(1);
    expect(await count(family.id)).toBe(1);
    expect(await count(other.id)).toBe(0);
    expect(await count(foreign.id)).toBe(0);
    expect(await count(platform.id)).toBeGreaterThanOrEqual(1);
    expect(await count(off.id)).toBe(0);
    // Another org cannot read this endpoint or its deliveries.
    expect(await store.webhooks.get(b, exact.id)).toBeNull();
    expect(await store.webhooks.deliveries(b, exact.id, { limit: 10 })).toEqual([]);
  });

  it('appends many events in order, each fanned out like one appended alone', async () => {
    const a = await org();
    const members = await endpoint(a, ['membership.*']);
    const keys = await endpoint(a, ['key.issued']);
    const events = Array.from({ length: 601 }, (_, i) => ({
      type: i % 3 === 0 ? 'key.issued' : 'membership.added',
      orgId: a,
      subject: `usr_${i}`,
      data: { i },
    }));
    await store.outbox.appendMany(events, new Date());
    const listed = (await store.outbox.list({ orgId: a, limit: 1_000 })).filter(
      (e) => typeof e.data['i'] === 'number',
    );
    expect(listed.map((e) => e.data['i'])).toEqual(events.map((_, i) => i));
    expect(listed.map((e) => e.subject)).toEqual(events.map((e) => e.subject));
    const count = async (id: string) =>
      (await store.webhooks.deliveries(a, id, { limit: 1_000 })).length;
    expect(await count(members.id)).toBe(400);
    expect(await count(keys.id)).toBe(201);
  });

  it('lets two workers claim side by side without taking the same delivery twice', async () => {
    const a = await org();
    const hook = await endpoint(a, ['membership.*']);
    for (let i = 0; i < 20; i += 1) await emit('membership.added', a, `usr_${i}`);
    const now = soon(1000);
    const [one, two] = await Promise.all([
      store.webhooks.claim('w1', 15, soon(60_000), now),
      store.webhooks.claim('w2', 15, soon(60_000), now),
    ]);
    const mine = [...one, ...two].filter((d) => d.webhookId === hook.id);
    expect(new Set(mine.map((d) => d.id)).size).toBe(mine.length);
    expect(mine.length).toBe(20);
    expect(mine[0]!.event.type).toBe('membership.added');
    expect(mine[0]!.webhook.url).toBe('http://127.0.0.1:9/hook');
    // Nothing is due any more until the leases run out; then another worker takes them over.
    expect(
      (await store.webhooks.claim('w3', 50, soon(60_000), now)).filter(
        (d) => d.webhookId === hook.id,
      ),
    ).toEqual([]);
    const retaken = await store.webhooks.claim('w3', 50, soon(120_000), soon(61_000));
    expect(retaken.filter((d) => d.webhookId === hook.id)).toHaveLength(20);
    // The first worker's late answer no longer counts.
    const late = await store.webhooks.finish(
      'w1',
      [
        {
          delivery: one[0]!,
          attempt: {
            attemptedAt: new Date(),
            statusCode: 200,
            durationMs: 3,
            responseExcerpt: 'ok',
            error: null,
          },
          outcome: { kind: 'delivered' },
        },
      ],
      DISABLE,
    );
    expect(late.size).toBe(0);
    expect(await store.webhooks.release('w3', new Date())).toBeGreaterThanOrEqual(20);
  });

  it('records attempts, retries, dead-letters, disables on 410 and replays', async () => {
    const a = await org();
    const hook = await endpoint(a, ['key.*']);
    await emit('key.issued', a);
    const [claimed] = (await store.webhooks.claim('w', 10, soon(60_000), soon(1000))).filter(
      (d) => d.webhookId === hook.id,
    );
    const attempt = {
      attemptedAt: new Date(),
      statusCode: 500,
      durationMs: 12,
      responseExcerpt: 'boom',
      error: null,
    };
    expect(
      (
        await store.webhooks.finish(
          'w',
          [{ delivery: claimed!, attempt: attempt, outcome: { kind: 'retry', at: soon(5000) } }],
          DISABLE,
        )
      ).size,
    ).toBe(1);
    let [row] = await store.webhooks.deliveries(a, hook.id, { limit: 1 });
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
    expect((await store.webhooks.get(a, hook.id))!.failingSince).not.toBeNull();

    const [again] = (await store.webhooks.claim('w', 10, soon(60_000), soon(6000))).filter(
      (d) => d.webhookId === hook.id,
    );
    await store.webhooks.finish(
      'w',
      [{ delivery: again!, attempt: attempt, outcome: { kind: 'dead' } }],
      DISABLE,
    );
    [row] = await store.webhooks.deliveries(a, hook.id, { limit: 1, status: 'dead' });
    expect(row!.attempts).toBe(2);
    expect(await store.webhooks.attempts(row!.id)).toHaveLength(2);

    const replayed = await store.webhooks.replay(
      a,
      hook.id,
      { since: new Date(Date.now() - 60_000), until: soon(60_000), mode: 'failed' },
      new Date(),
    );
    expect(replayed).toBe(1);
    const [third] = (await store.webhooks.claim('w', 10, soon(60_000), soon(1000))).filter(
      (d) => d.webhookId === hook.id,
    );
    expect(third!.attempts).toBe(1);
    await store.webhooks.finish(
      'w',
      [{ delivery: third!, attempt: { ...attempt, statusCode: 410 }, outcome: { kind: 'gone' } }],
      DISABLE,
    );
    expect(await store.webhooks.get(a, hook.id)).toMatchObject({
      enabled: false,
      disabledReason: 'gone',
    });
    // A disabled endpoint gets no new deliveries; re-enabling clears the reason.
    await emit('key.revoked', a);
    expect(await store.webhooks.deliveries(a, hook.id, { limit: 10 })).toHaveLength(1);
    expect(await store.webhooks.update(a, hook.id, { enabled: true }, new Date())).toMatchObject({
      enabled: true,
      disabledReason: null,
      failingSince: null,
    });
    const all = await store.webhooks.replay(
      a,
      hook.id,
      { since: new Date(Date.now() - 60_000), until: soon(60_000), mode: 'all' },
      new Date(),
    );
    expect(all).toBe(2);
    const deliveries = await store.webhooks.deliveries(a, hook.id, { limit: 10 });
    expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(2);
  });

  it('keeps an ordered endpoint to one unfinished delivery per subject', async () => {
    const a = await org();
    const hook = await endpoint(a, ['membership.*'], { ordered: true });
    await emit('membership.added', a, 'usr_x');
    await emit('membership.updated', a, 'usr_x');
    await emit('membership.added', a, 'usr_y');
    const first = (await store.webhooks.claim('w', 10, soon(60_000), soon(1000))).filter(
      (d) => d.webhookId === hook.id,
    );
    expect(first.map((d) => [d.subject, d.eventType])).toEqual([
      ['usr_x', 'membership.added'],
      ['usr_y', 'membership.added'],
    ]);
    const x = first[0]!;
    await store.webhooks.finish(
      'w',
      [
        {
          delivery: x,
          attempt: {
            attemptedAt: new Date(),
            statusCode: 200,
            durationMs: 1,
            responseExcerpt: null,
            error: null,
          },
          outcome: { kind: 'delivered' },
        },
      ],
      DISABLE,
    );
    const next = (await store.webhooks.claim('w', 10, soon(60_000), soon(1000))).filter(
      (d) => d.webhookId === hook.id,
    );
    expect(next.map((d) => d.eventType)).toEqual(['membership.updated']);
  });

  it('prunes old outbox events once nothing is left to deliver', async () => {
    const a = await org();
    await endpoint(a, ['org.*']);
    await emit('org.updated', a);
    expect(await store.webhooks.pruneOutbox(soon(60_000))).toBeGreaterThanOrEqual(0);
    const left = await store.outbox.list({ orgId: a, limit: 10 });
    // The pending delivery keeps its event.
    expect(left.some((e) => e.type === 'org.updated')).toBe(true);
  });
});
