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
import { AuthProvider, DomainManager } from './index.js';

const ROOT = 'root-domains@example.com';
/** What the DNS answers: TXT records by name, published by the tests. */
const published = new Map<string, string[]>();
let t: TestInstance;
let ada: Person;
let grace: Person;
let root: Person;
let org: MyOrg;

beforeAll(async () => {
  t = await createTestInstance({
    adminEmail: ROOT,
    adminPassword: PASSWORD,
    dnsResolver: { resolveTxt: async (name) => published.get(name) ?? [] },
  });
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
  const browser = t.newBrowser({ ip: '198.51.100.78' });
  const result = await browser.client.signIn({ email: ROOT, password: PASSWORD });
  if (!result.ok) throw new Error(result.error.message);
  if (!('user' in result.data)) throw new Error('a second factor was asked for');
  root = { id: result.data.user.id, email: ROOT, name: 'Root', ...browser };
  org = await createOrg(ada, 'Domains Org');
  await addMember(ada, org, grace, ['member']);
});
afterAll(() => t.close());
afterEach(cleanup);

const manager = () => document.querySelector<HTMLElement>('[data-catalyst="domain-manager"]')!;
const state = (expected: string) =>
  waitFor(() => expect(manager().getAttribute('data-state')).toBe(expected));
const item = (domain: string) =>
  screen
    .getAllByRole('listitem')
    .find((li) => li.querySelector('[data-catalyst="domain-name"]')?.textContent === domain)!;

async function renderManager(person: Person, active: MyOrg | null = org) {
  render(
    <AuthProvider client={await clientFor(person, { org: active })}>
      <DomainManager orgId={org.id} />
    </AuthProvider>,
  );
}

describe('DomainManager', () => {
  it('adds a domain, shows its TXT record, verifies it once published, and removes it', async () => {
    const user = userEvent.setup();
    await renderManager(ada);
    await state('empty');
    expect(screen.getByText('No domains yet.')).toBeTruthy();
    await user.type(screen.getByLabelText('Domain'), 'Acme-Domains.example');
    await user.click(screen.getByRole('button', { name: 'Add domain' }));
    await state('ready');
    expect((screen.getByLabelText('Domain') as HTMLInputElement).value).toBe('');

    const row = item('acme-domains.example');
    expect(row.getAttribute('data-status')).toBe('pending');
    const record = within(row).getByRole('group', { name: 'TXT record for acme-domains.example' });
    const name = record.querySelector('[data-catalyst="domain-record-name"]')!.textContent!;
    const value = record.querySelector('[data-catalyst="domain-record-value"]')!.textContent!;
    expect(name).toBe('_catalyst-verify.acme-domains.example');
    expect(value.length).toBeGreaterThan(10);
    expect(within(record).getByRole('button', { name: 'Copy value' })).toBeTruthy();

    // Not published yet: the server's 409 shows on the row.
    await user.click(within(row).getByRole('button', { name: 'Verify acme-domains.example' }));
    const alert = await within(row).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('domain_not_verified');

    published.set(name, [value]);
    await user.click(within(row).getByRole('button', { name: 'Verify acme-domains.example' }));
    await waitFor(() =>
      expect(item('acme-domains.example').getAttribute('data-status')).toBe('verified'),
    );
    expect(document.querySelector('[data-catalyst="domain-announcement"]')?.textContent).toBe(
      'acme-domains.example is verified.',
    );
    const verified = item('acme-domains.example');
    expect(within(verified).queryByRole('group')).toBeNull();
    expect(within(verified).queryByRole('alert')).toBeNull();
    expect(within(verified).getByText('Verified')).toBeTruthy();

    await user.selectOptions(
      within(verified).getByLabelText('Who joins through acme-domains.example'),
      'auto_join',
    );
    await waitFor(async () => {
      const list = await ada.client.domains.list(org.id);
      expect(list.ok && list.data.domains[0]?.mode).toBe('auto_join');
    });

    await user.click(within(verified).getByRole('button', { name: 'Remove acme-domains.example' }));
    await state('empty');
  });

  it('shows a domain already added on its field', async () => {
    const user = userEvent.setup();
    await ada.client.domains.add(org.id, { domain: 'twice.example' });
    await renderManager(ada);
    await state('ready');
    await user.type(screen.getByLabelText('Domain'), 'twice.example');
    await user.click(screen.getByRole('button', { name: 'Add domain' }));
    const field = screen.getByLabelText('Domain');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('domain_taken');
    expect(field.getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('is forbidden to a member without domains:manage, without asking for the list', async () => {
    const asked: string[] = [];
    const client = await clientFor(grace, {
      org,
      stubs: {
        'GET /orgs/:orgId/domains': () => {
          asked.push('domains');
          return new Response(null, { status: 500 });
        },
      },
    });
    render(
      <AuthProvider client={client}>
        <DomainManager orgId={org.id} />
      </AuthProvider>,
    );
    await state('forbidden');
    expect(
      screen.getByText('You need the domains:manage permission to manage domains.'),
    ).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(asked).toEqual([]);
  });

  it('lets a platform admin who is not a member add a domain', async () => {
    const user = userEvent.setup();
    await renderManager(root, null);
    await waitFor(() => expect(manager().getAttribute('data-state')).toMatch(/ready|empty/));
    await user.type(screen.getByLabelText('Domain'), 'root-added.example');
    await user.click(screen.getByRole('button', { name: 'Add domain' }));
    await waitFor(() => expect(item('root-added.example')).toBeTruthy());
    const list = await ada.client.domains.list(org.id);
    expect(list.ok && list.data.domains.map((d) => d.domain)).toContain('root-added.example');
  });
});
