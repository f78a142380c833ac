import type { MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createOrg, json, signUp, type Person } from '../test/org-world.js';
import { startReceiver, type Receiver } from '../test/webhook-world.js';
import { AuthProvider, WebhookList, type Webhook } from './index.js';

let t: TestInstance;
let receiver: Receiver;
let ada: Person;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await createTestInstance({ webhookAllowedNetworks: ['127.0.0.1/32'] });
  ada = await signUp(t, 'Ada');
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="webhook-list"]')!;
const item = () => document.querySelector<HTMLElement>('[data-catalyst="webhook"]')!;

async function withEndpoint(name: string, url = receiver.url) {
  const org = await createOrg(ada, name);
  const created = await ada.client.webhooks.org(org.id).create({ url, events: ['org.*'] });
  if (!created.ok) throw new Error(created.error.message);
  return { org, webhook: created.data };
}

async function renderList(org: MyOrg, stubs = {}) {
  render(
    <AuthProvider client={await clientFor(ada, { org, stubs })}>
      <WebhookList orgId={org.id} />
    </AuthProvider>,
  );
  await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
}

describe('WebhookList', () => {
  it('disables and enables an endpoint', async () => {
    const user = userEvent.setup();
    const { org, webhook } = await withEndpoint('Toggle Org');
    await renderList(org);
    await user.click(screen.getByRole('button', { name: `Disable ${receiver.url}` }));
    await waitFor(() => expect(item().hasAttribute('data-enabled')).toBe(false));
    expect(item().getAttribute('data-reason')).toBe('manual');
    expect(item().querySelector('[data-catalyst="webhook-status"]')!.textContent).toBe('Disabled');
    const stored = await ada.client.webhooks.org(org.id).get(webhook.id);
    expect(stored.ok && stored.data.enabled).toBe(false);
    await user.click(screen.getByRole('button', { name: `Enable ${receiver.url}` }));
    await waitFor(() => expect(item().hasAttribute('data-enabled')).toBe(true));
  });

  it('rotates the secret after explaining the overlap; the new secret shows once', async () => {
    const user = userEvent.setup();
    const { org, webhook } = await withEndpoint('Rotate Org');
    await renderList(org);
    const trigger = screen.getByRole('button', {
      name: `Rotate secret of ${receiver.url}`,
    });
    await user.click(trigger);
    const confirm = screen.getByRole('group', {
      name: `Rotate secret of ${receiver.url}`,
    });
    expect(within(confirm).getByText(/two signatures/)).toBeTruthy();
    const button = within(confirm).getByRole('button', { name: 'Rotate secret' });
    expect(document.activeElement).toBe(button);
    await user.click(button);

    const field = (await screen.findByLabelText(
      `New signing secret for ${receiver.url}`,
    )) as HTMLInputElement;
    expect(field.value).toMatch(/^whsec_/);
    expect(field.value).not.toBe(webhook.secret);
    expect(document.activeElement).toBe(field);
    expect(screen.getByText(/signed with both secrets until/)).toBeTruthy();
    const stored = await ada.client.webhooks.org(org.id).get(webhook.id);
    expect(stored.ok && stored.data.previousSecretExpiresAt).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(document.body.innerHTML).not.toContain(field.value);
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: `Rotate secret of ${receiver.url}` }),
    );
  });

  it('cancels a rotation with Escape, focus back on its button', async () => {
    const user = userEvent.setup();
    const { org } = await withEndpoint('Escape Org');
    await renderList(org);
    const name = `Rotate secret of ${receiver.url}`;
    await user.click(screen.getByRole('button', { name }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name }));
  });

  it('edits the URL and events; the server refuses a private address on the URL field', async () => {
    const user = userEvent.setup();
    const { org, webhook } = await withEndpoint('Edit Org');
    await renderList(org);
    await user.click(screen.getByRole('button', { name: `Edit ${receiver.url}` }));
    const editForm = screen.getByRole('form', { name: `Edit ${receiver.url}` });
    const url = within(editForm).getByLabelText('Endpoint URL') as HTMLInputElement;
    expect(document.activeElement).toBe(url);
    await user.clear(url);
    await user.type(url, 'http://192.168.1.9/hook');
    await user.click(within(editForm).getByRole('button', { name: 'Save changes' }));
    const alert = await within(editForm).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('webhook_target_forbidden');

    await user.clear(url);
    await user.type(url, `${receiver.url}/v2`);
    await user.click(within(editForm).getByLabelText('key.issued'));
    await user.click(within(editForm).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    const stored = await ada.client.webhooks.org(org.id).get(webhook.id);
    expect(stored.ok && [stored.data.url, stored.data.events]).toEqual([
      `${receiver.url}/v2`,
      ['org.*', 'key.issued'],
    ]);
    await waitFor(() => expect(within(item()).getByText(`${receiver.url}/v2`)).toBeTruthy());
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: `Edit ${receiver.url}/v2` }),
    );
  });

  it('deletes an endpoint after a confirmation', async () => {
    const user = userEvent.setup();
    const { org } = await withEndpoint('Delete Org');
    await renderList(org);
    await user.click(screen.getByRole('button', { name: `Delete ${receiver.url}` }));
    const confirm = screen.getByRole('group', { name: `Delete ${receiver.url}` });
    expect(within(confirm).getByText(/delivery history/)).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Delete endpoint' }));
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    expect(screen.getByText('No webhook endpoints yet.')).toBeTruthy();
    const listed = await ada.client.webhooks.org(org.id).list();
    expect(listed.ok && listed.data.webhooks).toEqual([]);
  });

  it('says why an endpoint was disabled: gone, or failing since a date', async () => {
    const { org, webhook } = await withEndpoint('Disabled Org');
    const failingSince = '2025-03-01T08:00:00.000Z';
    const endpoints: Webhook[] = [
      { ...webhook, id: 'wh_gone', enabled: false, disabledReason: 'gone' },
      {
        ...webhook,
        id: 'wh_failing',
        url: `${receiver.url}/failing`,
        enabled: false,
        disabledReason: 'failing',
        failingSince,
      },
      { ...webhook, id: 'wh_flaky', url: `${receiver.url}/flaky`, failingSince },
    ];
    await renderList(org, {
      'GET /orgs/:orgId/webhooks': () => json({ webhooks: endpoints, nextCursor: null }),
    });
    const status = (id: string) =>
      document.querySelector(`[data-webhook-id="${id}"] [data-catalyst="webhook-status"]`)!
        .textContent;
    const when = new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(failingSince));
    expect(status('wh_gone')).toBe('Disabled: the receiver answered 410 Gone');
    expect(status('wh_failing')).toBe(`Disabled: failing since ${when}`);
    expect(status('wh_flaky')).toBe('Enabled');
    expect(
      document.querySelector(
        '[data-webhook-id="wh_flaky"] [data-catalyst="webhook-failing-since"]',
      )!.textContent,
    ).toBe(`Failing since ${when}`);
    expect(document.querySelector('[data-webhook-id="wh_gone"]')!.getAttribute('data-reason')).toBe(
      'gone',
    );
    expect(screen.getByRole('button', { name: `Enable ${receiver.url}/failing` })).toBeTruthy();
  });
});
