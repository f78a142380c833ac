import { createAuthClient, type MyInvitation, type OrgSuggestion } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  clientFor,
  createOrg,
  json,
  problem,
  signUp,
  type Person,
  type Stubs,
} from '../test/org-world.js';
import { AuthProvider, OrgSwitcher } from './index.js';

let t: TestInstance;
let ada: Person;
let charles: Person;

beforeAll(async () => {
  t = await createTestInstance();
  [ada, charles] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Charles')]);
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="org-switcher"]')!;
const trigger = () => screen.getByRole('button', { expanded: false });

/** `/me/invitations` and `/me/org-suggestions` with state, answered from the real server's orgs. */
function tenancyStubs(invitations: MyInvitation[], suggestions: OrgSuggestion[]): Stubs {
  return {
    'GET /me/invitations': () => json({ invitations }),
    'POST /me/invitations/:id/accept': async (_request, { id }) => {
      const invitation = invitations.find((i) => i.id === id)!;
      invitations = invitations.filter((i) => i.id !== id);
      const org = await charles.client.orgs.get(invitation.org.id);
      if (!org.ok) throw new Error(org.error.message);
      await charles.client.orgs.addMember(org.data.id, { userId: ada.id, roles: ['member'] });
      return json({ ...org.data, roles: ['member'] });
    },
    'DELETE /me/invitations/:id': (_request, { id }) => {
      invitations = invitations.filter((i) => i.id !== id);
      return new Response(null, { status: 204 });
    },
    'GET /me/org-suggestions': () => json({ suggestions }),
    'POST /me/membership-requests': async (request) => {
      const { orgId } = (await request.json()) as { orgId: string };
      suggestions = suggestions.map((s) => (s.org.id === orgId ? { ...s, requested: true } : s));
      return json(
        {
          id: 'mrq_1',
          orgId,
          userId: ada.id,
          email: ada.email,
          name: ada.name,
          status: 'pending',
          decidedBy: null,
          decidedAt: null,
          createdAt: new Date().toISOString(),
        },
        201,
      );
    },
  };
}

const none = () => tenancyStubs([], []);

describe('OrgSwitcher', () => {
  it('lists my orgs with the active one checked, and switches at once', async () => {
    const user = userEvent.setup();
    const first = await createOrg(ada, 'First Org');
    const second = await createOrg(ada, 'Second Org');
    const client = await clientFor(ada, { org: first, stubs: none() });
    const onSwitch = vi.fn();
    render(
      <AuthProvider client={client}>
        <OrgSwitcher onSwitch={onSwitch} />
      </AuthProvider>,
    );
    // The session knows the active org before the list loads.
    expect(trigger().textContent).toBe('First Org');
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await user.click(trigger());
    const menu = screen.getByRole('menu');
    expect(menu.getAttribute('aria-labelledby')).toBe(
      screen.getByRole('button', { expanded: true }).id,
    );
    const items = within(menu).getAllByRole('menuitemradio');
    expect(items.map((i) => i.textContent)).toEqual(
      expect.arrayContaining(['First Org', 'Second Org']),
    );
    const active = within(menu).getByRole('menuitemradio', { checked: true });
    expect(active.textContent).toBe('First Org');
    // Focus starts on the active org.
    expect(document.activeElement).toBe(active);
    await user.click(within(menu).getByRole('menuitemradio', { name: 'Second Org' }));
    expect(screen.queryByRole('menu')).toBeNull();
    await waitFor(() => expect(client.session.getSnapshot().data?.org?.id).toBe(second.id));
    expect(trigger().textContent).toBe('Second Org');
    expect(onSwitch).toHaveBeenCalledWith(expect.objectContaining({ id: second.id }));
    expect(document.activeElement).toBe(trigger());
  });

  it('is a keyboard menu: arrows move, Escape closes and returns focus', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Keys Org');
    render(
      <AuthProvider client={await clientFor(ada, { org, stubs: none() })}>
        <OrgSwitcher />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    trigger().focus();
    await user.keyboard('{ArrowDown}');
    const menu = screen.getByRole('menu');
    const enabled = [
      ...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])'),
    ];
    expect(document.activeElement).toBe(enabled[0]);
    await user.keyboard('{End}');
    expect(document.activeElement?.textContent).toBe('Create organization');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(enabled[0]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger());
  });

  it('accepts and declines my invitations, and asks to join a suggested org', async () => {
    const user = userEvent.setup();
    const mine = await createOrg(ada, 'Mine');
    const babbage = await createOrg(charles, 'Babbage Co');
    const other = await createOrg(charles, 'Other Co');
    const domainOrg = await createOrg(charles, 'Domain Org');
    const org = (o: typeof babbage) => ({ id: o.id, slug: o.slug, name: o.name, logoUrl: null });
    const invite = (id: string, o: typeof babbage): MyInvitation => ({
      id,
      org: org(o),
      roles: ['member'],
      invitedBy: { name: 'Charles' },
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    const client = await clientFor(ada, {
      org: mine,
      stubs: tenancyStubs(
        [invite('inv_1', babbage), invite('inv_2', other)],
        [{ org: org(domainOrg), domain: 'example.com', requested: false }],
      ),
    });
    render(
      <AuthProvider client={client}>
        <OrgSwitcher />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await user.click(trigger());
    await screen.findByRole('menuitem', { name: 'Join Babbage Co' });
    const invitations = screen.getByRole('group', { name: 'Invitations' });
    expect(within(invitations).getAllByRole('menuitem')).toHaveLength(4);
    await user.click(screen.getByRole('menuitem', { name: 'Join Babbage Co' }));
    await user.click(trigger());
    await screen.findByRole('menuitemradio', { name: 'Babbage Co' });
    await user.click(screen.getByRole('menuitem', { name: 'Decline the invitation to Other Co' }));
    await user.click(trigger());
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Invitations' })).toBeNull());
    const suggested = screen.getByRole('group', { name: 'Suggested for you' });
    await user.click(within(suggested).getByRole('menuitem', { name: 'Ask to join Domain Org' }));
    await user.click(trigger());
    const asked = await screen.findByRole('menuitem', { name: 'Asked to join Domain Org' });
    expect(asked.getAttribute('aria-disabled')).toBe('true');
  });

  it('opens an inline CreateOrg from its entry, or calls onCreateOrg', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Creator Org');
    const client = await clientFor(ada, { org, stubs: none() });
    const { unmount } = render(
      <AuthProvider client={client}>
        <OrgSwitcher />
      </AuthProvider>,
    );
    await user.click(trigger());
    await user.click(screen.getByRole('menuitem', { name: 'Create organization' }));
    const panel = screen.getByRole('group', { name: 'New organization' });
    expect(document.activeElement).toBe(within(panel).getByLabelText('Organization name'));
    await user.type(within(panel).getByLabelText('Organization name'), 'Made Inline');
    await user.click(within(panel).getByRole('button', { name: 'Create organization' }));
    await waitFor(() =>
      expect(screen.queryByRole('group', { name: 'New organization' })).toBeNull(),
    );
    await waitFor(() => expect(trigger().textContent).toBe('Made Inline'));
    unmount();

    const onCreateOrg = vi.fn();
    render(
      <AuthProvider client={client}>
        <OrgSwitcher onCreateOrg={onCreateOrg} />
      </AuthProvider>,
    );
    await user.click(trigger());
    await user.click(screen.getByRole('menuitem', { name: 'Create organization' }));
    expect(onCreateOrg).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('group', { name: 'New organization' })).toBeNull();
  });

  it('says so when I am in no org', async () => {
    const user = userEvent.setup();
    const loner = await signUp(t, 'Loner');
    const client = await clientFor(loner, { stubs: none() });
    render(
      <AuthProvider client={client} localization={{ orgSwitcher: { noOrg: 'Pick one' } }}>
        <OrgSwitcher />
      </AuthProvider>,
    );
    expect(trigger().textContent).toBe('Pick one');
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    await user.click(trigger());
    const empty = screen.getByRole('menuitem', { name: 'You are not in any organization yet.' });
    expect(empty.getAttribute('aria-disabled')).toBe('true');
    await user.click(empty);
    expect(screen.getByRole('menu')).toBeTruthy(); // a disabled entry does nothing
  });

  it('composes from parts: a personal-account entry, your own trigger', async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Parts Org');
    const client = await clientFor(ada, { org, stubs: none() });
    render(
      <AuthProvider client={client}>
        <OrgSwitcher.Root>
          <OrgSwitcher.Trigger asChild>
            <button className="mine" />
          </OrgSwitcher.Trigger>
          <OrgSwitcher.Content>
            <OrgSwitcher.Personal />
            <OrgSwitcher.Orgs>
              {(o) => <OrgSwitcher.Org org={o}>{o.slug}</OrgSwitcher.Org>}
            </OrgSwitcher.Orgs>
          </OrgSwitcher.Content>
        </OrgSwitcher.Root>
      </AuthProvider>,
    );
    const button = document.querySelector('button.mine')!;
    expect(button.textContent).toBe('Parts Org');
    await user.click(button);
    await screen.findByRole('menuitemradio', { name: org.slug, checked: true });
    await user.click(screen.getByRole('menuitemradio', { name: 'Personal account' }));
    await waitFor(() => expect(client.session.getSnapshot().data?.org).toBeNull());
    expect(button.textContent).toBe('No organization');
  });

  it('is forbidden when nobody is signed in', async () => {
    const client = createAuthClient({
      baseUrl: t.baseUrl,
      fetch: t.newBrowser().fetch,
      initialSession: null,
    });
    render(
      <AuthProvider client={client}>
        <OrgSwitcher />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText('Sign in to see your organizations.')).toBeTruthy();
    expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a failed switch as an alert with its code', async () => {
    const user = userEvent.setup();
    const a = await createOrg(ada, 'Alpha');
    const b = await createOrg(ada, 'Beta');
    const client = await clientFor(ada, {
      org: a,
      stubs: {
        ...none(),
        'POST /session/active-org': () => problem(404, 'not_found', 'no such org'),
      },
    });
    render(
      <AuthProvider client={client}>
        <OrgSwitcher />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    await user.click(trigger());
    await user.click(screen.getByRole('menuitemradio', { name: b.name }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('not_found');
    expect(trigger().textContent).toBe('Alpha');
  });
});
