import { ClaimMappingEditor } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, groupHandlers, roleHandlers, ssoSettingsHandlers } from '../handlers';
import { expectState } from '../play';

/**
 * The claim rules of Acme's provider; Ada is signed in with Acme active, as its owner unless a
 * story says. Engineering and Design are Acme's groups; `billing` is its custom role.
 */
const meta = {
  title: 'Orgs/ClaimMappingEditor',
  component: ClaimMappingEditor,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        roles: roleHandlers.populated,
        groups: groupHandlers.populated,
        sso: ssoSettingsHandlers.connected(),
      },
    },
  },
} satisfies Meta<typeof ClaimMappingEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

const rule = (canvasElement: HTMLElement, n: number) =>
  within(within(canvasElement).getByRole('group', { name: `Rule ${n}` }));
const item = (canvasElement: HTMLElement, n: number) =>
  within(canvasElement)
    .getByRole('group', { name: `Rule ${n}` })
    .closest('li')!;

/** Two rules: engineers become admins in Engineering (team:eng); billing gets `billing`. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'claim-mapping', 'ready');
    await expectState(canvasElement, 'claim-mapping-rules', 'ready');
    const first = rule(canvasElement, 1);
    await expect(first.getByLabelText('Claim')).toHaveValue('groups');
    await expect(first.getByLabelText('Equals (or contains)')).toHaveValue('engineering');
    await expect(first.getByLabelText('Admin')).toBeChecked();
    await expect(first.queryByLabelText('Owner')).toBeNull();
    await expect(first.getByLabelText('Engineering')).toBeChecked();
    await expect(first.getByText('team:eng')).toBeVisible();
    const second = rule(canvasElement, 2);
    await expect(second.getByLabelText('Claim')).toHaveValue('realm_access.roles');
    await expect(second.getByLabelText('billing')).toBeChecked();
    await expect(
      within(canvasElement).getByLabelText('Remove members who match no rule'),
    ).not.toBeChecked();
  },
};

/** No provider connected: there is nothing to map yet. */
export const NoConnection: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.empty() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'claim-mapping', 'empty');
    await expect(within(root).getByText(/Connect an identity provider first/)).toBeVisible();
    await expect(within(root).queryByRole('form')).toBeNull();
  },
};

/** Connected, no rules yet; adding one, editing it, saving it. */
export const EmptyRulesThenAdd: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.noRules() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'claim-mapping', 'ready');
    await expectState(canvasElement, 'claim-mapping-rules', 'empty');
    const canvas = within(root);
    await expect(canvas.getByText(/No rules yet/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Add rule' }));
    const first = rule(canvasElement, 1);
    await userEvent.type(first.getByLabelText('Equals (or contains)'), 'design');
    await userEvent.click(first.getByLabelText('Design'));
    await userEvent.type(first.getByLabelText('New label'), 'team:design{Enter}');
    await expect(root).toHaveAttribute('data-dirty');
    await userEvent.click(canvas.getByRole('button', { name: 'Save rules' }));
    await expect(await canvas.findByText('Claim rules saved.')).toBeVisible();
    await expect(root).not.toHaveAttribute('data-dirty');
  },
};

/** Editing: reorder, remove, discard back to what is saved. */
export const Editing: Story = {
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'claim-mapping', 'ready');
    const canvas = within(root);
    await userEvent.click(canvas.getByRole('button', { name: 'Move rule 2 up' }));
    await expect(rule(canvasElement, 1).getByLabelText('Claim')).toHaveValue('realm_access.roles');
    await expect(canvas.getByRole('button', { name: 'Move rule 1 up' })).toBeDisabled();
    await userEvent.click(canvas.getByRole('button', { name: 'Remove rule 2' }));
    await expect(canvas.queryByRole('group', { name: 'Rule 2' })).toBeNull();
    await expect(root).toHaveAttribute('data-dirty');
    await userEvent.click(canvas.getByRole('button', { name: 'Discard changes' }));
    await expect(rule(canvasElement, 2).getByLabelText('Claim')).toHaveValue('realm_access.roles');
    await expect(root).not.toHaveAttribute('data-dirty');
  },
};

/** The preview: bad JSON is caught here; good claims show the grants and the matching rules. */
export const Preview: Story = {
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'claim-mapping', 'ready');
    const canvas = within(root);
    const claims = canvas.getByLabelText('Sample claims (JSON)');
    fireEvent.change(claims, { target: { value: '{"groups": [' } });
    await userEvent.click(canvas.getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(claims).toHaveAttribute('aria-invalid', 'true'));
    await expect(claims).toHaveAccessibleDescription(/Enter a JSON object/);
    // The unsaved change is previewed too: engineers also get `billing`.
    await userEvent.click(rule(canvasElement, 1).getByLabelText('billing'));
    fireEvent.change(claims, {
      target: { value: '{"sub": "u1", "groups": ["engineering", "oncall"]}' },
    });
    await userEvent.click(canvas.getByRole('button', { name: 'Preview' }));
    const result = canvasElement.querySelector<HTMLElement>(
      '[data-catalyst="claim-preview-result"]',
    )!;
    await waitFor(() => expect(result).toHaveAttribute('data-member', 'true'));
    await expect(result).toHaveTextContent('Admin, billing, Member');
    await expect(result).toHaveTextContent('Engineering');
    await expect(result).toHaveTextContent('team:eng');
    await expect(result).toHaveTextContent('Rule 1');
    await expect(item(canvasElement, 1)).toHaveAttribute('data-matched');
    await expect(item(canvasElement, 2)).not.toHaveAttribute('data-matched');
  },
};

/** With deprovisioning on, claims that match no rule would take the member out. */
export const PreviewNotMember: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'claim-mapping', 'ready'));
    const toggle = canvas.getByLabelText('Remove members who match no rule');
    await userEvent.click(toggle);
    await expect(toggle).toHaveAccessibleDescription(/taken out of the organization/);
    fireEvent.change(canvas.getByLabelText('Sample claims (JSON)'), {
      target: { value: '{"groups": ["sales"]}' },
    });
    await userEvent.click(canvas.getByRole('button', { name: 'Preview' }));
    const result = canvasElement.querySelector<HTMLElement>(
      '[data-catalyst="claim-preview-result"]',
    )!;
    await waitFor(() => expect(result).toHaveAttribute('data-member', 'false'));
    await expect(result).toHaveTextContent('No rule matches.');
  },
};

/** A rule that grants nothing, then a bad label: each error shows on its own rule part. */
export const FieldErrors: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.noRules() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'claim-mapping', 'ready'));
    await userEvent.click(canvas.getByRole('button', { name: 'Add rule' }));
    const first = rule(canvasElement, 1);
    await userEvent.type(first.getByLabelText('Equals (or contains)'), 'staff');
    await userEvent.click(canvas.getByRole('button', { name: 'Save rules' }));
    await expect(await first.findByRole('alert')).toHaveTextContent('must grant a role');
    await expect(item(canvasElement, 1)).toHaveAttribute('data-invalid');
    await userEvent.type(first.getByLabelText('New label'), 'staff{Enter}');
    await userEvent.click(canvas.getByRole('button', { name: 'Save rules' }));
    const labels = item(canvasElement, 1).querySelector('[data-catalyst="claim-rule-labels"]')!;
    await waitFor(() => expect(labels).toHaveAttribute('data-invalid'));
    await expect(first.getByLabelText('New label')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** `rules.1.roles.0` from the server: the second rule's roles show it, nothing else does. */
export const UnknownRole: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.unknownRole() } } },
  play: async ({ canvasElement }) => {
    const canvas = within(await expectState(canvasElement, 'claim-mapping', 'ready'));
    await userEvent.click(canvas.getByRole('button', { name: 'Save rules' }));
    const roles = item(canvasElement, 2).querySelector<HTMLElement>(
      '[data-catalyst="claim-rule-roles"]',
    )!;
    await waitFor(() => expect(roles).toHaveAttribute('data-invalid'));
    await expect(within(roles).getByRole('alert')).toHaveAttribute('data-code', 'unknown_role');
    await expect(canvas.getAllByRole('alert')).toHaveLength(1);
  },
};

/** Saving: the request is out; the form is busy. */
export const Saving: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.savePending() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'claim-mapping', 'ready');
    await userEvent.click(within(root).getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(root).toHaveAttribute('data-saving'));
    await expect(within(root).getByRole('button', { name: 'Save rules' })).toBeDisabled();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.mappingLoading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'claim-mapping', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { sso: ssoSettingsHandlers.error } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'claim-mapping', 'error');
    await expect(within(root).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};

/** An admin: only owners hold `sso:manage`; nothing is asked for. */
export const AdminForbidden: Story = {
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.admin),
        sso: [],
        roles: [],
        groups: [],
      },
    },
  },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'claim-mapping', 'forbidden');
    await expect(
      within(root).getByText("Only the organization's owners can manage claim rules."),
    ).toBeVisible();
  },
};

/** With `@catalyst/react/styles.css`: axe checks its colour contrast. */
export const Themed: Story = {
  globals: { theme: 'themed' },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'claim-mapping', 'ready');
    await expect(getComputedStyle(root).getPropertyValue('--catalyst-radius')).not.toBe('');
  },
};
