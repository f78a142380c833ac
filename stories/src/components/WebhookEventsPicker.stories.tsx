import { WebhookEventsPicker } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import * as React from 'react';
import { expect, userEvent, within } from 'storybook/test';

/** The event filter picker on its own (controlled): families, their wildcards, and `*`. */
function Picker({ initial, error }: { initial: string[]; error?: string }) {
  const [value, setValue] = React.useState(initial);
  return (
    <>
      <WebhookEventsPicker value={value} onChange={setValue} error={error ?? null} />
      <p>
        Filters: <output data-testid="filters">{value.join(', ') || 'none'}</output>
      </p>
    </>
  );
}

const meta = {
  title: 'Webhooks/WebhookEventsPicker',
  component: Picker,
  args: { initial: [] },
} satisfies Meta<typeof Picker>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A family wildcard checks and disables what it covers; "All events" covers everything. */
export const Picking: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByLabelText('key.issued'));
    await userEvent.click(canvas.getByLabelText('All events in Organizations'));
    await expect(canvas.getByTestId('filters')).toHaveTextContent('key.issued, org.*');
    await expect(canvas.getByLabelText('org.deleted')).toBeDisabled();
    await expect(canvas.getByLabelText('org.deleted')).toBeChecked();
    await userEvent.click(canvas.getByLabelText('All events'));
    await expect(canvas.getByTestId('filters')).toHaveTextContent('*');
    await expect(canvas.getByLabelText('All events in Users')).toBeDisabled();
  },
};

/** What an endpoint subscribed to `membership.*` and `auth.decision` shows. */
export const Preselected: Story = {
  args: { initial: ['membership.*', 'auth.decision'] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText('All events in Memberships')).toBeChecked();
    await expect(canvas.getByLabelText('membership.removed')).toBeChecked();
    await expect(canvas.getByLabelText('auth.decision')).toBeChecked();
  },
};

/** None chosen: the error is announced and describes the group. */
export const Invalid: Story = {
  args: { initial: [], error: 'Choose at least one event.' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = canvas.getByRole('alert');
    await expect(alert).toHaveTextContent('Choose at least one event.');
    await expect(canvas.getByRole('group', { name: 'Events' })).toHaveAttribute(
      'aria-describedby',
      alert.id,
    );
  },
};
