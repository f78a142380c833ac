import { QrCode, type QrCodeProps } from '@catalyst/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import * as React from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { totpEnrolment } from '../account-fixtures';

/** The QR code `TotpSetup` shows: an inline `<svg>` of rects, dark on light in every theme. */
const meta = {
  title: 'Account security/QrCode',
  component: QrCode,
  args: { value: totpEnrolment.uri, label: 'QR code for your authenticator app' },
} satisfies Meta<typeof QrCode>;

export default meta;
type Story = StoryObj<typeof meta>;

const code = (canvasElement: HTMLElement, name: string) =>
  within(canvasElement).getByRole('img', { name });

/** The modules per side the code was drawn with (its `viewBox`, border included). */
const modules = (svg: Element) => Number(svg.getAttribute('viewBox')?.split(' ')[2]);

const ready = (svg: Element) => waitFor(() => expect(svg).toHaveAttribute('data-state', 'ready'));

/** Ready: the encoder has loaded; a white square with one black rect per run of dark modules. */
export const Ready: Story = {
  play: async ({ canvasElement }) => {
    const svg = code(canvasElement, 'QR code for your authenticator app');
    await ready(svg);
    await expect(svg).toHaveAttribute('width', '192');
    await expect(svg).toHaveAttribute('height', '192');
    const size = modules(svg);
    // 131 characters at level M need version 9: 53 modules, the border of 2 on each side included.
    await expect(size).toBe(53);
    await expect(svg).toHaveAttribute('viewBox', `0 0 ${size} ${size}`);
    const rects = [...svg.querySelectorAll('rect')];
    await expect(rects[0]).toHaveAttribute('fill', '#ffffff');
    await expect(rects[0]).toHaveAttribute('width', String(size));
    await expect(rects.length).toBeGreaterThan(50);
    await expect(rects.slice(1).every((r) => r.getAttribute('fill') === '#000000')).toBe(true);
    // The border stays light: no dark run starts in it.
    await expect(rects.slice(1).every((r) => Number(r.getAttribute('x')) >= 2)).toBe(true);
  },
};

function ShowCode(props: QrCodeProps) {
  const [shown, setShown] = React.useState(false);
  return (
    <div>
      <button type="button" onClick={() => setShown(true)}>
        Show QR code
      </button>
      {shown && <QrCode {...props} />}
    </div>
  );
}

/**
 * Loading: until the encoder (`uqr`, loaded on demand) answers, the code is a blank square with
 * `data-state="loading"`. Mounted by a button here, so that the test sees it appear.
 */
export const Loading: Story = {
  render: (args) => <ShowCode {...args} />,
  play: async ({ canvasElement }) => {
    const seen: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes' && record.oldValue) seen.push(record.oldValue);
        for (const node of record.addedNodes) {
          if (node instanceof SVGElement) seen.push(node.getAttribute('data-state') ?? '');
        }
      }
    });
    observer.observe(canvasElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state'],
      attributeOldValue: true,
    });
    try {
      await userEvent.click(within(canvasElement).getByRole('button', { name: 'Show QR code' }));
      const svg = code(canvasElement, 'QR code for your authenticator app');
      await ready(svg);
      // It was drawn as `loading` (a blank 1×1 square) before the encoder answered.
      await expect(seen[0]).toBe('loading');
    } finally {
      observer.disconnect();
    }
  },
};

/** A shorter value needs fewer modules; `width` and `height` size the image, not the code. */
export const SmallValue: Story = {
  args: {
    value: 'otpauth://totp/Acme:ada?secret=JBSWY3DP',
    label: 'Small QR code',
    width: 96,
    height: 96,
  },
  play: async ({ canvasElement }) => {
    const svg = code(canvasElement, 'Small QR code');
    await ready(svg);
    await expect(svg).toHaveAttribute('width', '96');
    await expect(svg).toHaveAttribute('height', '96');
    // 39 characters fit version 3 at level M: 29 modules, plus the border of 2 on each side.
    await expect(modules(svg)).toBe(33);
  },
};
