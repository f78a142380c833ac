import type { MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent, eventRow, viewer } from '../test/audit-world.js';
import { clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuditViewer } from './audit-viewer.js';
import { AuthProvider } from './auth-provider.js';

let t: TestInstance;
let ada: Person;
let org: MyOrg;

beforeAll(async () => {
  t = await createTestInstance();
  ada = await signUp(t, 'Ada');
  org = await createOrg(ada, 'Detailed');
  const renamed = await ada.client.orgs.update(org.id, { name: 'Detailed, renamed' });
  if (!renamed.ok) throw new Error(renamed.error.message);
});
afterAll(() => t.close());
afterEach(cleanup);

async function renderViewer() {
  const result = render(
    <AuthProvider client={await clientFor(ada, { org })}>
      <AuditViewer orgId={org.id} />
    </AuthProvider>,
  );
  await waitFor(() => expect(viewer().getAttribute('data-state')).toBe('ready'));
  return result;
}

const toggleOf = (row: HTMLElement) =>
  row.querySelector<HTMLButtonElement>('[data-catalyst="audit-detail-toggle"]')!;
const term = (detail: HTMLElement, part: string) =>
  detail.querySelector(`[data-catalyst="audit-detail-${part}"] dd`)!.textContent;
const change = (detail: HTMLElement, field: string) =>
  detail.querySelector<HTMLElement>(`[data-catalyst="audit-change"][data-field="${field}"]`)!;

describe('AuditViewer event detail', () => {
  it("opens a real event's detail: request context and the fields it changed", async () => {
    const user = userEvent.setup();
    const { container } = await renderViewer();
    const row = document.querySelector<HTMLElement>('[data-action="org.updated"]')!;
    const toggle = toggleOf(row);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-label')).toMatch(/^Details of org\.updated at /);
    await user.click(toggle);

    const detail = within(row).getByRole('region', { name: /^org\.updated at / });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe(detail.id);
    expect(document.activeElement).toBe(detail);
    expect(term(detail, 'ip')).toBe('127.0.0.1');
    expect(term(detail, 'user-agent')).toBe('catalyst-test');
    expect(term(detail, 'actor')).toBe(`User ${ada.id}`);
    expect(term(detail, 'target')).toBe(`org ${org.id}`);
    const fields = change(detail, 'fields');
    expect(fields.getAttribute('data-kind')).toBe('value');
    expect(fields.querySelector('dd')!.textContent).toBe('name');
    expect(await violations(container)).toEqual([]);

    await user.keyboard('{Escape}');
    expect(within(row).queryByRole('region')).toBeNull();
    expect(document.activeElement).toBe(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows old → new for before/after and from/to data, the rest as values', async () => {
    const user = userEvent.setup();
    const event = await appendEvent(t, {
      action: 'org.updated',
      orgId: org.id,
      actorId: ada.id,
      targetType: 'org',
      targetId: org.id,
      ip: '203.0.113.9',
      userAgent: 'Firefox/128.0',
      requestId: 'req_diff',
      data: {
        before: { name: 'Acme', plan: 'free', seats: 5 },
        after: { name: 'Acme Inc', plan: 'free', seats: 12 },
        roles: { from: ['member'], to: ['admin', 'billing'] },
        reason: 'annual review',
      },
    });
    await renderViewer();
    const row = eventRow(event.id);
    await user.click(toggleOf(row));
    const detail = within(row).getByRole('region');
    expect(term(detail, 'request-id')).toBe('req_diff');
    expect(term(detail, 'user-agent')).toBe('Firefox/128.0');

    const fields = [...detail.querySelectorAll('[data-catalyst="audit-change"]')].map((c) =>
      c.getAttribute('data-field'),
    );
    // `plan` did not change: not listed.
    expect(fields).toEqual(['name', 'seats', 'roles', 'reason']);
    const name = change(detail, 'name');
    expect(name.getAttribute('data-kind')).toBe('change');
    expect(name.querySelector('del')!.textContent).toBe('Acme');
    expect(name.querySelector('ins')!.textContent).toBe('Acme Inc');
    expect(within(name).getByRole('img', { name: 'changed to' })).toBeTruthy();
    expect(change(detail, 'seats').querySelector('ins')!.textContent).toBe('12');
    const roles = change(detail, 'roles');
    expect(roles.querySelector('del')!.textContent).toBe('member');
    expect(roles.querySelector('ins')!.textContent).toBe('admin, billing');
    expect(change(detail, 'reason').querySelector('dd')!.textContent).toBe('annual review');

    await user.click(within(detail).getByRole('button', { name: 'Close' }));
    expect(within(row).queryByRole('region')).toBeNull();
    expect(document.activeElement).toBe(toggleOf(row));
  });

  it('renders forward-auth decisions with a status badge, the request, and cache', async () => {
    const user = userEvent.setup();
    const denied = await appendEvent(t, {
      action: 'auth.decision',
      orgId: org.id,
      actorType: 'anonymous',
      targetType: 'route',
      targetId: 'admin',
      data: { status: 403, method: 'GET', host: 'app.example.com', path: '/admin', cached: false },
    });
    const allowed = await appendEvent(t, {
      action: 'auth.decision',
      orgId: org.id,
      actorId: ada.id,
      targetType: 'route',
      targetId: 'reports',
      data: {
        status: 200,
        method: 'POST',
        host: 'app.example.com',
        path: '/reports',
        cached: true,
      },
    });
    const { container } = await renderViewer();

    const deniedRow = eventRow(denied.id);
    expect(deniedRow.hasAttribute('data-decision')).toBe(true);
    const badge = deniedRow.querySelector('[data-catalyst="audit-decision-status"]')!;
    expect(badge.textContent).toBe('Denied 403');
    expect(badge.getAttribute('data-outcome')).toBe('denied');
    expect(badge.getAttribute('data-status')).toBe('403');
    expect(deniedRow.querySelector('[data-catalyst="audit-decision-request"]')!.textContent).toBe(
      'GET app.example.com/admin',
    );
    expect(deniedRow.querySelector('[data-catalyst="audit-event-actor"]')!.textContent).toBe(
      'Anonymous',
    );

    const allowedRow = eventRow(allowed.id);
    expect(allowedRow.querySelector('[data-catalyst="audit-decision-status"]')!.textContent).toBe(
      'Allowed 200',
    );
    await user.click(toggleOf(allowedRow));
    const detail = within(allowedRow).getByRole('region');
    const decision = within(detail).getByRole('group', { name: 'Forward-auth decision' });
    expect(decision.querySelector('[data-catalyst="audit-decision-cached"] dd')!.textContent).toBe(
      'Yes',
    );
    expect(within(decision).getByText('POST app.example.com/reports')).toBeTruthy();
    // The decision's fields are shown as the decision, not again as changes.
    expect(detail.querySelector('[data-catalyst="audit-changes"]')).toBeNull();
    expect(await violations(container)).toEqual([]);
  });
});

async function violations(container: HTMLElement) {
  // color-contrast needs layout, which a DOM emulator does not compute.
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
