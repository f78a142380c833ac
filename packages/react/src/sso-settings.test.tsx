import { createSsoClient, type MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, SsoSettings } from './index.js';

// The issuer is an address the instance may reach (`ssoAllowedNetworks`); nothing fetches it.
const ISSUER = 'https://127.0.0.1/realms/acme';
let t: TestInstance;
let ada: Person; // owns the org
let grace: Person; // an admin: everything but sso:manage
let org: MyOrg;

beforeAll(async () => {
  t = await createTestInstance({ ssoAllowedNetworks: ['127.0.0.1/32'] });
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
  org = await createOrg(ada, 'SSO Settings Org');
  await addMember(ada, org, grace, ['admin']);
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector<HTMLElement>('[data-catalyst="sso-settings"]')!;
const state = (expected: string) =>
  waitFor(() => expect(root().getAttribute('data-state')).toBe(expected));

async function violations(container: HTMLElement) {
  // color-contrast needs layout, which a DOM emulator does not compute.
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function renderSettings(person: Person, stubs = {}) {
  return render(
    <AuthProvider client={await clientFor(person, { org, stubs })}>
      <SsoSettings orgId={org.id} />
    </AuthProvider>,
  );
}

describe('SsoSettings', () => {
  it('connects a provider, shows its redirect URI, removes the secret, and disconnects', async () => {
    const user = userEvent.setup();
    const { container } = await renderSettings(ada);
    await state('empty');
    expect(screen.getByText('No identity provider is connected.')).toBeTruthy();
    expect(await violations(container)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Connect a provider' }));
    const form = screen.getByRole('form', { name: 'Connect an OpenID provider' });
    await user.type(within(form).getByLabelText('Button name'), 'Acme Keycloak');
    await user.type(within(form).getByLabelText('Issuer URL'), ISSUER);
    await user.type(within(form).getByLabelText('Client ID'), 'catalyst');
    await user.type(within(form).getByLabelText('Client secret'), 's3cret-value');
    expect((within(form).getByLabelText('Role of new members') as HTMLSelectElement).value).toBe(
      'member',
    );
    // Owners are never a default: the picker leaves them out.
    expect(within(form).queryByRole('option', { name: 'Owner' })).toBeNull();
    expect(await violations(container)).toEqual([]);
    await user.click(within(form).getByRole('button', { name: 'Save provider' }));

    await state('ready');
    expect(await screen.findByText('Provider saved.')).toBeTruthy();
    const details = screen.getByRole('group', { name: 'Connected provider' });
    expect(within(details).getByText('Acme Keycloak')).toBeTruthy();
    expect(within(details).getByText('A client secret is set.')).toBeTruthy();
    const redirect = screen.getByRole('group', { name: 'Redirect URI' });
    expect(redirect.querySelector('code')?.textContent).toMatch(/\/api\/auth\/sso\/callback$/);
    expect(within(redirect).getByRole('button', { name: 'Copy redirect URI' })).toBeTruthy();
    expect(await violations(container)).toEqual([]);

    // Write-only: the secret is kept unless replaced or removed.
    const edit = screen.getByRole('form', { name: 'Provider settings' });
    expect((within(edit).getByLabelText('Issuer URL') as HTMLInputElement).value).toBe(ISSUER);
    expect(within(edit).getByLabelText('Keep the current secret')).toHaveProperty('checked', true);
    await user.click(within(edit).getByLabelText('Remove it (public client)'));
    await user.click(within(edit).getByRole('button', { name: 'Save provider' }));
    await waitFor(() =>
      expect(within(details).getByText('No client secret is set (a public client).')).toBeTruthy(),
    );
    const stored = await createSsoClient(ada.client).org.get(org.id);
    expect(stored.ok && stored.data.connection?.hasClientSecret).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Disconnect provider' }));
    const confirm = screen.getByRole('group', { name: 'Disconnect provider' });
    expect(within(confirm).getByText(/no longer be able to sign in/)).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    await state('empty');
    expect(await screen.findByText('Provider disconnected.')).toBeTruthy();
  });

  it('puts the server errors on their inputs (issuer, scopes) and the require warning in view', async () => {
    const user = userEvent.setup();
    const { container } = await renderSettings(ada);
    await state('empty');
    await user.click(screen.getByRole('button', { name: 'Connect a provider' }));
    const issuer = screen.getByLabelText('Issuer URL');
    await user.type(issuer, 'https://10.20.30.40/internal');
    await user.type(screen.getByLabelText('Client ID'), 'catalyst');
    const required = screen.getByLabelText('Require single sign-on for our verified domains');
    expect(required.getAttribute('aria-describedby')).toBeTruthy();
    const warning = document.getElementById(required.getAttribute('aria-describedby')!)!;
    expect(warning.textContent).toMatch(/^Warning: everyone with an address/);
    await user.click(screen.getByRole('button', { name: 'Save provider' }));
    await waitFor(() => expect(issuer.getAttribute('aria-invalid')).toBe('true'));
    const alert = document.getElementById(issuer.getAttribute('aria-describedby')!)!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.getAttribute('data-code')).toBe('invalid_issuer');
    expect(await violations(container)).toEqual([]);

    await user.clear(issuer);
    await user.type(issuer, ISSUER);
    const scopes = screen.getByLabelText('Scopes');
    await user.clear(scopes);
    await user.type(scopes, 'email profile');
    await user.click(screen.getByRole('button', { name: 'Save provider' }));
    await waitFor(() => expect(scopes.getAttribute('aria-invalid')).toBe('true'));
    expect(issuer.getAttribute('aria-invalid')).toBeNull();
    expect(
      document.getElementById(scopes.getAttribute('aria-describedby')!)?.getAttribute('data-code'),
    ).toBe('invalid_request');
  });

  it('maps defaultRole.0 onto the role picker', async () => {
    const user = userEvent.setup();
    await renderSettings(ada, {
      'PUT /orgs/:orgId/sso': () =>
        new Response(
          JSON.stringify({
            status: 400,
            code: 'unknown_role',
            detail: 'no such role: ghost',
            field: 'defaultRole.0',
          }),
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        ),
    });
    await state('empty');
    await user.click(screen.getByRole('button', { name: 'Connect a provider' }));
    await user.type(screen.getByLabelText('Issuer URL'), ISSUER);
    await user.type(screen.getByLabelText('Client ID'), 'catalyst');
    await user.click(screen.getByRole('button', { name: 'Save provider' }));
    const picker = screen.getByLabelText('Role of new members');
    await waitFor(() => expect(picker.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByRole('alert').getAttribute('data-code')).toBe('unknown_role');
  });

  it('is forbidden to an admin (only owners hold sso:manage), without asking', async () => {
    const asked: string[] = [];
    const { container } = await renderSettings(grace, {
      'GET /orgs/:orgId/sso': () => {
        asked.push('sso');
        return new Response(null, { status: 500 });
      },
    });
    await state('forbidden');
    expect(
      screen.getByText("Only the organization's owners can manage single sign-on."),
    ).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(asked).toEqual([]);
    expect(await violations(container)).toEqual([]);
  });
});
