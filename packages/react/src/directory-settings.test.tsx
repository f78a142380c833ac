import { createDirectoryClient, type DirectoryConnection, type MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  clientFor,
  createOrg,
  json,
  problem,
  signUp,
  type Person,
  type Stubs,
} from '../test/org-world.js';
import { AuthProvider, DirectorySettings } from './index.js';

// An address the instance may reach (`ssoAllowedNetworks`); nothing here ever syncs against it.
const BASE = 'https://127.0.0.1';
let t: TestInstance;
let ada: Person; // owns the org
let grace: Person; // an admin: everything but directory:manage
let org: MyOrg;

beforeAll(async () => {
  t = await createTestInstance({ ssoAllowedNetworks: ['127.0.0.1/32'] });
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
  org = await createOrg(ada, 'Directory Settings Org');
  await addMember(ada, org, grace, ['admin']);
});
afterAll(() => t.close());
afterEach(async () => {
  cleanup();
  // Each test starts without a directory (a 404 when none is left is fine).
  await createDirectoryClient(ada.client).delete(org.id);
});

const root = () => document.querySelector<HTMLElement>('[data-catalyst="directory-settings"]')!;
const state = (expected: string) =>
  waitFor(() => expect(root().getAttribute('data-state')).toBe(expected));
const describedBy = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby')!)!;

async function violations(container: HTMLElement) {
  // color-contrast needs layout, which a DOM emulator does not compute.
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function renderSettings(person: Person, stubs: Stubs = {}) {
  return render(
    <AuthProvider client={await clientFor(person, { org, stubs })}>
      <DirectorySettings orgId={org.id} />
    </AuthProvider>,
  );
}

/** Records each body sent, then lets the real server answer. */
function recording(person: Person, sent: unknown[]) {
  return async (request: Request) => {
    const body = await request.text();
    sent.push(JSON.parse(body));
    return person.fetch(request.url, { method: request.method, headers: request.headers, body });
  };
}

/** A connected Authentik for the stubbed sync tests (the real server never runs one here). */
const connected = (over: Partial<DirectoryConnection> = {}): DirectoryConnection => ({
  id: 'dir_1',
  orgId: org.id,
  provider: 'authentik',
  baseUrl: 'https://auth.acme.example',
  realm: null,
  clientId: null,
  defaultRole: 'member',
  intervalMinutes: 60,
  deprovision: true,
  enabled: true,
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  nextRunAt: null,
  lastRun: null,
  ...over,
});

describe('DirectorySettings', () => {
  it('connects Authentik with the right body, keeps the token on save, and disconnects after a confirmation', async () => {
    const user = userEvent.setup();
    const sent: unknown[] = [];
    const { container } = await renderSettings(ada, {
      'PUT /orgs/:orgId/directory': recording(ada, sent),
    });
    await state('empty');
    expect(screen.getByText('No directory is connected.')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Connect a directory' });
    const inside = within(form);
    expect(inside.queryByLabelText('Realm')).toBeNull();
    expect(inside.queryByLabelText('Enabled')).toBeNull();
    expect(inside.getByLabelText('Remove members the directory drops or disables')).toHaveProperty(
      'checked',
      true,
    );
    expect(inside.queryByRole('option', { name: 'Owner' })).toBeNull();
    await user.type(inside.getByLabelText('Base URL'), `${BASE}/`);
    await user.type(inside.getByLabelText('API token'), 'ak-token');
    await user.selectOptions(inside.getByLabelText('Sync schedule'), 'Every hour');
    expect(await violations(container)).toEqual([]);
    await user.click(inside.getByRole('button', { name: 'Connect directory' }));

    await state('ready');
    expect(await screen.findByText('Directory connected.')).toBeTruthy();
    expect(sent[0]).toEqual({
      provider: 'authentik',
      baseUrl: BASE,
      credential: 'ak-token',
      defaultRole: 'member',
      intervalMinutes: 60,
      deprovision: true,
    });
    const status = screen.getByRole('group', { name: 'Sync status' });
    expect(within(status).getByText('Not synced yet.')).toBeTruthy();

    // Write-only: the token is only "set", and a blank field keeps it.
    const edit = within(screen.getByRole('form', { name: 'Directory settings' }));
    const token = edit.getByLabelText('API token');
    expect(describedBy(token).textContent).toBe('Set. Leave blank to keep it.');
    await user.click(edit.getByLabelText('Enabled'));
    await user.click(edit.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Directory saved.')).toBeTruthy();
    expect(sent[1]).toMatchObject({ provider: 'authentik', baseUrl: BASE, enabled: false });
    expect(sent[1]).not.toHaveProperty('credential');
    const sync = screen.getByRole('button', { name: 'Sync now' });
    await waitFor(() => expect(sync).toHaveProperty('disabled', true));
    expect(describedBy(sync).textContent).toBe('Switch the directory on to sync it.');
    expect(await violations(container)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Disconnect directory' }));
    const confirm = screen.getByRole('group', { name: 'Disconnect directory' });
    expect(within(confirm).getByText(/mirrored from the directory stay/)).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    await state('empty');
    expect(await screen.findByText('Directory disconnected.')).toBeTruthy();
  });

  it('asks Keycloak for its realm and client, and calls the credential a client secret', async () => {
    const user = userEvent.setup();
    await renderSettings(ada);
    await state('empty');
    await user.selectOptions(screen.getByLabelText('Directory'), 'Keycloak');
    await user.type(screen.getByLabelText('Base URL'), BASE);
    await user.type(screen.getByLabelText('Client secret'), 'kc-secret');
    await user.click(screen.getByRole('button', { name: 'Connect directory' }));
    const realm = screen.getByLabelText('Realm');
    expect(realm.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(realm).textContent).toBe('Enter the realm.');
    await user.type(realm, 'acme');
    await user.type(screen.getByLabelText('Client ID'), 'catalyst-sync');
    await user.click(screen.getByRole('button', { name: 'Connect directory' }));
    await state('ready');
    expect(root().getAttribute('data-provider')).toBe('keycloak');
    const stored = await createDirectoryClient(ada.client).get(org.id);
    expect(stored.ok && stored.data.connection).toMatchObject({
      provider: 'keycloak',
      realm: 'acme',
      clientId: 'catalyst-sync',
      intervalMinutes: null,
    });
  });

  it('puts the server errors on their inputs: a private base URL, an unknown role', async () => {
    const user = userEvent.setup();
    let puts = 0;
    const { container } = await renderSettings(ada, {
      // The real server judges the address; the second save meets a role deleted meanwhile.
      'PUT /orgs/:orgId/directory': async (request) =>
        ++puts === 1
          ? recording(ada, [])(request)
          : problem(400, 'unknown_role', 'no role named member', 'defaultRole.0'),
    });
    await state('empty');
    const base = screen.getByLabelText('Base URL');
    await user.type(base, 'https://10.20.30.40');
    await user.type(screen.getByLabelText('API token'), 'ak-token');
    await user.click(screen.getByRole('button', { name: 'Connect directory' }));
    await waitFor(() => expect(base.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(base).getAttribute('role')).toBe('alert');
    expect(describedBy(base).getAttribute('data-code')).toBe('invalid_issuer');
    expect(await violations(container)).toEqual([]);

    await user.clear(base);
    await user.type(base, BASE);
    await user.click(screen.getByRole('button', { name: 'Connect directory' }));
    const role = screen.getByLabelText('Role of new members');
    await waitFor(() => expect(role.getAttribute('aria-invalid')).toBe('true'));
    expect(base.getAttribute('aria-invalid')).toBeNull();
    expect(describedBy(role).getAttribute('data-code')).toBe('unknown_role');
  });

  it('syncs now: busy while it runs, then the run, its summary and why users were skipped', async () => {
    const user = userEvent.setup();
    let current = connected();
    let finish = () => {};
    await renderSettings(ada, {
      'GET /orgs/:orgId/directory': () => json({ connection: current }),
      'POST /orgs/:orgId/directory/sync': async () => {
        await new Promise<void>((resolve) => (finish = resolve));
        const at = new Date().toISOString();
        current = connected({
          lastRun: {
            status: 'succeeded',
            trigger: 'manual',
            startedAt: at,
            finishedAt: at,
            errorCode: null,
            errorMessage: null,
            stats: {
              usersSeen: 16,
              usersCreated: 9,
              usersLinked: 3,
              membersAdded: 12,
              membersRemoved: 1,
              usersSkipped: 3,
              skipped: { inactive: 2, outside_domains: 1 },
              groupsSeen: 4,
              groupsCreated: 4,
              groupsUpdated: 0,
              groupsDeleted: 0,
              groupConflicts: 0,
              groupMembersAdded: 12,
              groupMembersRemoved: 0,
            },
          },
        });
        return json(current);
      },
    });
    await state('ready');
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    const busy = await screen.findByRole('button', { name: 'Syncing…' });
    expect(busy).toHaveProperty('disabled', true);
    expect(root().hasAttribute('data-syncing')).toBe(true);
    finish();
    expect(await screen.findByText('Sync finished.')).toBeTruthy();
    const status = within(screen.getByRole('group', { name: 'Sync status' }));
    expect(status.getByText('Succeeded (on demand)')).toBeTruthy();
    expect(status.getByText('12 joined, 1 removed, 3 skipped · groups: 4 created')).toBeTruthy();
    const skipped = within(status.getByRole('list', { name: 'Skipped' }));
    expect(skipped.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Disabled in the directory: 2',
      "Address outside the organization's verified domains: 1",
    ]);
    expect(screen.getByRole('button', { name: 'Sync now' })).toHaveProperty('disabled', false);
  });

  it('says why a sync did not run: one is going (409), the directory cannot be read (502)', async () => {
    const user = userEvent.setup();
    let current = connected();
    let posts = 0;
    await renderSettings(ada, {
      'GET /orgs/:orgId/directory': () => json({ connection: current }),
      'POST /orgs/:orgId/directory/sync': () => {
        if (++posts === 1)
          return problem(409, 'sync_in_progress', 'a sync of this directory is already running');
        const at = new Date().toISOString();
        current = connected({
          lastRun: {
            status: 'failed',
            trigger: 'manual',
            startedAt: at,
            finishedAt: at,
            errorCode: 'idp_unavailable',
            errorMessage: 'authentik answered HTTP 401',
            stats: null,
          },
        });
        return problem(502, 'idp_unavailable', 'authentik answered HTTP 401');
      },
    });
    await state('ready');
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    const busy = await screen.findByRole('alert');
    expect(busy.getAttribute('data-code')).toBe('sync_in_progress');
    expect(busy.textContent).toBe('A sync is already running. Try again when it ends.');
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The directory could not be read: authentik answered HTTP 401',
      ),
    );
    const run = document.querySelector('[data-catalyst="directory-last-run"]')!;
    await waitFor(() => expect(run.getAttribute('data-status')).toBe('failed'));
    expect(within(run as HTMLElement).getByText('Failed (on demand)')).toBeTruthy();
    expect(
      run.querySelector('[data-catalyst="directory-run-error"]')?.getAttribute('data-code'),
    ).toBe('idp_unavailable');
    expect(screen.getByText('authentik answered HTTP 401 (idp_unavailable)')).toBeTruthy();
  });

  it('is forbidden to an admin (only owners hold directory:manage), without asking', async () => {
    const asked: string[] = [];
    const { container } = await renderSettings(grace, {
      'GET /orgs/:orgId/directory': () => {
        asked.push('directory');
        return new Response(null, { status: 500 });
      },
    });
    await state('forbidden');
    expect(
      screen.getByText("Only the organization's owners can manage directory sync."),
    ).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(asked).toEqual([]);
    expect(await violations(container)).toEqual([]);
  });
});
