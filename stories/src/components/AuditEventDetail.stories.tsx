import { AuditEventDetail } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { acmeEvents, deniedDecision, graceRoles, orgRenamed } from '../audit-fixtures';

/** One audit event in full, on its own (what `AuditViewer.Detail` shows under a row). */
const meta = {
  title: 'Audit/AuditEventDetail',
  component: AuditEventDetail,
  args: { event: orgRenamed },
} satisfies Meta<typeof AuditEventDetail>;

export default meta;
type Story = StoryObj<typeof meta>;

const field = (canvasElement: HTMLElement, name: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-catalyst="audit-change"][data-field="${name}"]`)!;

/** `before`/`after` data: each changed field old → new; unchanged ones left out. */
export const Diff: Story = {
  play: async ({ canvasElement }) => {
    const detail = within(canvasElement).getByRole('region', { name: /^org\.updated at / });
    await expect(within(detail).getByText('203.0.113.7')).toBeVisible();
    await expect(field(canvasElement, 'website').querySelector('del')).toHaveTextContent('—');
    await expect(field(canvasElement, 'website').querySelector('ins')).toHaveTextContent(
      'https://acme.example',
    );
    await expect(field(canvasElement, 'plan')).toBeNull();
    await expect(within(detail).getAllByRole('img', { name: 'changed to' })).toHaveLength(2);
  },
};

/** `{ from, to }` on one field: Grace's roles. */
export const FromTo: Story = {
  args: { event: graceRoles },
  play: async ({ canvasElement }) => {
    await expect(field(canvasElement, 'roles').querySelector('del')).toHaveTextContent('member');
    await expect(field(canvasElement, 'roles').querySelector('ins')).toHaveTextContent('admin');
  },
};

/** Plain values, and no request context (an event without one). */
export const Values: Story = {
  args: { event: acmeEvents.at(-1)! },
  play: async ({ canvasElement }) => {
    await expect(field(canvasElement, 'slug')).toHaveAttribute('data-kind', 'value');
    await expect(field(canvasElement, 'slug')).toHaveTextContent('acme');
    const ip = canvasElement.querySelector('[data-catalyst="audit-detail-ip"] dd');
    await expect(ip).toHaveTextContent('—');
  },
};

/** A forward-auth decision: status badge, `method host path`, cached or not. */
export const Decision: Story = {
  args: { event: deniedDecision },
  play: async ({ canvasElement }) => {
    const decision = within(canvasElement).getByRole('group', { name: 'Forward-auth decision' });
    const badge = decision.querySelector('[data-catalyst="audit-decision-status"]');
    await expect(badge).toHaveTextContent('Denied 403');
    await expect(badge).toHaveAttribute('data-outcome', 'denied');
    await expect(within(decision).getByText('POST app.acme.example/billing/seats')).toBeVisible();
    await expect(within(decision).getByText('No')).toBeVisible();
  },
};
