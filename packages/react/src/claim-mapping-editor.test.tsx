import { createSsoClient, type MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  clientFor,
  createOrg,
  problem,
  signUp,
  type Person,
  type Stubs,
} from '../test/org-world.js';
import { AuthProvider, ClaimMappingEditor, ruleFieldOf } from './index.js';

let t: TestInstance;
let ada: Person; // owns both orgs
let grace: Person; // an admin of the connected one
let connected: MyOrg;
let bare: MyOrg; // no provider
let oncall: string;

beforeAll(async () => {
  t = await createTestInstance({ ssoAllowedNetworks: ['127.0.0.1/32'] });
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
  [connected, bare] = await Promise.all([createOrg(ada, 'Mapped Org'), createOrg(ada, 'Bare Org')]);
  await addMember(ada, connected, grace, ['admin']);
  const put = await createSsoClient(ada.client).org.put(connected.id, {
    issuer: 'https://127.0.0.1/realms/acme',
    clientId: 'catalyst',
  });
  if (!put.ok) throw new Error(put.error.message);
  const group = await ada.client.groups.create(connected.id, { name: 'On call' });
  if (!group.ok) throw new Error(group.error.message);
  oncall = group.data.id;
});
afterAll(() => t.close());
afterEach(cleanup);

const editor = () => document.querySelector<HTMLElement>('[data-catalyst="claim-mapping"]')!;
const state = (expected: string) =>
  waitFor(() => expect(editor().getAttribute('data-state')).toBe(expected), { timeout: 5000 });
const rule = (n: number) => screen.getByRole('group', { name: `Rule ${n}` });

async function violations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function renderEditor(person: Person, org: MyOrg = connected, stubs: Stubs = {}) {
  return render(
    <AuthProvider client={await clientFor(person, { org, stubs })}>
      <ClaimMappingEditor orgId={org.id} />
    </AuthProvider>,
  );
}

describe('ruleFieldOf', () => {
  it.each([
    ['rules.2.roles.0', { index: 2, part: 'roles' }],
    ['rules.0.roles', { index: 0, part: 'roles' }],
    ['rules.1.groups.3', { index: 1, part: 'groups' }],
    ['rules.0.labels.0', { index: 0, part: 'labels' }],
    ['rules.4.claim', { index: 4, part: 'claim' }],
    ['rules.0', { index: 0, part: null }],
    ['rules', null],
    ['deprovision', null],
    [undefined, null],
  ])('%s → %o', (field, expected) => {
    expect(ruleFieldOf(field)).toEqual(expected);
  });
});

describe('ClaimMappingEditor', () => {
  it('tells the owner to connect a provider first', async () => {
    const { container } = await renderEditor(ada, bare);
    await state('empty');
    expect(screen.getByText(/Connect an identity provider first/)).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(await violations(container)).toEqual([]);
  });

  it('adds rules, saves them, and previews sample claims against the edits', async () => {
    const user = userEvent.setup();
    const { container } = await renderEditor(ada);
    await state('ready');
    expect(
      document.querySelector('[data-catalyst="claim-mapping-rules"]')?.getAttribute('data-state'),
    ).toBe('empty');

    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    const first = within(rule(1));
    expect((first.getByLabelText('Claim') as HTMLInputElement).value).toBe('groups');
    await user.type(first.getByLabelText('Equals (or contains)'), 'engineering');
    await user.click(first.getByLabelText('Admin'));
    // A provider never makes anyone an owner: no such checkbox.
    expect(first.queryByLabelText('Owner')).toBeNull();
    await user.type(first.getByLabelText('New label'), 'team:eng{Enter}');
    expect(first.getByText('team:eng')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    const second = within(rule(2));
    await user.clear(second.getByLabelText('Claim'));
    await user.type(second.getByLabelText('Claim'), 'realm_access.roles');
    await user.type(second.getByLabelText('Equals (or contains)'), 'oncall');
    await user.click(second.getByLabelText('On call'));
    await user.click(screen.getByLabelText('Remove members who match no rule'));
    expect(editor().hasAttribute('data-dirty')).toBe(true);
    expect(await violations(container)).toEqual([]);

    // The preview uses the unsaved rules; the claims are checked here first.
    const claims = screen.getByLabelText('Sample claims (JSON)');
    fireEvent.change(claims, { target: { value: '{"groups": [' } });
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(claims.getAttribute('aria-invalid')).toBe('true'));
    fireEvent.change(claims, {
      target: { value: '{"groups": ["engineering"], "realm_access": {"roles": ["other"]}}' },
    });
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const result = document.querySelector<HTMLElement>('[data-catalyst="claim-preview-result"]')!;
    await waitFor(() => expect(result.getAttribute('data-member')).toBe('true'));
    expect(result.textContent).toContain('Admin, Member');
    expect(result.textContent).toContain('team:eng');
    expect(result.textContent).toContain('Rule 1');
    expect(rule(1).closest('li')?.hasAttribute('data-matched')).toBe(true);
    expect(rule(2).closest('li')?.hasAttribute('data-matched')).toBe(false);
    expect(await violations(container)).toEqual([]);

    fireEvent.change(claims, { target: { value: '{"groups": []}' } });
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(result.getAttribute('data-member')).toBe('false'));

    await user.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText('Claim rules saved.')).toBeTruthy();
    expect(editor().hasAttribute('data-dirty')).toBe(false);
    const saved = await createSsoClient(ada.client).org.mapping(connected.id);
    expect(saved.ok && saved.data).toEqual({
      rules: [
        {
          claim: 'groups',
          value: 'engineering',
          roles: ['admin'],
          groups: [],
          labels: ['team:eng'],
        },
        { claim: 'realm_access.roles', value: 'oncall', roles: [], groups: [oncall], labels: [] },
      ],
      deprovision: true,
    });

    // Reorder, then discard: back to what is saved.
    await user.click(screen.getByRole('button', { name: 'Move rule 2 up' }));
    expect((within(rule(1)).getByLabelText('Claim') as HTMLInputElement).value).toBe(
      'realm_access.roles',
    );
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect((within(rule(1)).getByLabelText('Claim') as HTMLInputElement).value).toBe('groups');
  });

  it('shows the server errors on the rule part they name', async () => {
    const user = userEvent.setup();
    await createSsoClient(ada.client).org.setMapping(connected.id, {
      rules: [],
      deprovision: false,
    });
    const { container } = await renderEditor(ada);
    await state('ready');
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    await user.type(within(rule(1)).getByLabelText('Equals (or contains)'), 'nothing');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));
    // `rules.0`: it grants nothing.
    const alert = await within(rule(1)).findByRole('alert');
    expect(alert.getAttribute('data-catalyst')).toBe('claim-rule-error');
    expect(rule(1).closest('li')?.hasAttribute('data-invalid')).toBe(true);

    await user.type(within(rule(1)).getByLabelText('New label'), 'no-colon{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));
    const labels = rule(1).querySelector<HTMLElement>('[data-catalyst="claim-rule-labels"]')!;
    await waitFor(() => expect(labels.hasAttribute('data-invalid')).toBe(true));
    expect(within(labels).getByRole('alert')).toBeTruthy();
    expect(within(labels).getByLabelText('New label').getAttribute('aria-invalid')).toBe('true');
    expect(await violations(container)).toEqual([]);
  });

  it('puts rules.1.roles.0 on the second rule’s roles', async () => {
    const user = userEvent.setup();
    await createSsoClient(ada.client).org.setMapping(connected.id, {
      rules: [
        { claim: 'groups', value: 'a', roles: ['member'] },
        { claim: 'groups', value: 'b', roles: ['admin'] },
      ],
      deprovision: false,
    });
    await renderEditor(ada, connected, {
      'PUT /orgs/:orgId/sso/mapping': () =>
        problem(400, 'unknown_role', 'no such role: admin', 'rules.1.roles.0'),
    });
    await state('ready');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));
    const roles = rule(2).querySelector<HTMLElement>('[data-catalyst="claim-rule-roles"]')!;
    await waitFor(() => expect(roles.hasAttribute('data-invalid')).toBe(true));
    expect(within(roles).getByRole('alert').getAttribute('data-code')).toBe('unknown_role');
    expect(within(rule(1)).queryByRole('alert')).toBeNull();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('is forbidden to an admin, without asking', async () => {
    const asked: string[] = [];
    const { container } = await renderEditor(grace, connected, {
      'GET /orgs/:orgId/sso': () => {
        asked.push('sso');
        return new Response(null, { status: 500 });
      },
    });
    await state('forbidden');
    expect(screen.getByText("Only the organization's owners can manage claim rules.")).toBeTruthy();
    expect(asked).toEqual([]);
    expect(await violations(container)).toEqual([]);
  });
});
