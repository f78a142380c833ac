import { AuditViewer } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  acmeEvents,
  allowedDecision,
  deniedDecision,
  graceRoles,
  orgRenamed,
  signInDecision,
} from '../audit-fixtures';
import { acme, acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers } from '../handlers';
import { auditHandlers } from '../handlers/audit';
import { expectState } from '../play';

/** Acme's audit log, read by its owner Ada (`audit:read`). */
const meta = {
  title: 'Audit/AuditViewer',
  component: AuditViewer,
  args: { orgId: acme.id },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        audit: auditHandlers.populated,
      },
    },
  },
} satisfies Meta<typeof AuditViewer>;

export default meta;
type Story = StoryObj<typeof meta>;

const actions = (canvasElement: HTMLElement) =>
  [...canvasElement.querySelectorAll('[data-catalyst="audit-event"]')].map((row) =>
    row.getAttribute('data-action'),
  );

const row = (canvasElement: HTMLElement, id: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-catalyst="audit-event"][data-event-id="${id}"]`)!;

/** The list: time, action, actor, target, org and IP; five a page, then "Load more". */
export const List: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'audit-viewer', 'ready');
    const canvas = within(canvasElement);
    const table = canvas.getByRole('table', { name: 'Audit events' });
    await expect(within(table).getAllByRole('columnheader')).toHaveLength(7);
    await expect(actions(canvasElement)).toEqual(acmeEvents.slice(0, 5).map((e) => e.action));
    const first = within(row(canvasElement, 'evt_112'));
    await expect(first.getByText('key.revoked')).toBeVisible();
    await expect(first.getByText('203.0.113.7')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(actions(canvasElement)).toHaveLength(acmeEvents.length));
    await expect(canvas.queryByRole('button', { name: 'Load more' })).toBeNull();
    const exports = canvas.getByRole('group', { name: 'Export' });
    await expect(within(exports).getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      `${window.location.origin}/api/auth/orgs/${acme.id}/audit/export?format=csv`,
    );
  },
};

export const Empty: Story = {
  parameters: { msw: { handlers: { audit: auditHandlers.empty } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'audit-viewer', 'empty');
    await expect(within(canvasElement).getByText('No audit events yet.')).toBeVisible();
    await expect(within(canvasElement).queryByRole('table')).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { audit: auditHandlers.loading } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'audit-viewer', 'loading');
    await expect(root).toHaveAttribute('aria-busy', 'true');
    await expect(within(canvasElement).getByText('Loading audit events…')).toBeVisible();
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { audit: auditHandlers.error } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'audit-viewer', 'error');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** A plain member of Acme (no `audit:read`): nothing is asked, nothing but the reason shown. */
export const Forbidden: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.member),
        audit: auditHandlers.forbidden,
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'audit-viewer', 'forbidden');
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText('You need the audit:read permission to see this audit log.'),
    ).toBeVisible();
    await expect(canvas.queryByRole('search')).toBeNull();
    await expect(canvas.queryByRole('link')).toBeNull();
  },
};

/** Membership events only (`membership.*`); a quick pick adds the key events. */
export const Filtered: Story = {
  args: { defaultFilters: { action: 'membership.*' } },
  parameters: { msw: { handlers: { audit: auditHandlers.onePage } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'audit-viewer', 'ready');
    await expect(actions(canvasElement)).toEqual(['membership.updated', 'membership.added']);
    const search = within(within(canvasElement).getByRole('search'));
    await expect(search.getByLabelText('Action')).toHaveValue('membership.*');
    const picks = within(search.getByRole('group', { name: 'Common actions' }));
    await expect(picks.getByRole('button', { name: 'membership.*' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await userEvent.click(picks.getByRole('button', { name: 'key.*' }));
    await waitFor(() =>
      expect(actions(canvasElement)).toEqual([
        'key.revoked',
        'membership.updated',
        'key.issued',
        'membership.added',
      ]),
    );
    const csv = within(canvasElement).getByRole('link', { name: 'Export CSV' });
    await expect(new URL(csv.getAttribute('href')!).searchParams.get('action')).toBe(
      'membership.*,key.*',
    );
  },
};

/** Live tail on: new events are prepended as they arrive (`data-new`). */
export const LiveTail: Story = {
  args: { defaultLive: true, pollMs: 500 },
  parameters: { msw: { handlers: { audit: auditHandlers.growing() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'audit-viewer', 'ready');
    await expect(root).toHaveAttribute('data-live', 'on');
    await expect(within(canvasElement).getByRole('switch', { name: 'Live tail' })).toBeChecked();
    await waitFor(() => expect(actions(canvasElement)[0]).toBe('key.issued'), { timeout: 5_000 });
    await expect(row(canvasElement, 'evt_114')).toHaveAttribute('data-new');
    await expect(row(canvasElement, 'evt_113')).toHaveAttribute('data-new');
    await expect(row(canvasElement, 'evt_112')).not.toHaveAttribute('data-new');
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('New events: 2.');
  },
};

/** A change's detail: the request's context, and each field old → new. */
export const DetailWithDiff: Story = {
  parameters: { msw: { handlers: { audit: auditHandlers.onePage } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'audit-viewer', 'ready');
    const renamed = row(canvasElement, orgRenamed.id);
    await userEvent.click(
      within(renamed).getByRole('button', { name: /^Details of org\.updated/ }),
    );
    const detail = within(renamed).getByRole('region', { name: /^org\.updated at / });
    await expect(detail).toHaveFocus();
    await expect(within(detail).getByText('req_110')).toBeVisible();
    const name = detail.querySelector('[data-field="name"]')!;
    await expect(name.querySelector('del')).toHaveTextContent('Acme');
    await expect(name.querySelector('ins')).toHaveTextContent('Acme Inc');
    await expect(detail.querySelector('[data-field="plan"]')).toBeNull();

    const roles = row(canvasElement, graceRoles.id);
    await userEvent.click(within(roles).getByRole('button', { name: /^Details of membership/ }));
    const rolesDetail = within(roles).getByRole('region');
    await expect(rolesDetail.querySelector('[data-field="roles"] ins')).toHaveTextContent('admin');
    await userEvent.keyboard('{Escape}');
    await expect(within(roles).queryByRole('region')).toBeNull();
  },
};

/** The platform's log: forward-auth decisions with their status, request and cache. */
export const DecisionEvents: Story = {
  args: { platform: true },
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession),
        audit: auditHandlers.platform,
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'audit-viewer', 'ready');
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('table', { name: 'Platform audit events' })).toBeVisible();
    const badge = (id: string) =>
      row(canvasElement, id).querySelector('[data-catalyst="audit-decision-status"]');
    await expect(badge(allowedDecision.id)).toHaveTextContent('Allowed 200');
    await expect(badge(deniedDecision.id)).toHaveTextContent('Denied 403');
    await expect(badge(signInDecision.id)).toHaveTextContent('Denied 401');
    await expect(
      within(row(canvasElement, deniedDecision.id)).getByText(
        'POST app.acme.example/billing/seats',
      ),
    ).toBeVisible();
    await userEvent.click(
      within(row(canvasElement, allowedDecision.id)).getByRole('button', { name: /^Details/ }),
    );
    const decision = canvas.getByRole('group', { name: 'Forward-auth decision' });
    await expect(within(decision).getByText('Yes')).toBeVisible();
  },
};

/** The server refuses a filter (400 with `field: action`): the error shows next to it. */
export const BadFilter: Story = {
  parameters: { msw: { handlers: { audit: auditHandlers.onePage } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'audit-viewer', 'ready');
    const search = within(within(canvasElement).getByRole('search'));
    const action = search.getByLabelText('Action');
    await userEvent.type(action, 'org.* or key');
    await userEvent.click(search.getByRole('button', { name: 'Apply filters' }));
    const root = await expectState(canvasElement, 'audit-viewer', 'error');
    await expect(root).toHaveAttribute('data-invalid-filter', 'action');
    await expect(action).toHaveAttribute('aria-invalid', 'true');
    await expect(search.getByRole('alert')).toHaveTextContent('action: must be action names');
    await expect(within(canvasElement).getAllByRole('alert')).toHaveLength(1);
  },
};
