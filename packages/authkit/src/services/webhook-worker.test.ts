import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/drivers.js';
import { createWebhookSender } from '../adapters/http/webhook-sender.js';
import { newId } from '../domain/ids.js';
import { systemClock } from '../ports/clock.js';
import type { StorePort } from '../ports/store.js';
import { compileProxyTrust } from '../server/client-address.js';
import { createSecretBox } from '../tokens/secret-box.js';
import { newWebhookSecret } from '../tokens/webhook-signature.js';
import { WebhookWorker } from './webhook-worker.js';

const allowed = compileProxyTrust(['127.0.0.1/32']);

describe('webhook worker', () => {
  let store: StorePort;
  let hanging: Server;
  let url: string;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    // A receiver that never answers: the worker must give up on stop and hand rows back.
    hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    hanging.closeAllConnections();
    hanging.close();
    await store.close();
  });

  it('releases claimed deliveries on a graceful stop, and refuses private targets at send time', async () => {
    const box = await createSecretBox('worker-test-secret-0123456789', 'webhook-secrets');
    const hook = await store.webhooks.create(
      null,
      {
        id: newId('wh'),
        url,
        description: '',
        events: ['*'],
        enabled: true,
        ordered: false,
        secretEncrypted: await box.seal(newWebhookSecret()),
        createdBy: null,
      },
      new Date(),
    );
    await store.outbox.append({ type: 'org.created', orgId: null, data: {} }, new Date());
    const worker = new WebhookWorker(
      store,
      systemClock,
      box,
      createWebhookSender({ allowed, timeoutMs: 30_000 }),
      { id: 'graceful', pollMs: 20 },
    );
    worker.start();
    // Wait until the delivery is claimed and in flight.
    for (let i = 0; i < 100; i += 1) {
      const [row] = await store.webhooks.deliveries(null, hook.id, { limit: 1 });
      if (row?.status === 'delivering') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await worker.stop(100);
    const [row] = await store.webhooks.deliveries(null, hook.id, { limit: 1 });
    expect(row).toMatchObject({ status: 'pending', claimedBy: null });

    // The same row, sent by a worker that allows no private networks, fails without connecting.
    const strict = new WebhookWorker(
      store,
      systemClock,
      box,
      createWebhookSender({ allowed: compileProxyTrust([]), timeoutMs: 1000 }),
      { id: 'strict', schedule: [0, 60_000] },
    );
    expect(await strict.runOnce()).toBe(1);
    const detail = await store.webhooks.attempts(row!.id);
    expect(detail.at(-1)).toMatchObject({ statusCode: null });
    expect(detail.at(-1)!.error).toMatch(/loopback/);
    await store.webhooks.delete(null, hook.id);
  });
});
