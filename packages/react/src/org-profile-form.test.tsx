import { createAuthClient } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, OrgProfileForm } from './index.js';

let t: TestInstance;
let ada: Person;
let grace: Person;

beforeAll(async () => {
  t = await createTestInstance();
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
});
afterAll(() => t.close());
afterEach(cleanup);

const form = () => document.querySelector('[data-catalyst="org-profile"]')!;
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('OrgProfileForm', () => {
  it('loads the active org, saves the profile and updates the session’s name', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Profile Org');
    const client = await clientFor(ada, { org });
    const onSaved = vi.fn();
    render(
      <AuthProvider client={client}>
        <OrgProfileForm onSaved={onSaved} />
      </AuthProvider>,
    );
    expect(form().getAttribute('data-state')).toBe('loading');
    await waitFor(() => expect(form().getAttribute('data-state')).toBe('ready'));
    expect(input('Name').value).toBe('Profile Org');
    expect(form().hasAttribute('data-readonly')).toBe(false);
    await user.clear(input('Name'));
    await user.type(input('Name'), 'Renamed Org');
    await user.type(input('Website'), 'https://renamed.example');
    await user.type(screen.getByLabelText('Description'), 'We make engines.');
    await user.type(input('Primary color'), '#112233');
    await user.type(input('City'), 'London');
    await user.type(input('Country code'), 'gb');
    await user.click(screen.getByRole('button', { name: 'Add link' }));
    await user.type(input('Link 1 text'), 'Blog');
    await user.type(input('Link 1 URL'), 'https://blog.example');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    const saved = await ada.client.orgs.get(org.id);
    expect(saved.ok && saved.data).toMatchObject({
      name: 'Renamed Org',
      profile: {
        website: 'https://renamed.example',
        description: 'We make engines.',
        brandColors: { primary: '#112233' },
        address: { city: 'London', country: 'GB' },
        links: [{ label: 'Blog', url: 'https://blog.example' }],
      },
    });
    expect(client.session.getSnapshot().data?.org?.name).toBe('Renamed Org');
  });

  it('shows the server’s validation error on its field', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Invalid Org');
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <OrgProfileForm />
      </AuthProvider>,
    );
    await waitFor(() => expect(form().getAttribute('data-state')).toBe('ready'));
    await user.type(input('Website'), 'ftp://nope');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('invalid_request');
    expect(input('Website').getAttribute('aria-invalid')).toBe('true');
    expect(input('Website').getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('disables every field for a member without org:update, and says why', async () => {
    const org = await createOrg(ada, 'Read Only Org');
    await addMember(ada, org, grace, ['member']);
    render(
      <AuthProvider client={await clientFor(grace, { org })}>
        <OrgProfileForm />
      </AuthProvider>,
    );
    await waitFor(() => expect(form().getAttribute('data-state')).toBe('ready'));
    expect(form().hasAttribute('data-readonly')).toBe(true);
    expect(screen.getByText(/org:update/)).toBeTruthy();
    expect(input('Name').disabled).toBe(true);
    expect(input('Name').value).toBe('Read Only Org');
    expect(
      (screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(screen.queryByRole('button', { name: 'Add link' })).toBeNull();
  });

  it('is empty without an active org and forbidden when signed out', async () => {
    render(
      <AuthProvider
        client={await clientFor(ada)}
        localization={{ orgProfile: { empty: 'Choisissez une organisation.' } }}
      >
        <OrgProfileForm />
      </AuthProvider>,
    );
    await screen.findByText('Choisissez une organisation.');
    expect(form().getAttribute('data-state')).toBe('empty');
    cleanup();
    render(
      <AuthProvider
        client={createAuthClient({
          baseUrl: t.baseUrl,
          fetch: t.newBrowser().fetch,
          initialSession: null,
        })}
      >
        <OrgProfileForm orgId="org_someone_else" />
      </AuthProvider>,
    );
    await waitFor(() => expect(form().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.queryByLabelText('Name')).toBeNull();
  });
});
