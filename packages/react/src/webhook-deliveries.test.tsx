import type { MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createOrg, problem, signUp, type Person } from '../test/org-world.js';
import { startReceiver, type Receiver } from '../test/webhook-world.js';
import { AuthProvider, WebhookDeliveries, WebhookManager } from './index.js';

let t: TestInstance;
let receiver: Receiver;
let ada: Person;

beforeAll(async () => {
  receiver = await startReceiver();
  // One attempt per delivery: a failure is dead at once (no retries to wait for).
  t = await createTestInstance({
    webhookAllowedNetworks: ['127.0.0.1/32'],
    webhookRetrySchedule: [0],
  });
  ada = await signUp(t, 'Ada');
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});
afterEach(() => {
  cleanup();
  receiver.answer(200, 'ok');
});

const deliver = () => t.authkit.api.webhooks.deliverDue();
const panel = () => document.querySelector<HTMLElement>('[data-catalyst="webhook-deliveries"]')!;
const rows = () => [
  ...document.querySelectorAll<HTMLElement>('[data-catalyst="webhook-delivery"]'),
];
const SLOW = { timeout: 8_000 };

async function withEndpoint(name: string) {
  const org = await createOrg(ada, name);
  const created = await ada.client.webhooks
    .org(org.id)
    .create({ url: receiver.url, events: ['org.*'] });
  if (!created.ok) throw new Error(created.error.message);
  return { org, webhook: created.data };
}

async function renderDeliveries(org: MyOrg, webhook: { id: string; url: string }, stubs = {}) {
  render(
    <AuthProvider client={await clientFor(ada, { org, stubs })}>
      <WebhookDeliveries orgId={org.id} webhook={webhook} />
    </AuthProvider>,
  );
  await waitFor(() => expect(panel().getAttribute('data-state')).not.toBe('loading'));
}

describe('WebhookDeliveries', () => {
  it('sends a test event, watches it get delivered, and shows its attempt as text', async () => {
    const user = userEvent.setup();
    const { org } = await withEndpoint('Test Event Org');
    receiver.answer(200, '<b>thanks</b>');
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <WebhookManager orgId={org.id} />
      </AuthProvider>,
    );
    await user.click(
      await screen.findByRole('button', { name: `Send test event to ${receiver.url}` }),
    );
    await screen.findByText('Test event queued.');
    // The deliveries open on their own, the ping pending in them.
    const toggle = screen.getByRole('button', { name: `Deliveries to ${receiver.url}` });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await waitFor(() =>
      expect(rows().map((r) => r.getAttribute('data-status'))).toEqual(['pending']),
    );
    expect(panel().hasAttribute('data-underway')).toBe(true);
    expect(within(rows()[0]!).getByText('webhook.test')).toBeTruthy();

    expect(await deliver()).toBe(1);
    // The list polls while a delivery is underway.
    await waitFor(() => expect(rows()[0]!.getAttribute('data-status')).toBe('delivered'), SLOW);
    const row = rows()[0]!;
    expect(row.querySelector('[data-catalyst="webhook-delivery-status"]')!.textContent).toBe(
      'Delivered',
    );
    expect(row.querySelector('[data-catalyst="webhook-delivery-attempts"]')!.textContent).toBe('1');
    expect(row.querySelector('[data-catalyst="webhook-delivery-last-status"]')!.textContent).toBe(
      '200',
    );
    expect(receiver.received.at(-1)!.headers['webhook-signature']).toMatch(/^v1,/);

    const attempts = within(row).getByRole('button', { name: /^Attempts of webhook\.test from / });
    await user.click(attempts);
    expect(attempts.getAttribute('aria-expanded')).toBe('true');
    const log = document.getElementById(attempts.getAttribute('aria-controls')!)!;
    await waitFor(() => expect(log.getAttribute('data-state')).toBe('ready'));
    const attempt = log.querySelector<HTMLElement>('[data-catalyst="webhook-attempt"]')!;
    expect(attempt.getAttribute('data-status-code')).toBe('200');
    expect(attempt.querySelector('[data-catalyst="webhook-attempt-status"] dd')!.textContent).toBe(
      '200',
    );
    expect(
      attempt.querySelector('[data-catalyst="webhook-attempt-duration"] dd')!.textContent,
    ).toMatch(/^\d+ ms$/);
    // The receiver's body is shown as text, never as markup.
    const response = attempt.querySelector('[data-catalyst="webhook-attempt-response"] pre')!;
    expect(response.textContent).toBe('<b>thanks</b>');
    expect(response.querySelector('b')).toBeNull();
  });

  it('retries a dead delivery, filters by status and replays a range', async () => {
    const user = userEvent.setup();
    const { org, webhook } = await withEndpoint('Dead Letter Org');
    receiver.answer(500, 'nope');
    const hooks = ada.client.webhooks.org(org.id);
    await hooks.test(webhook.id);
    await deliver();
    await renderDeliveries(org, webhook);
    expect(rows().map((r) => r.getAttribute('data-status'))).toEqual(['dead']);
    expect(rows()[0]!.querySelector('[data-catalyst="webhook-delivery-status"]')!.textContent).toBe(
      'Failed',
    );
    expect(
      rows()[0]!.querySelector('[data-catalyst="webhook-delivery-last-status"]')!.textContent,
    ).toBe('500');

    // Retry: queued again (pending), then delivered once the receiver is back.
    receiver.answer(204);
    await user.click(
      within(rows()[0]!).getByRole('button', { name: /^Retry webhook\.test from / }),
    );
    await waitFor(() => expect(rows()[0]!.getAttribute('data-status')).toBe('pending'));
    await deliver();
    await waitFor(() => expect(rows()[0]!.getAttribute('data-status')).toBe('delivered'), SLOW);
    // A retried dead delivery restarts its schedule (its count), and its log keeps every attempt.
    expect(
      rows()[0]!.querySelector('[data-catalyst="webhook-delivery-attempts"]')!.textContent,
    ).toBe('1');
    await user.click(within(rows()[0]!).getByRole('button', { name: /^Attempts of / }));
    await waitFor(() =>
      expect(
        [...rows()[0]!.querySelectorAll('[data-catalyst="webhook-attempt"]')].map((a) =>
          a.getAttribute('data-status-code'),
        ),
      ).toEqual(['500', '204']),
    );
    expect(
      rows()[0]!.querySelector('[data-catalyst="webhook-attempt-response"] pre')!.textContent,
    ).toBe('nope');

    // Another dead one; the filter shows only it.
    receiver.answer(500);
    await hooks.test(webhook.id);
    await deliver();
    await user.selectOptions(screen.getByLabelText('Status'), 'dead');
    await waitFor(() => expect(rows().map((r) => r.getAttribute('data-status'))).toEqual(['dead']));
    await user.selectOptions(screen.getByLabelText('Status'), 'pending');
    await waitFor(() => expect(panel().getAttribute('data-state')).toBe('empty'));
    expect(screen.getByText('No deliveries yet.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Status'), 'all');

    // Replay the failed ones of the last day: one is queued.
    const open = screen.getByRole('button', { name: `Replay events to ${receiver.url}` });
    await user.click(open);
    const replay = screen.getByRole('form', { name: `Replay events to ${receiver.url}` });
    expect(document.activeElement).toBe(within(replay).getByLabelText('From'));
    expect(
      (within(replay).getByLabelText('Failed deliveries only') as HTMLInputElement).checked,
    ).toBe(true);
    await user.click(within(replay).getByRole('button', { name: 'Replay range' }));
    await screen.findByText('Queued 1 for delivery.');
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: `Replay events to ${receiver.url}` }),
    );
    await waitFor(() =>
      expect(rows().map((r) => r.getAttribute('data-status'))).toEqual(['pending', 'delivered']),
    );
  });

  it('pages with "Show more", and shows a failed load as an alert', async () => {
    const user = userEvent.setup();
    const { org, webhook } = await withEndpoint('Many Deliveries Org');
    const hooks = ada.client.webhooks.org(org.id);
    for (let i = 0; i < 51; i++) await hooks.test(webhook.id);
    await renderDeliveries(org, webhook);
    expect(rows()).toHaveLength(50);
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(rows()).toHaveLength(51));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    cleanup();

    await renderDeliveries(org, webhook, {
      'GET /orgs/:orgId/webhooks/:webhookId/deliveries': () =>
        problem(400, 'invalid_request', 'not a cursor this API returned', 'cursor'),
    });
    expect(panel().getAttribute('data-state')).toBe('error');
    expect(within(panel()).getByRole('alert').textContent).toBe('not a cursor this API returned');
  });
});
