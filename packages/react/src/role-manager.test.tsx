import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  clientFor,
  createOrg,
  problem,
  signUp,
  type Person,
} from '../test/org-world.js';
import { AuthProvider, RoleManager } from './index.js';

let t: TestInstance;
let ada: Person;
let grace: Person;

beforeAll(async () => {
  t = await createTestInstance();
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="role-manager"]')!;
const role = (name: string) =>
  document.querySelector<HTMLElement>(`[data-catalyst="role"][data-role="${name}"]`)!;

describe('RoleManager', () => {
  it('shows built-in roles read-only; creates, edits and deletes a custom role', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Roles Org');
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <RoleManager />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    for (const name of ['owner', 'admin', 'member']) {
      expect(role(name).hasAttribute('data-built-in')).toBe(true);
      expect(within(role(name)).queryByRole('button')).toBeNull();
    }
    expect(within(role('owner')).getByText('All permissions')).toBeTruthy();

    const form = screen.getByRole('form', { name: 'New role' });
    await user.type(within(form).getByLabelText('Role name'), 'billing');
    await user.type(within(form).getByLabelText('Description'), 'Pays the bills');
    await user.click(within(form).getByLabelText('audit:read'));
    await user.click(within(form).getByLabelText('keys:manage'));
    await user.click(within(form).getByRole('button', { name: 'Create role' }));
    await waitFor(() => expect(role('billing')).toBeTruthy());
    expect(within(role('billing')).getByText('Pays the bills')).toBeTruthy();
    expect(
      [...role('billing').querySelectorAll('[data-catalyst="role-permission"]')].map(
        (p) => p.textContent,
      ),
    ).toEqual(['audit:read', 'keys:manage']);

    await user.type(within(form).getByLabelText('Role name'), 'billing');
    await user.click(within(form).getByLabelText('audit:read'));
    await user.click(within(form).getByRole('button', { name: 'Create role' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('role_exists');
    expect(within(form).getByLabelText('Role name').getAttribute('aria-invalid')).toBe('true');

    await user.click(screen.getByRole('button', { name: 'Edit billing' }));
    const edit = screen.getByRole('form', { name: 'Edit billing' });
    expect((within(edit).getByLabelText('keys:manage') as HTMLInputElement).checked).toBe(true);
    await user.click(within(edit).getByLabelText('keys:manage'));
    await user.click(within(edit).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit billing' })).toBeNull());
    await waitFor(() =>
      expect(
        [...role('billing').querySelectorAll('[data-catalyst="role-permission"]')].map(
          (p) => p.textContent,
        ),
      ).toEqual(['audit:read']),
    );

    await user.click(screen.getByRole('button', { name: 'Delete billing' }));
    await waitFor(() => expect(role('billing')).toBeNull());
  });

  it('disables permissions an admin does not hold, and shows the server’s 403', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Admin Roles Org');
    await addMember(ada, org, grace, ['admin']);
    render(
      <AuthProvider
        client={await clientFor(grace, {
          org,
          stubs: {
            'POST /orgs/:orgId/roles': () =>
              problem(
                403,
                'forbidden',
                'you cannot grant permissions you do not hold: audit:read',
                'permissions.0',
              ),
          },
        })}
      >
        <RoleManager />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    const form = screen.getByRole('form', { name: 'New role' });
    const transfer = within(form).getByLabelText('org:transfer') as HTMLInputElement;
    expect(transfer.disabled).toBe(true);
    expect(transfer.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      document.getElementById(transfer.getAttribute('aria-describedby')!)?.textContent,
    ).toMatch(/do not hold/);
    expect((within(form).getByLabelText('org:delete') as HTMLInputElement).disabled).toBe(true);
    expect((within(form).getByLabelText('audit:read') as HTMLInputElement).disabled).toBe(false);
    await user.type(within(form).getByLabelText('Role name'), 'auditor');
    await user.click(within(form).getByLabelText('audit:read'));
    await user.click(within(form).getByRole('button', { name: 'Create role' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('forbidden');
    expect(alert.textContent).toMatch(/do not hold/);
    // A refused write is not a forbidden panel.
    expect(root().getAttribute('data-state')).toBe('ready');
  });

  it('is read-only for a member', async () => {
    const org = await createOrg(ada, 'Member Roles Org');
    await addMember(ada, org, grace, ['member']);
    await ada.client.roles.create(org.id, { name: 'viewer', permissions: ['audit:read'] });
    render(
      <AuthProvider client={await clientFor(grace, { org })}>
        <RoleManager />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(role('viewer')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
