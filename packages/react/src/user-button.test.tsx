import { createAdminClient, createAuthClient } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientFor, createOrg, signUp } from '../test/org-world.js';
import { AuthProvider, UserButton } from './index.js';

const ADMIN = { email: 'root-admin@example.com', password: 'root admin password 1' };
let t: TestInstance;

beforeAll(async () => {
  t = await createTestInstance({ adminEmail: ADMIN.email, adminPassword: ADMIN.password });
});
afterAll(() => t.close());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const root = () => document.querySelector('[data-catalyst="user-button"]')!;

describe('UserButton', () => {
  it('opens a menu with who I am, my profile, my orgs; signs out', async () => {
    const user = userEvent.setup();
    const ada = await signUp(t, 'Ada Lovelace');
    const org = await createOrg(ada, 'Analytical Engines');
    const client = await clientFor(ada);
    const navigate = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    render(
      <AuthProvider client={client}>
        <UserButton profileUrl="/dashboard/profile" signOutRedirectUrl="/bye" />
      </AuthProvider>,
    );
    const trigger = screen.getByRole('button', { name: 'Ada Lovelace' });
    expect(trigger.querySelector('[data-catalyst="user-button-avatar"]')?.textContent).toBe('AL');
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(root().hasAttribute('data-impersonating')).toBe(false);

    await user.click(trigger);
    const menu = screen.getByRole('menu');
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(within(menu).getByText(ada.email)).toBeTruthy();
    const profile = within(menu).getByRole('menuitem', { name: 'Profile' });
    expect(profile.getAttribute('href')).toBe('/dashboard/profile');
    expect(document.activeElement).toBe(profile);
    // My orgs, as the org switcher lists them.
    const orgItem = await within(menu).findByRole('menuitemradio', { name: org.name });
    expect(orgItem.getAttribute('aria-checked')).toBe('false');
    expect(within(menu).queryByRole('menuitem', { name: 'Stop impersonating' })).toBeNull();

    // Escape closes it and gives focus back to the trigger.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);

    await user.keyboard('{ArrowUp}');
    const signOut = within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Sign out' });
    expect(document.activeElement).toBe(signOut);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/bye'));
    expect(client.session.getSnapshot().status).toBe('unauthenticated');
    const after = await ada.client.getSession();
    expect(after.ok && after.data.user).toBeNull();
  });

  it('switches the active org from the menu', async () => {
    const user = userEvent.setup();
    const grace = await signUp(t, 'Grace');
    const org = await createOrg(grace, 'Navy Labs');
    const client = await clientFor(grace);
    render(
      <AuthProvider client={client}>
        <UserButton />
      </AuthProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Grace' }));
    expect(screen.queryByRole('menuitem', { name: 'Profile' })).toBeNull();
    await user.click(await screen.findByRole('menuitemradio', { name: org.name }));
    expect(screen.queryByRole('menu')).toBeNull();
    await waitFor(() => expect(client.session.getSnapshot().data?.org?.id).toBe(org.id));
  });

  it('while an admin impersonates: a banner says who, and "Stop impersonating" ends it', async () => {
    const user = userEvent.setup();
    const alan = await signUp(t, 'Alan Turing');
    const browser = t.newBrowser();
    const signedIn = await browser.client.signIn(ADMIN);
    expect(signedIn.ok).toBe(true);
    const started = await createAdminClient(browser.client).users.impersonate(alan.id);
    expect(started.ok).toBe(true);
    const session = await browser.client.getSession();
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: browser.fetch,
      initialSession: session.ok && session.data.user ? session.data : null,
    });
    render(
      <AuthProvider client={client}>
        <UserButton />
      </AuthProvider>,
    );
    expect(root().hasAttribute('data-impersonating')).toBe(true);
    expect(document.querySelector('[data-catalyst="user-button-impersonation"]')?.textContent).toBe(
      'Impersonating Alan Turing as Admin',
    ); // the seeded admin's name
    await user.click(screen.getByRole('button', { name: 'Alan Turing' }));
    await user.click(screen.getByRole('menuitem', { name: 'Stop impersonating' }));
    await waitFor(() => expect(client.session.getSnapshot().data?.user.email).toBe(ADMIN.email));
    expect(root().hasAttribute('data-impersonating')).toBe(false);
    expect(document.querySelector('[data-catalyst="user-button-impersonation"]')).toBeNull();
    expect(client.session.getSnapshot().data?.platformRoles).toContain('admin');
    expect(screen.getByRole('button', { name: 'Admin' })).toBeTruthy();
  });

  it('renders no button when nobody is signed in', async () => {
    render(
      <AuthProvider client={createAuthClient({ baseUrl: t.baseUrl, initialSession: null })}>
        <UserButton />
      </AuthProvider>,
    );
    expect(root().getAttribute('data-state')).toBe('forbidden');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
