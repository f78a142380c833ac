import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  clientFor,
  createOrg,
  json,
  problem,
  signUp,
  type Person,
} from '../test/org-world.js';
import { cached, startReceiver, type Receiver } from '../test/webhook-world.js';
import { AuthProvider, catalystMutations, catalystQueries, WebhookManager } from './index.js';

let t: TestInstance;
let receiver: Receiver;
let ada: Person;
let grace: Person;
let alan: Person;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await createTestInstance({ webhookAllowedNetworks: ['127.0.0.1/32'] });
  [ada, grace, alan] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace'), signUp(t, 'Alan')]);
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="webhook-manager"]')!;
const form = () => screen.getByRole('form', { name: 'New webhook endpoint' });

describe('WebhookManager', () => {
  it('registers an endpoint for an admin: events picked, the secret shown once and never cached', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Hooks Org');
    await addMember(ada, org, grace, ['admin']);
    const queryClient = new QueryClient();
    const client = await clientFor(grace, { org });
    const tree = () => (
      <AuthProvider client={client} queryClient={queryClient}>
        <WebhookManager orgId={org.id} />
      </AuthProvider>
    );
    const view = render(tree());
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    expect(root().getAttribute('data-owner')).toBe('org');
    expect(screen.getByText('No webhook endpoints yet.')).toBeTruthy();

    // Nothing chosen: said in the picker before anything is sent.
    await user.type(within(form()).getByLabelText('Endpoint URL'), receiver.url);
    await user.click(within(form()).getByRole('button', { name: 'Add endpoint' }));
    const picker = within(form()).getByRole('group', { name: 'Events' });
    const none = await within(picker).findByRole('alert');
    expect(none.textContent).toBe('Choose at least one event.');
    expect(picker.getAttribute('aria-describedby')).toBe(none.id);

    // A family wildcard covers (checks and disables) that family's types.
    const orgs = within(picker).getByRole('group', { name: 'Organizations' });
    await user.click(within(orgs).getByLabelText('All events in Organizations'));
    const created = within(orgs).getByLabelText('org.created') as HTMLInputElement;
    expect(created.checked && created.disabled).toBe(true);
    await user.click(within(picker).getByLabelText('membership.added'));
    await user.type(within(form()).getByLabelText('Description (optional)'), 'Billing sync');
    await user.click(within(form()).getByRole('button', { name: 'Add endpoint' }));

    const field = (await screen.findByLabelText(
      `Signing secret for ${receiver.url}`,
    )) as HTMLInputElement;
    const secret = field.value;
    expect(secret).toMatch(/^whsec_/);
    expect(document.activeElement).toBe(field);
    expect(screen.getByRole('group', { name: /You will not see it again/ })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'New webhook endpoint' })).toBeNull();

    const listed = await grace.client.webhooks.org(org.id).list();
    expect(listed.ok && listed.data.webhooks.map((w) => [w.url, w.events, w.description])).toEqual([
      [receiver.url, ['org.*', 'membership.added'], 'Billing sync'],
    ]);
    const item = await waitFor(() => {
      const li = document.querySelector<HTMLElement>('[data-catalyst="webhook"]');
      expect(li).not.toBeNull();
      return li!;
    });
    expect(within(item).getByText(receiver.url)).toBeTruthy();
    expect(item.querySelector('[data-catalyst="webhook-status"]')!.textContent).toBe('Enabled');
    expect(
      [...item.querySelectorAll('[data-catalyst="webhook-event"]')].map((e) => e.textContent),
    ).toEqual(['org.*', 'membership.added']);
    expect(item.textContent).not.toContain(secret);
    expect(cached(queryClient)).not.toContain(secret);
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain(secret);

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(document.body.innerHTML).not.toContain(secret);
    expect(form()).toBeTruthy();
    expect((within(form()).getByLabelText('Endpoint URL') as HTMLInputElement).value).toBe('');

    // A remount on the same QueryClient knows nothing of it either.
    view.unmount();
    render(tree());
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(document.body.innerHTML).not.toContain(secret);
  });

  it("shows the server's URL error on the URL field: a private address is refused", async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Private Hooks Org');
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <WebhookManager />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    await user.type(within(form()).getByLabelText('Endpoint URL'), 'http://10.0.0.7/hook');
    await user.click(within(form()).getByLabelText('All events'));
    await user.click(within(form()).getByRole('button', { name: 'Add endpoint' }));
    const url = within(form()).getByLabelText('Endpoint URL');
    const field = form().querySelector<HTMLElement>('[data-name="url"]')!;
    const alert = await within(field).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('webhook_target_forbidden');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(url.getAttribute('aria-describedby')).toBe(alert.id);
    expect(within(form()).getAllByRole('alert')).toHaveLength(1);
    const listed = await ada.client.webhooks.org(org.id).list();
    expect(listed.ok && listed.data.webhooks).toEqual([]);
  });

  it('is forbidden for a plain member of the org, with no request for the endpoints', async () => {
    const org = await createOrg(ada, 'Member Hooks Org');
    await addMember(ada, org, alan, ['member']);
    const asked: string[] = [];
    const client = await clientFor(alan, {
      org,
      stubs: {
        'GET /orgs/:orgId/webhooks': (request) => {
          asked.push(request.url);
          return problem(403, 'forbidden', 'requires the permission webhooks:manage');
        },
      },
    });
    render(
      <AuthProvider client={client}>
        <WebhookManager orgId={org.id} />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText('You do not have permission to manage these webhooks.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(document.querySelector('[data-catalyst="webhook-list"]')).toBeNull();
    expect(asked).toEqual([]);
    const listed = await alan.client.webhooks.org(org.id).list();
    expect(!listed.ok && listed.error.status).toBe(403);
  });

  it("treats the server's 403 as forbidden (before the caller's permissions are known)", async () => {
    const org = await createOrg(ada, 'Unknown Hooks Org');
    await addMember(ada, org, alan, ['member']);
    // Not the active org: its permissions come from GET /me/effective, which never answers.
    const client = await clientFor(alan, {
      stubs: { 'GET /me/effective': () => new Promise<Response>(() => {}) },
    });
    render(
      <AuthProvider client={client}>
        <WebhookManager orgId={org.id} />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.queryByRole('form')).toBeNull();
  });

  it("manages the platform's endpoints at /admin/webhooks; without a platform role, forbidden", async () => {
    render(
      <AuthProvider client={await clientFor(ada)}>
        <WebhookManager platform />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(root().getAttribute('data-owner')).toBe('platform');
    expect(screen.queryByRole('form')).toBeNull();
    cleanup();

    const asked: string[] = [];
    const client = await clientFor(ada, {
      stubs: {
        'GET /admin/webhooks': (request) => {
          asked.push(new URL(request.url).pathname);
          return json({ webhooks: [], nextCursor: null });
        },
      },
    });
    render(
      <AuthProvider client={client}>
        <WebhookManager platform />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    expect(asked[0]).toBe('/api/auth/admin/webhooks');
    expect(screen.getByRole('form', { name: 'New webhook endpoint' })).toBeTruthy();
  });

  it('says there is no organization without one', async () => {
    render(
      <AuthProvider client={await clientFor(ada)}>
        <WebhookManager />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    expect(root().getAttribute('data-owner')).toBe('none');
    expect(screen.getByText('No organization selected.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });
});

describe('webhook resources', () => {
  it("keys by owner; writes invalidate that owner's lists, or one endpoint's deliveries", async () => {
    const client = await clientFor(ada);
    const scope = { userId: 'usr_1', owner: { orgId: 'org_1' } };
    const q = catalystQueries.webhooks;
    expect(q.list(client, scope).queryKey).toEqual([
      'catalyst',
      'webhooks',
      'org_1',
      'list',
      'usr_1',
    ]);
    expect(q.deliveries(client, { ...scope, webhookId: 'wh_1', status: 'dead' }).queryKey).toEqual([
      'catalyst',
      'webhooks',
      'org_1',
      'deliveries',
      'wh_1',
      'usr_1',
      'dead',
    ]);
    expect(q.delivery(client, { ...scope, webhookId: 'wh_1', deliveryId: 'd_1' }).queryKey).toEqual(
      ['catalyst', 'webhooks', 'org_1', 'delivery', 'wh_1', 'd_1', 'usr_1'],
    );
    expect(q.list(client, { userId: 'usr_1', owner: 'platform' }).queryKey[2]).toBe('platform');
    const m = catalystMutations.webhooks;
    for (const write of ['create', 'update', 'delete', 'rotateSecret'] as const) {
      expect(m[write](client, scope.owner).invalidates).toEqual([
        ['catalyst', 'webhooks', 'org_1', 'list'],
      ]);
    }
    expect(m.test(client, scope.owner, 'wh_1').invalidates).toEqual([
      ['catalyst', 'webhooks', 'org_1', 'deliveries', 'wh_1'],
    ]);
    for (const write of ['retry', 'replay'] as const) {
      expect(m[write](client, scope.owner, 'wh_1').invalidates).toEqual([
        ['catalyst', 'webhooks', 'org_1', 'deliveries', 'wh_1'],
        ['catalyst', 'webhooks', 'org_1', 'delivery', 'wh_1'],
      ]);
    }
  });
});
