import { DomainManager } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, domainHandlers } from '../handlers';
import { pendingDomain, verifiedDomain } from '../org-admin-fixtures';
import { expectState } from '../play';

/** Acme's domains; Ada is signed in with Acme active, as its owner unless a story says. */
const meta = {
  title: 'Orgs/DomainManager',
  component: DomainManager,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        domains: domainHandlers.editable(),
      },
    },
  },
} satisfies Meta<typeof DomainManager>;

export default meta;
type Story = StoryObj<typeof meta>;

const row = (canvasElement: HTMLElement, id: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-catalyst="domain"][data-domain-id="${id}"]`)!;

/** A verified domain (no record to publish) and a pending one with its TXT record and Verify. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'domain-manager', 'ready');
    const verified = within(row(canvasElement, verifiedDomain.id));
    await expect(verified.getByText('Verified')).toBeVisible();
    await expect(verified.queryByRole('group')).toBeNull();
    await expect(verified.queryByRole('button', { name: /^Verify/ })).toBeNull();
    await expect(verified.getByLabelText('Who joins through acme.example')).toHaveValue(
      'auto_join',
    );
    const pending = within(row(canvasElement, pendingDomain.id));
    await expect(pending.getByText('Not verified')).toBeVisible();
    const record = pending.getByRole('group', { name: 'TXT record for labs.acme.example' });
    await expect(within(record).getByText(pendingDomain.verification.name)).toBeVisible();
    await expect(within(record).getByText(pendingDomain.verification.value)).toBeVisible();
    await expect(within(record).getByRole('button', { name: 'Copy value' })).toBeEnabled();
  },
};

/** Pending → verified: Verify finds the record; the row says so and the record goes away. */
export const VerifyPending: Story = {
  parameters: { msw: { handlers: { domains: domainHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'domain-manager', 'ready');
    const pending = row(canvasElement, pendingDomain.id);
    await userEvent.click(
      within(pending).getByRole('button', { name: 'Verify labs.acme.example' }),
    );
    await waitFor(() => expect(pending).toHaveAttribute('data-status', 'verified'));
    await expect(within(pending).queryByRole('group')).toBeNull();
    await expect(within(canvasElement).getByText('labs.acme.example is verified.')).toBeVisible();
  },
};

/** Empty, then a domain added: its record shows; the first Verify fails (not published yet). */
export const EmptyThenAdd: Story = {
  parameters: { msw: { handlers: { domains: domainHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'domain-manager', 'empty');
    const canvas = within(manager);
    await expect(canvas.getByText('No domains yet.')).toBeVisible();
    await userEvent.type(canvas.getByLabelText('Domain'), 'Example.org');
    await userEvent.selectOptions(canvas.getByLabelText('People with an address there'), [
      'auto_join',
    ]);
    await userEvent.click(canvas.getByRole('button', { name: 'Add domain' }));
    await expectState(canvasElement, 'domain-manager', 'ready');
    await expect(canvas.getByLabelText('Domain')).toHaveValue('');
    const record = canvas.getByRole('group', { name: 'TXT record for example.org' });
    await expect(within(record).getByText('_catalyst-verify.example.org')).toBeVisible();
    const verify = canvas.getByRole('button', { name: 'Verify example.org' });
    await userEvent.click(verify);
    await expect(await canvas.findByRole('alert')).toHaveAttribute(
      'data-code',
      'domain_not_verified',
    );
    await userEvent.click(verify);
    await waitFor(() => expect(canvas.queryByRole('alert')).toBeNull());
    await expect(await canvas.findByText('Verified')).toBeVisible();
  },
};

/** The record is not in the DNS: the server's 409 shows on that row. */
export const NotPublished: Story = {
  parameters: { msw: { handlers: { domains: domainHandlers.unpublished() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'domain-manager', 'ready');
    const pending = within(row(canvasElement, pendingDomain.id));
    await userEvent.click(pending.getByRole('button', { name: 'Verify labs.acme.example' }));
    const alert = await pending.findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'domain_not_verified');
    await expect(alert).toHaveTextContent('was found yet');
  },
};

/** Pending mutation: the lookup is out; that row's Verify is disabled. */
export const Verifying: Story = {
  parameters: { msw: { handlers: { domains: domainHandlers.verifyPending } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'domain-manager', 'ready');
    const verify = within(canvasElement).getByRole('button', { name: 'Verify labs.acme.example' });
    await userEvent.click(verify);
    await waitFor(() => expect(verify).toHaveAttribute('data-state', 'pending'));
    await expect(verify).toBeDisabled();
  },
};

/** A domain added twice: the server's 409 lands on the field. */
export const AlreadyAdded: Story = {
  parameters: { msw: { handlers: { domains: domainHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'domain-manager', 'ready'));
    await userEvent.type(canvas.getByLabelText('Domain'), 'acme.example');
    await userEvent.click(canvas.getByRole('button', { name: 'Add domain' }));
    const field = canvas.getByLabelText('Domain');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    await expect(canvas.getByRole('alert')).toHaveAttribute('data-code', 'domain_taken');
  },
};

/** Changing who joins, then removing a domain. */
export const ModeAndRemove: Story = {
  parameters: { msw: { handlers: { domains: domainHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'domain-manager', 'ready'));
    const mode = canvas.getByLabelText('Who joins through labs.acme.example');
    await userEvent.selectOptions(mode, 'auto_join');
    await waitFor(() => expect(mode).toHaveValue('auto_join'));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove labs.acme.example' }));
    await waitFor(() =>
      expect(canvasElement.querySelectorAll('[data-catalyst="domain"]')).toHaveLength(1),
    );
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { domains: domainHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'domain-manager', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { domains: domainHandlers.error } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'domain-manager', 'error');
    await expect(within(manager).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** A member: no `domains:manage`, so the list is not even asked for. */
export const MemberForbidden: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.member),
        domains: [],
      },
    },
  },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'domain-manager', 'forbidden');
    await expect(
      within(manager).getByText('You need the domains:manage permission to manage domains.'),
    ).toBeVisible();
    await expect(within(manager).queryByRole('form')).toBeNull();
  },
};

/** No org is active. */
export const NoOrg: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedIn(), domains: [] } } },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'domain-manager', 'empty');
    await expect(within(manager).getByText('No organization selected.')).toBeVisible();
  },
};

/** With `@catalyst/react/styles.css`: axe checks its colour contrast. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  play: async ({ canvasElement }) => {
    const manager = await expectState(canvasElement, 'domain-manager', 'ready');
    await expect(getComputedStyle(manager).getPropertyValue('--catalyst-radius')).not.toBe('');
  },
};
