import type { MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  clientFor,
  createOrg,
  PASSWORD,
  signUp,
  type Person,
} from '../test/org-world.js';
import { AuthProvider, ORG_ADMIN_TABS, OrgAdminPanel, useOrgPermissions } from './index.js';

const ROOT = 'root-org-admin@example.com';
let t: TestInstance;
let ada: Person; // owns the org
let grace: Person; // a plain member
let alan: Person; // not in it
let sam: Person; // platform support
let root: Person; // the seeded platform admin
let org: MyOrg;

/** A Person for the seeded platform admin, signed in from an address of its own. */
async function signInRoot(): Promise<Person> {
  const browser = t.newBrowser({ ip: '198.51.100.77' });
  const result = await browser.client.signIn({ email: ROOT, password: PASSWORD });
  if (!result.ok) throw new Error(result.error.message);
  if (!('user' in result.data)) throw new Error('a second factor was asked for');
  return { id: result.data.user.id, email: ROOT, name: 'Root', ...browser };
}

beforeAll(async () => {
  t = await createTestInstance({ adminEmail: ROOT, adminPassword: PASSWORD });
  [ada, grace, alan, sam] = await Promise.all([
    signUp(t, 'Ada'),
    signUp(t, 'Grace'),
    signUp(t, 'Alan'),
    signUp(t, 'Sam'),
  ]);
  await t.authkit.api.users.setPlatformRoles(sam.id, ['support']);
  root = await signInRoot();
  org = await createOrg(ada, 'Admin Panel Org');
  await addMember(ada, org, grace, ['member']);
});
afterAll(() => t.close());
afterEach(cleanup);

const ALL = [...ORG_ADMIN_TABS];
const panel = () => document.querySelector<HTMLElement>('[data-catalyst="org-admin-panel"]')!;
const tabs = () => screen.getAllByRole('tab').map((tab) => tab.getAttribute('data-tab'));
const ready = () =>
  waitFor(() => expect(panel().getAttribute('data-state')).toBe('ready'), { timeout: 5000 });

/** The panel on `org` for `person`, whose session has no active org (none is needed). */
async function renderPanel(
  person: Person,
  props: Partial<Parameters<typeof OrgAdminPanel>[0]> = {},
) {
  render(
    <AuthProvider client={await clientFor(person, { org: null })}>
      <OrgAdminPanel orgId={org.id} {...props} />
    </AuthProvider>,
  );
}

describe('OrgAdminPanel', () => {
  it('shows the owner every tab; arrow keys, Home and End move between them', async () => {
    const user = userEvent.setup();
    await renderPanel(ada);
    expect(panel().getAttribute('data-state')).toBe('loading');
    await ready();
    expect(panel().getAttribute('data-access')).toBe('member');
    expect(tabs()).toEqual(ALL);
    expect(screen.getByRole('tablist').getAttribute('aria-label')).toBe(
      'Administration of Admin Panel Org',
    );
    const profile = screen.getByRole('tab', { name: 'Profile' });
    expect(profile.getAttribute('aria-selected')).toBe('true');
    const shown = screen.getByRole('tabpanel');
    expect(shown.getAttribute('aria-labelledby')).toBe(profile.id);
    expect(profile.getAttribute('aria-controls')).toBe(shown.id);
    await waitFor(() =>
      expect(
        document.querySelector('[data-catalyst="org-profile"]')?.getAttribute('data-state'),
      ).toBe('ready'),
    );
    expect(document.querySelector('[data-catalyst="logo-uploader"]')).not.toBeNull();

    profile.focus();
    await user.keyboard('{ArrowRight}');
    const members = screen.getByRole('tab', { name: 'Members' });
    expect(document.activeElement).toBe(members);
    expect(members.getAttribute('aria-selected')).toBe('true');
    expect(members.tabIndex).toBe(0);
    expect(profile.tabIndex).toBe(-1);
    expect(screen.getByRole('tabpanel').querySelector('[data-catalyst="member-list"]')).not.toBe(
      null,
    );
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Audit log' }));
    await user.keyboard('{ArrowRight}{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Webhooks' }));
    await user.keyboard('{Home}');
    expect(screen.getByRole('tab', { name: 'Profile' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows a plain member only what members may see, read-only', async () => {
    const user = userEvent.setup();
    await renderPanel(grace);
    await ready();
    expect(tabs()).toEqual(['profile', 'members', 'roles', 'groups', 'plan']);
    await waitFor(() =>
      expect(
        document.querySelector('[data-catalyst="org-profile"]')?.hasAttribute('data-readonly'),
      ).toBe(true),
    );
    expect(document.querySelector('[data-catalyst="logo-uploader"]')).toBeNull();
    await user.click(screen.getByRole('tab', { name: 'Members' }));
    const list = within(screen.getByRole('tabpanel'));
    await list.findByText('Ada');
    expect(list.queryAllByRole('combobox')).toHaveLength(0);
  });

  it('lets a platform admin who is not a member see every tab and change the org', async () => {
    const user = userEvent.setup();
    await renderPanel(root);
    await ready();
    expect(panel().getAttribute('data-access')).toBe('platform-admin');
    expect(screen.getByRole('note').textContent).toMatch(/platform admin/);
    expect(tabs()).toEqual(ALL);

    const name = await screen.findByLabelText('Name');
    await waitFor(() => expect((name as HTMLInputElement).disabled).toBe(false));
    await user.clear(name);
    await user.type(name, 'Renamed by root');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved.');
    const renamed = await ada.client.orgs.get(org.id);
    expect(renamed.ok && renamed.data.name).toBe('Renamed by root');

    await user.click(screen.getByRole('tab', { name: 'Groups' }));
    await user.type(await screen.findByLabelText('Group name'), 'Operators');
    await user.click(screen.getByRole('button', { name: 'Create group' }));
    await waitFor(async () => {
      const groups = await ada.client.groups.list(org.id);
      expect(groups.ok && groups.data.groups.map((g) => g.name)).toContain('Operators');
    });
  });

  it('shows platform support the readable tabs, read-only', async () => {
    const user = userEvent.setup();
    await renderPanel(sam, { tabs: ['members', 'groups', 'keys', 'audit'], defaultTab: 'audit' });
    await ready();
    expect(panel().getAttribute('data-access')).toBe('platform-support');
    expect(tabs()).toEqual(['members', 'groups', 'audit']);
    expect(screen.getByRole('tab', { name: 'Audit log' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await user.click(screen.getByRole('tab', { name: 'Groups' }));
    await waitFor(() =>
      expect(
        document.querySelector('[data-catalyst="group-manager"]')?.getAttribute('data-state'),
      ).toMatch(/ready|empty/),
    );
    expect(screen.queryByLabelText('Group name')).toBeNull();
  });

  it('loads the single sign-on tab when it opens: the provider, then its claim rules', async () => {
    await renderPanel(ada, { tabs: ['members', 'sso'], defaultTab: 'sso' });
    await ready();
    expect(screen.getByRole('tab', { name: 'Single sign-on' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const settings = () => document.querySelector('[data-catalyst="sso-settings"]');
    await waitFor(() => expect(settings()?.getAttribute('data-state')).toBe('empty'), {
      timeout: 5000,
    });
    expect(
      within(screen.getByRole('tabpanel')).getByRole('button', { name: 'Connect a provider' }),
    ).toBeTruthy();
    expect(
      document.querySelector('[data-catalyst="claim-mapping"]')?.getAttribute('data-state'),
    ).toBe('empty');
  });

  it('loads the directory tab when it opens: the connect form, for an owner', async () => {
    await renderPanel(ada, { tabs: ['members', 'directory'], defaultTab: 'directory' });
    await ready();
    expect(screen.getByRole('tab', { name: 'Directory' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await waitFor(
      () =>
        expect(
          document
            .querySelector('[data-catalyst="directory-settings"]')
            ?.getAttribute('data-state'),
        ).toBe('empty'),
      { timeout: 5000 },
    );
    expect(
      within(screen.getByRole('tabpanel')).getByRole('form', { name: 'Connect a directory' }),
    ).toBeTruthy();
  });

  it('is forbidden to someone outside the org without a platform role', async () => {
    await renderPanel(alan);
    await waitFor(() => expect(panel().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText('You cannot administer this organization.')).toBeTruthy();
    expect(screen.queryByRole('tablist')).toBeNull();
  });
});

function Permissions({ orgId }: { orgId: string }) {
  const p = useOrgPermissions(orgId);
  return (
    <output data-known={p.known} data-via={String(p.via)}>
      {p.permissions.join(' ')}
    </output>
  );
}

describe('useOrgPermissions outside the org', () => {
  it.each([
    ['a platform admin', () => root, 'platform', '*'],
    ['platform support', () => sam, 'platform', 'audit:read members:read org:read'],
    ['anyone else', () => alan, 'none', ''],
    ['a member (platform role or not)', () => grace, 'member', 'members:read org:read'],
  ])('gives %s what the server does', async (_, who, via, permissions) => {
    render(
      <AuthProvider client={await clientFor(who(), { org: null })}>
        <Permissions orgId={org.id} />
      </AuthProvider>,
    );
    const output = document.querySelector('output')!;
    await waitFor(() => expect(output.getAttribute('data-known')).toBe('true'));
    expect(output.getAttribute('data-via')).toBe(via);
    expect(output.textContent).toBe(permissions);
  });
});
