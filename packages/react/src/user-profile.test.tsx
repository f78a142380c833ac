import { createAuthClient } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, PASSWORD, signUp } from '../test/org-world.js';
import {
  AuthProvider,
  UserProfile,
  UserProfileForm,
  type ProfileFieldDescription,
} from './index.js';

let t: TestInstance;

beforeAll(async () => {
  t = await createTestInstance({
    profileFields: {
      company: { type: 'string', maxLength: 50 },
      newsletter: { type: 'boolean' },
      plan: { type: 'enum', values: ['hobby', 'team'] },
    },
  });
});
afterAll(() => t.close());
afterEach(cleanup);

const FIELDS: Record<string, ProfileFieldDescription> = {
  company: { type: 'string', label: 'Company', maxLength: 50 },
  newsletter: { type: 'boolean', label: 'Send me the newsletter' },
  plan: { type: 'enum', label: 'Plan', values: ['hobby', 'team'] },
};

const state = (part: string) =>
  document.querySelector(`[data-catalyst="${part}"]`)?.getAttribute('data-state');

describe('UserProfileForm', () => {
  it('edits the profile: a bad time zone shows on its field, then the save goes through', async () => {
    const user = userEvent.setup();
    const ada = await signUp(t, 'Ada');
    const client = await clientFor(ada);
    render(
      <AuthProvider client={client}>
        <UserProfileForm fields={FIELDS} />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('user-profile-form')).toBe('ready'));
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe(ada.email);
    const name = screen.getByLabelText('Name') as HTMLInputElement;
    expect(name.value).toBe('Ada');
    await user.clear(name);
    await user.type(name, 'Ada Lovelace');
    await user.type(screen.getByLabelText('Language'), 'fr-fr');
    const zone = screen.getByLabelText('Time zone');
    await user.type(zone, 'Mars/Olympus_Mons');
    await user.type(screen.getByLabelText('Company'), 'Analytical Engines');
    await user.click(screen.getByLabelText('Send me the newsletter'));
    await user.selectOptions(screen.getByLabelText('Plan'), 'team');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('invalid_request');
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    expect(zone.getAttribute('aria-describedby')).toContain(alert.id);
    // One bad field and nothing is written.
    const before = await ada.client.request<{ name: string }>('GET', '/me/profile');
    expect(before.ok && before.data.name).toBe('Ada');

    await user.clear(zone);
    await user.type(zone, 'Europe/Paris');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved.'));
    expect(zone.getAttribute('aria-invalid')).toBeNull();
    // The server's canonical form comes back into the form.
    await waitFor(() =>
      expect((screen.getByLabelText('Language') as HTMLInputElement).value).toBe('fr-FR'),
    );
    const saved = await ada.client.request<Record<string, unknown>>('GET', '/me/profile');
    expect(saved.ok && saved.data).toMatchObject({
      name: 'Ada Lovelace',
      locale: 'fr-FR',
      timezone: 'Europe/Paris',
      fields: { company: 'Analytical Engines', newsletter: true, plan: 'team' },
    });
    // The session's copy of the name follows, for the header.
    expect(client.session.getSnapshot().data?.user.name).toBe('Ada Lovelace');
  });

  it('is forbidden when nobody is signed in', async () => {
    const client = createAuthClient({ baseUrl: t.baseUrl, fetch: t.fetch, initialSession: null });
    render(
      <AuthProvider client={client}>
        <UserProfileForm />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('user-profile-form')).toBe('forbidden'));
    expect(screen.getByText('Sign in to see your profile.')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});

describe('UserProfile', () => {
  it('opens on the profile tab and loads the security tab when asked; the password changes', async () => {
    const user = userEvent.setup();
    const grace = await signUp(t, 'Grace');
    render(
      <AuthProvider client={await clientFor(grace)}>
        <UserProfile />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('user-profile')).toBe('ready'));
    const tabs = screen.getByRole('tablist', { name: 'Account settings' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual(['Profile', 'Security', 'API keys', 'Organizations']);
    const profileTab = within(tabs).getByRole('tab', { name: 'Profile' });
    expect(profileTab.getAttribute('aria-selected')).toBe('true');
    const panel = screen.getByRole('tabpanel', { name: 'Profile' });
    await waitFor(() => expect(within(panel).getByLabelText('Name')).toBeTruthy());
    expect(within(panel).getByLabelText('Upload a new avatar')).toBeTruthy();

    // Arrow keys move between tabs and open the one they land on.
    profileTab.focus();
    await user.keyboard('{ArrowRight}');
    const security = await screen.findByRole('tabpanel', { name: 'Security' });
    expect(document.activeElement?.textContent).toBe('Security');
    const form = await within(security).findByRole('form', { name: 'Change password' });
    expect(within(security).getByRole('heading', { name: 'Passkeys' })).toBeTruthy();
    expect(within(security).getByRole('heading', { name: 'Signed-in devices' })).toBeTruthy();

    await user.type(within(form).getByLabelText('Current password'), 'not my password');
    await user.type(within(form).getByLabelText('New password'), 'a brand new passphrase');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    const current = within(form).getByLabelText('Current password');
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    await user.clear(current);
    await user.type(current, PASSWORD);
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    await waitFor(() =>
      expect(within(form).getByRole('status').textContent).toBe(
        'Password changed. Other devices signed out: 0.',
      ),
    );
    const signIn = await t.newBrowser().client.signIn({
      email: grace.email,
      password: 'a brand new passphrase',
    });
    expect(signIn.ok).toBe(true);
  });

  it('shows only the sections asked for, in that order', async () => {
    const user = userEvent.setup();
    const alan = await signUp(t, 'Alan');
    await alan.client.keys.create({ name: 'Laptop script' });
    render(
      <AuthProvider client={await clientFor(alan)}>
        <UserProfile sections={['keys', 'profile']} />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('user-profile')).toBe('ready'));
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      'API keys',
      'Profile',
    ]);
    const keys = screen.getByRole('tabpanel', { name: 'API keys' });
    await within(keys).findByText('Laptop script');
    await user.click(screen.getByRole('tab', { name: 'Profile' }));
    expect(screen.queryByRole('tabpanel', { name: 'API keys' })).toBeNull();
  });
});
