import { LogoUploader } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { acmeAs, ada, currentSession } from '../fixtures';
import { authHandlers, logoHandlers } from '../handlers';
import { expectState } from '../play';
import { acmeWithoutLogo, pngFile } from '../profile-fixtures';

/** Acme's logo; Ada is signed in with Acme active, as its owner unless a story says. */
const meta = {
  title: 'Orgs/LogoUploader',
  component: LogoUploader,
  parameters: {
    msw: {
      handlers: {
        auth: authHandlers.signedIn(ada, currentSession, acmeAs.owner),
        logo: logoHandlers.editable(),
      },
    },
  },
} satisfies Meta<typeof LogoUploader>;

export default meta;
type Story = StoryObj<typeof meta>;

const user = () => userEvent.setup({ applyAccept: false });
const input = (canvasElement: HTMLElement) =>
  within(canvasElement).getByLabelText('Upload a new logo');

/** Populated: the logo, and remove (fresh handlers: removing changes what they answer). */
export const Populated: Story = {
  parameters: { msw: { handlers: { logo: logoHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    const root = within(await expectState(canvasElement, 'logo-uploader', 'ready'));
    await expect(root.getByRole('img', { name: 'Organization logo' })).toBeVisible();
    await userEvent.click(root.getByRole('button', { name: 'Remove logo' }));
    await expectState(canvasElement, 'logo-uploader', 'empty');
    await expect(root.getByText('No logo yet.')).toBeVisible();
  },
};

/** Empty: no logo yet; a PNG becomes the logo. */
export const Empty: Story = {
  parameters: { msw: { handlers: { logo: logoHandlers.editable(acmeWithoutLogo) } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'logo-uploader', 'empty');
    await user().upload(input(canvasElement), pngFile('logo.png'));
    await expectState(canvasElement, 'logo-uploader', 'ready');
    await expect(
      within(canvasElement).getByRole('img', { name: 'Organization logo' }),
    ).toHaveAttribute('src', '/api/auth/files/file_logo_1');
  },
};

export const Uploading: Story = {
  parameters: { msw: { handlers: { logo: logoHandlers.uploadPending() } } },
  play: async ({ canvasElement }) => {
    const root = await expectState(canvasElement, 'logo-uploader', 'ready');
    await user().upload(input(canvasElement), pngFile('logo.png'));
    await waitFor(() => expect(root).toHaveAttribute('data-pending', 'upload'));
    await expect(within(root).getByRole('status')).toHaveTextContent('Uploading…');
  },
};

/** Refused by the server: bytes that are no image, though the file says `image/png`. */
export const Refused: Story = {
  parameters: { msw: { handlers: { logo: logoHandlers.editable() } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'logo-uploader', 'ready');
    const fake = new File(['<html>not an image</html>'], 'logo.png', { type: 'image/png' });
    await user().upload(input(canvasElement), fake);
    const alert = await within(canvasElement).findByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'unsupported_image');
    await expect(input(canvasElement)).toHaveAttribute('aria-invalid', 'true');
  },
};

/** Forbidden: a plain member of Acme (no `org:update`): no upload, no remove. */
export const Forbidden: Story = {
  parameters: {
    msw: { handlers: { auth: authHandlers.signedIn(ada, currentSession, acmeAs.member) } },
  },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'logo-uploader', 'forbidden');
    await expect(within(canvasElement).getByText('You cannot change this image.')).toBeVisible();
    await expect(within(canvasElement).queryByLabelText('Upload a new logo')).toBeNull();
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};

/** No org active: nothing to give a logo to. */
export const NoOrg: Story = {
  parameters: { msw: { handlers: { auth: authHandlers.signedIn(), logo: [] } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'logo-uploader', 'empty');
    await expect(within(canvasElement).getByText('No organization selected.')).toBeVisible();
    await expect(within(canvasElement).queryByLabelText('Upload a new logo')).toBeNull();
  },
};

export const Loading: Story = {
  parameters: { msw: { handlers: { logo: logoHandlers.loading } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'logo-uploader', 'loading');
  },
};

export const Failed: Story = {
  name: 'Error',
  parameters: { msw: { handlers: { logo: logoHandlers.error } } },
  play: async ({ canvasElement }) => {
    await expectState(canvasElement, 'logo-uploader', 'error');
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(
      'the auth store is unavailable',
    );
  },
};
