import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn, PASSWORD, uniqueEmail } from '../../test/instances.js';
import { startReceiver } from '../../test/webhook-receiver.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';
import { Metrics } from './metrics.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const BASE = 'http://localhost:3000/api/auth';

/** The sum of every sample of `name` whose labels include `labels`. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of body.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) total += Number(match[3]);
  }
  return total;
}

const scrape = (t: TestInstance, authorization?: string) =>
  t.authkit.handler(
    new Request(`${BASE}/metrics`, {
      headers: authorization ? { authorization } : {},
    }),
    { ip: '127.0.0.1' },
  );

/** The headers Traefik's forwardAuth sends for `https://app.example.com<uri>`. */
const traefik = (uri: string, cookie?: string) => ({
  'x-forwarded-method': 'GET',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'app.example.com',
  'x-forwarded-uri': uri,
  ...(cookie ? { cookie } : {}),
});

describe.each(DRIVERS)('GET /metrics on %s', (driver) => {
  let t: TestInstance;
  let body: string;
  let orgId: string;
  const invitationToken = `inv${'x'.repeat(30)}`;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await instanceOn(driver, {
      metricsToken: TOKEN,
      trustedProxies: ['loopback'],
      allowedReturnHosts: ['app.example.com'],
      webhookAllowedNetworks: ['127.0.0.1/32'],
    });
    const email = uniqueEmail('metrics');
    const up = await t.client.signUp({ email, password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    await t.client.signOut();
    const inn = await t.client.signIn({ email, password: PASSWORD });
    if (!inn.ok) throw new Error(inn.error.message);
    const org = await t.client.orgs.create({ name: 'Metrics', slug: `metrics-${Date.now()}` });
    if (!org.ok) throw new Error(org.error.message);
    orgId = org.data.id;
    expect((await t.client.orgs.get(orgId)).ok).toBe(true);
    await t.fetch(`/api/auth/invitations/${invitationToken}`);
    await t.fetch('/api/auth/no/such/route');
    // Refused by the body limit before any handler: still labelled with its route.
    await t.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'x'.repeat(40_000) }),
    });
    // A webhook delivery: one worker run that delivers one ping.
    const hook = await t.client.webhooks
      .org(orgId)
      .create({ url: receiver.url, events: ['org.*'] });
    if (!hook.ok) throw new Error(hook.error.message);
    await t.client.webhooks.org(orgId).test(hook.data.id);
    await t.authkit.api.webhooks.deliverDue();
    const cookie = `catalyst_access=${t.jar.get('catalyst_access')}`;
    for (const headers of [traefik('/reports', cookie), traefik('/reports')]) {
      await t.authkit.handler(new Request(`${BASE}/forward`, { headers }), { ip: '127.0.0.1' });
    }
    const res = await scrape(t, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    body = await res.text();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('counts and times forward-auth decisions by status', () => {
    expect(sample(body, 'forward_auth_requests_total', { status: '200' })).toBe(1);
    expect(sample(body, 'forward_auth_requests_total', { status: '401' })).toBe(1);
    expect(sample(body, 'forward_auth_request_duration_ms_count')).toBe(2);
    expect(sample(body, 'forward_auth_request_duration_ms_sum')).toBeGreaterThan(0);
  });

  it('counts and times every query and transaction of the store', () => {
    for (const name of [
      'postgres_queries_total',
      'postgres_query_duration_ms_count',
      'postgres_transactions_total',
      'postgres_transaction_duration_ms_count',
    ])
      expect(sample(body, name), name).toBeGreaterThan(0);
    expect(sample(body, 'postgres_query_duration_ms_count')).toBe(
      sample(body, 'postgres_queries_total'),
    );
    // Migrations, key setup, sign-up, sign-in, the org: dozens of statements at least.
    expect(sample(body, 'postgres_queries_total')).toBeGreaterThan(20);
  });

  it('counts worker runs and deliveries by outcome', () => {
    expect(receiver.received.map((r) => r.payload.type)).toContain('webhook.test');
    expect(sample(body, 'webhook_worker_runs_total')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'webhook_worker_run_duration_ms_count')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'webhook_worker_deliveries_total', { outcome: 'delivered' })).toBe(1);
  });

  it('has non-zero samples for every metric DESIGN §6 names', () => {
    for (const name of [
      'forward_auth_requests_total',
      'forward_auth_request_duration_ms_count',
      'postgres_queries_total',
      'postgres_query_duration_ms_count',
      'postgres_transactions_total',
      'postgres_transaction_duration_ms_count',
      'webhook_worker_runs_total',
      'webhook_worker_run_duration_ms_count',
      'webhook_worker_deliveries_total',
      'http_requests_total',
    ]) {
      expect(sample(body, name), name).toBeGreaterThan(0);
    }
  });

  it('labels HTTP requests by route pattern, never by the raw path', () => {
    const count = (route: string, method: string, status: string) =>
      sample(body, 'http_requests_total', { method, route, status });
    expect(count('/sign-up', 'POST', '201')).toBe(1);
    expect(count('/sign-in', 'POST', '200')).toBe(1);
    expect(count('/sign-in', 'POST', '413')).toBe(1);
    expect(count('/orgs/:orgId', 'GET', '200')).toBe(1);
    expect(count('/forward', 'GET', '200')).toBe(1);
    expect(count('/invitations/:token', 'GET', '404')).toBe(1);
    expect(count('unmatched', 'GET', '404')).toBe(1);
    expect(sample(body, 'http_request_duration_ms_count', { route: '/orgs/:orgId' })).toBe(1);
    expect(body).not.toContain(orgId);
    expect(body).not.toContain(invitationToken);
    expect(body).not.toContain('/no/such/route');
  });
});

describe('GET /metrics protection', () => {
  let t: TestInstance;
  let off: TestInstance;
  beforeAll(async () => {
    [t, off] = await Promise.all([
      createTestInstance({ metricsToken: TOKEN }),
      createTestInstance({}),
    ]);
  });
  afterAll(() => Promise.all([t.close(), off.close()]));

  it.each([
    ['no token', undefined],
    ['a wrong token', `Bearer ${TOKEN.replace(/.$/, 'X')}`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 20)}`],
    ['another scheme', `Basic ${TOKEN}`],
  ])('answers 401 problem+json with %s', async (_label, authorization) => {
    const res = await scrape(t, authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('answers 404 when no token is configured, whatever is sent', async () => {
    const res = await scrape(off, `Bearer ${TOKEN}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found' });
  });

  it('is declared in the OpenAPI document with bearer security', async () => {
    const doc = (await (await t.fetch('/api/auth/openapi.json')).json()) as {
      paths: Record<string, { get?: { operationId?: string; security?: unknown } }>;
      components: { securitySchemes?: Record<string, unknown> };
    };
    expect(doc.paths['/metrics']?.get).toMatchObject({
      operationId: 'operations.metrics',
      security: [{ metricsToken: [] }],
    });
    expect(doc.components.securitySchemes?.metricsToken).toMatchObject({ scheme: 'bearer' });
  });

  it('rejects a metricsToken shorter than 16 characters, naming CATALYST_METRICS_TOKEN', async () => {
    await expect(createTestInstance({ metricsToken: 'short' })).rejects.toThrow(
      /metricsToken \(CATALYST_METRICS_TOKEN\)/,
    );
  });
});

describe('Metrics', () => {
  it('keeps one registry per instance', async () => {
    const a = new Metrics();
    const b = new Metrics();
    a.delivery('delivered');
    a.workerRun(12);
    a.httpRequest('brew', null, 418, 1);
    const text = (await a.render()).body;
    expect(sample(text, 'webhook_worker_deliveries_total', { outcome: 'delivered' })).toBe(1);
    expect(sample(text, 'webhook_worker_runs_total')).toBe(1);
    expect(sample(text, 'http_requests_total', { method: 'OTHER', route: 'unmatched' })).toBe(1);
    expect(sample((await b.render()).body, 'webhook_worker_runs_total')).toBe(0);
  });
});
