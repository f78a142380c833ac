import type { MyOrg } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shownActions, viewer } from '../test/audit-world.js';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuditViewer } from './audit-viewer.js';
import { AuthProvider } from './auth-provider.js';

let t: TestInstance;
let ada: Person;
let grace: Person;
let org: MyOrg;

beforeAll(async () => {
  t = await createTestInstance();
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
  org = await createOrg(ada, 'Audited');
  await addMember(ada, org, grace, ['member']);
  const renamed = await ada.client.orgs.update(org.id, { name: 'Audited, renamed' });
  if (!renamed.ok) throw new Error(renamed.error.message);
  const key = await ada.client.keys.org(org.id).create({ name: 'CI', scopes: [] });
  if (!key.ok) throw new Error(key.error.message);
});
afterAll(() => t.close());
afterEach(cleanup);

/** The org's actions as the API lists them (newest first), to compare the table with. */
async function apiActions(orgId: string, filters: { action?: string } = {}) {
  const page = await ada.client.audit.org(orgId).list(filters);
  if (!page.ok) throw new Error(page.error.message);
  return page.data.events.map((event) => event.action);
}

async function renderViewer(person: Person, target: MyOrg | null = org, props = {}) {
  const result = render(
    <AuthProvider client={await clientFor(person, { org: target })}>
      <AuditViewer orgId={target?.id} {...props} />
    </AuthProvider>,
  );
  await waitFor(() => expect(viewer().getAttribute('data-state')).not.toBe('loading'));
  return result;
}

async function violations(container: HTMLElement) {
  // color-contrast needs layout, which a DOM emulator does not compute.
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('AuditViewer', () => {
  it("lists the org's events after real actions: time, action, actor, target, org, IP", async () => {
    const { container } = await renderViewer(ada);
    expect(viewer().getAttribute('data-state')).toBe('ready');
    expect(viewer().getAttribute('data-scope')).toBe('org');
    const actions = shownActions();
    expect(actions).toEqual(await apiActions(org.id));
    expect(actions).toEqual(['key.issued', 'org.updated', 'membership.added', 'org.created']);

    const table = screen.getByRole('table', { name: 'Audit events' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Time', 'Action', 'Actor', 'Target', 'Organization', 'IP address', 'Details']);
    const updated = document.querySelector<HTMLElement>('[data-action="org.updated"]')!;
    const cell = (part: string) => updated.querySelector(`[data-catalyst="audit-event-${part}"]`)!;
    expect(cell('action').textContent).toBe('org.updated');
    expect(cell('actor').textContent).toBe(`User ${ada.id}`);
    expect(cell('target').textContent).toBe(`org ${org.id}`);
    expect(cell('org').textContent).toBe(org.id);
    expect(cell('ip').textContent).toBe('127.0.0.1');
    expect(cell('time').querySelector('time')!.getAttribute('dateTime')).toMatch(/^\d{4}-/);
    const added = document.querySelector<HTMLElement>('[data-action="membership.added"]')!;
    expect(added.querySelector('[data-catalyst="audit-event-target"]')!.textContent).toContain(
      grace.id,
    );
    expect(await violations(container)).toEqual([]);
  });

  it('filters by an action pattern, with quick picks that add and remove families', async () => {
    const user = userEvent.setup();
    await renderViewer(ada);
    const search = screen.getByRole('search', { name: 'Filter audit events' });
    await user.type(within(search).getByLabelText('Action'), 'membership.*');
    await user.click(within(search).getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(shownActions()).toEqual(['membership.added']));

    const picks = within(search).getByRole('group', { name: 'Common actions' });
    const orgPick = within(picks).getByRole('button', { name: 'org.*' });
    expect(orgPick.getAttribute('aria-pressed')).toBe('false');
    expect(
      within(picks).getByRole('button', { name: 'membership.*' }).getAttribute('aria-pressed'),
    ).toBe('true');
    const both = await apiActions(org.id, { action: 'membership.*,org.*' });
    await user.click(orgPick);
    await waitFor(() => expect(shownActions()).toEqual(both));
    expect(shownActions()).toEqual(
      expect.arrayContaining(['membership.added', 'org.updated', 'org.created']),
    );
    expect(shownActions()).not.toContain('key.issued');
    expect((within(search).getByLabelText('Action') as HTMLInputElement).value).toBe(
      'membership.*,org.*',
    );

    await user.click(within(picks).getByRole('button', { name: 'membership.*' }));
    await waitFor(() => expect(shownActions()).not.toContain('membership.added'));
    expect(shownActions().every((a) => a!.startsWith('org.'))).toBe(true);

    // A time range with nothing in it: the empty state says the filters are why.
    fireEvent.change(within(search).getByLabelText('From'), {
      target: { value: '2099-01-01T00:00' },
    });
    await user.click(within(search).getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(viewer().getAttribute('data-state')).toBe('empty'));
    expect(screen.getByText('No audit events match these filters.')).toBeTruthy();

    const all = await apiActions(org.id);
    await user.click(within(search).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(shownActions()).toEqual(all));
    expect((within(search).getByLabelText('Action') as HTMLInputElement).value).toBe('');
  });

  it('shows a filter the server refuses next to that filter (400 with field)', async () => {
    const user = userEvent.setup();
    const { container } = await renderViewer(ada);
    const search = screen.getByRole('search', { name: 'Filter audit events' });
    const action = within(search).getByLabelText('Action');
    await user.type(action, 'org.* and more');
    await user.click(within(search).getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(viewer().getAttribute('data-state')).toBe('error'));
    expect(viewer().getAttribute('data-invalid-filter')).toBe('action');
    const field = search.querySelector<HTMLElement>('[data-catalyst="field"][data-name="action"]')!;
    const alert = within(field).getByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('invalid_request');
    expect(alert.textContent).toContain('action');
    expect(action.getAttribute('aria-invalid')).toBe('true');
    expect(action.getAttribute('aria-describedby')!.split(' ')).toContain(alert.id);
    // Shown once: not again as the list's own error.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.queryByRole('table')).toBeNull();
    expect(await violations(container)).toEqual([]);

    await user.clear(action);
    await user.type(action, 'org.*');
    await user.click(within(search).getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(viewer().getAttribute('data-state')).toBe('ready'));
    expect(action.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('loads older events with "Load more" (cursor pagination, newest first)', async () => {
    const user = userEvent.setup();
    const busy = await createOrg(ada, 'Busy');
    for (let i = 0; i < 52; i++) {
      const result = await ada.client.orgs.update(busy.id, { name: `Busy ${i}` });
      if (!result.ok) throw new Error(result.error.message);
    }
    await renderViewer(ada, busy);
    expect(shownActions()).toHaveLength(50);
    const seqs = () =>
      [...document.querySelectorAll('[data-catalyst="audit-event"]')].map((row) =>
        row.getAttribute('data-event-id')!,
      );
    const first = seqs();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(shownActions().length).toBeGreaterThan(50));
    expect(seqs().slice(0, 50)).toEqual(first);
    expect(shownActions().at(-1)).toBe('org.created');
    expect(new Set(seqs()).size).toBe(seqs().length);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('export links carry the filters and download the matching events', async () => {
    const user = userEvent.setup();
    await renderViewer(ada);
    const search = screen.getByRole('search', { name: 'Filter audit events' });
    await user.type(within(search).getByLabelText('Action'), 'org.*');
    await user.type(within(search).getByLabelText('Actor ID'), ada.id);
    await user.click(within(search).getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(shownActions().every((a) => a!.startsWith('org.'))).toBe(true));

    const exports = screen.getByRole('group', { name: 'Export' });
    const csv = within(exports).getByRole('link', { name: 'Export CSV' });
    const ndjson = within(exports).getByRole('link', { name: 'Export NDJSON' });
    expect(csv.hasAttribute('download')).toBe(true);
    const csvUrl = new URL(csv.getAttribute('href')!);
    expect(csvUrl.pathname).toBe(`/api/auth/orgs/${org.id}/audit/export`);
    expect(Object.fromEntries(csvUrl.searchParams)).toEqual({
      actor: ada.id,
      action: 'org.*',
      format: 'csv',
    });
    expect(new URL(ndjson.getAttribute('href')!).searchParams.get('format')).toBe('ndjson');

    // The link works with the browser's session (the cookie), and holds only what matches.
    const response = await ada.fetch(ndjson.getAttribute('href')!);
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split('\n');
    const exported = lines.map((line) => (JSON.parse(line) as { action: string }).action);
    expect(exported.toReversed()).toEqual(shownActions());
  });

  it('is forbidden for a plain member (no audit:read): no filters, table or exports', async () => {
    const refused = await grace.client.audit.org(org.id).list();
    expect(!refused.ok && refused.error.status).toBe(403);
    const { container } = await renderViewer(grace);
    expect(viewer().getAttribute('data-state')).toBe('forbidden');
    expect(
      screen.getByText('You need the audit:read permission to see this audit log.'),
    ).toBeTruthy();
    expect(screen.queryByRole('search')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(await violations(container)).toEqual([]);
  });

  it("is forbidden when the server says so: the platform's log without a platform role", async () => {
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <AuditViewer platform />
      </AuthProvider>,
    );
    await waitFor(() => expect(viewer().getAttribute('data-state')).toBe('forbidden'));
    expect(viewer().getAttribute('data-scope')).toBe('platform');
    expect(screen.getByText('Only platform staff can read the platform audit log.')).toBeTruthy();
  });

  it('says so without an org, and asks nothing', async () => {
    await renderViewer(ada, null);
    expect(viewer().getAttribute('data-state')).toBe('empty');
    expect(screen.getByText('No organization selected.')).toBeTruthy();
    expect(screen.queryByRole('search')).toBeNull();
  });
});
