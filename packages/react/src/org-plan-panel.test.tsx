import type { MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, OrgPlanPanel } from './index.js';

let t: TestInstance;
let ada: Person;
let grace: Person;
let org: MyOrg;

beforeAll(async () => {
  t = await createTestInstance({
    plans: { pro: { features: ['audit-export', 'sso'], limits: { members: 5000 } } },
  });
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
  org = await createOrg(ada, 'Plan Org');
  await addMember(ada, org, grace, ['member']);
  await t.authkit.api.setOrgPlan(org.id, 'pro');
  await t.authkit.api.setEntitlementOverride(org.id, grace.id, { features: ['beta'] });
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector<HTMLElement>('[data-catalyst="org-plan"]')!;
const labels = () =>
  [...document.querySelectorAll('[data-catalyst="org-plan-label"]')].map((l) =>
    l.getAttribute('data-label'),
  );

async function renderPlan(person: Person) {
  render(
    <AuthProvider client={await clientFor(person, { org })}>
      <OrgPlanPanel />
    </AuthProvider>,
  );
  await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
}

describe('OrgPlanPanel', () => {
  it('shows the plan, its features, limits and overrides; an owner edits the labels', async () => {
    const user = userEvent.setup({ delay: null });
    await renderPlan(ada);
    expect(root().hasAttribute('data-can-edit')).toBe(true);
    const plan = screen.getByRole('group', { name: 'Plan' });
    expect(within(plan).getByText('pro').getAttribute('data-plan')).toBe('pro');
    const features = screen.getByRole('group', { name: 'Features' });
    expect(
      within(features)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['audit-export', 'sso']);
    expect(document.querySelector('[data-limit="members"]')?.textContent).toBe('5,000');
    const overrides = screen.getByRole('group', { name: 'Member overrides' });
    expect(within(overrides).getByText(grace.id)).toBeTruthy();
    expect(screen.getByText('No labels.')).toBeTruthy();

    await user.type(screen.getByLabelText('New label'), 'region:eu');
    await user.click(screen.getByRole('button', { name: 'Add label' }));
    await waitFor(() => expect(labels()).toEqual(['region:eu']));
    expect(screen.getByRole('status').textContent).toBe('Labels saved.');
    expect((screen.getByLabelText('New label') as HTMLInputElement).value).toBe('');

    await user.type(screen.getByLabelText('New label'), 'no colon');
    await user.click(screen.getByRole('button', { name: 'Add label' }));
    const field = screen.getByLabelText('New label');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('invalid_request');
    expect(alert.textContent).toMatch(/key:value/);
    expect(field.getAttribute('aria-describedby')).toBe(alert.id);
    expect(labels()).toEqual(['region:eu']);

    await user.click(screen.getByRole('button', { name: 'Remove region:eu' }));
    await waitFor(() => expect(labels()).toEqual([]));
    const saved = await ada.client.labels.get(org.id);
    expect(saved.ok && saved.data.labels).toEqual([]);
  });

  it('is read-only for a member, without the overrides', async () => {
    await ada.client.labels.set(org.id, ['tier:gold']);
    await renderPlan(grace);
    expect(root().hasAttribute('data-can-edit')).toBe(false);
    expect(labels()).toEqual(['tier:gold']);
    expect(screen.queryByLabelText('New label')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Member overrides' })).toBeNull();
  });
});
