import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import { AuthProvider, AvatarUploader, LogoUploader } from './index.js';

/** sharp, from the server package (it re-encodes uploads there): real PNG bytes for the tests. */
interface Sharp {
  (
    pixels: Uint8Array,
    options: { raw: { width: number; height: number; channels: 3 } },
  ): { png(): { toBuffer(): Promise<Uint8Array> } };
}
// The server package's own require: sharp is its dependency, not ours.
const sharp = createRequire(
  createRequire(`${process.cwd()}/`).resolve('@catalyst/authkit/package.json'),
)('sharp') as Sharp;

let t: TestInstance;
let ada: Person;
let png: Uint8Array<ArrayBuffer>;
/** Random pixels do not compress: a PNG over the server's limit below. */
let noisy: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  t = await createTestInstance({ uploads: { avatarMaxBytes: 8192 } });
  ada = await signUp(t, 'Ada');
  const image = (size: number, pixel: () => number) =>
    sharp(new Uint8Array(size * size * 3).map(pixel), {
      raw: { width: size, height: size, channels: 3 },
    })
      .png()
      .toBuffer()
      .then((bytes) => new Uint8Array(bytes));
  png = await image(16, () => 200);
  noisy = await image(64, () => Math.floor(Math.random() * 256));
});
afterAll(() => t.close());
afterEach(cleanup);

/**
 * happy-dom's File is not a Blob to Node's fetch (which these tests keep, for cookies): it would
 * send "[object File]". A browser sends the bytes; so does this wrapper.
 */
function sendingBytes(person: Person): Person {
  const fetch: typeof globalThis.fetch = async (input, init) =>
    init?.body instanceof Blob
      ? person.fetch(input, { ...init, body: new Uint8Array(await init.body.arrayBuffer()) })
      : person.fetch(input, init);
  return { ...person, fetch };
}
const clientOf = (person: Person, options?: Parameters<typeof clientFor>[1]) =>
  clientFor(sendingBytes(person), options);

const state = (part: string) =>
  document.querySelector(`[data-catalyst="${part}"]`)?.getAttribute('data-state');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
// The file input only offers images; a person can still pick "All files" (the check is ours).
const setup = () => userEvent.setup({ applyAccept: false });

describe('AvatarUploader', () => {
  it('uploads a real PNG and shows the served avatar; removes it again', async () => {
    const user = setup();
    render(
      <AuthProvider client={await clientOf(ada)}>
        <AvatarUploader />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('avatar-uploader')).toBe('empty'));
    expect(screen.getByText('No avatar yet.')).toBeTruthy();
    const input = screen.getByLabelText('Upload a new avatar');
    await user.upload(input, new File([png], 'ada.png', { type: 'image/png' }));
    await waitFor(() => expect(state('avatar-uploader')).toBe('ready'));
    const image = screen.getByRole('img', { name: 'Your avatar' }) as HTMLImageElement;
    expect(image.src).toMatch(/^http:\/\/localhost:3000\/api\/auth\/files\/file_/);
    expect(screen.getByRole('status').textContent).toBe('Image updated.');

    // The served file is the re-encoded PNG.
    const served = await t.fetch(image.src);
    expect(served.headers.get('content-type')).toBe('image/png');

    const profile = await ada.client.request<{ avatarUrl: string | null }>('GET', '/me/profile');
    expect(profile.ok && profile.data.avatarUrl).toBe(image.src);

    await user.click(screen.getByRole('button', { name: 'Remove avatar' }));
    await waitFor(() => expect(state('avatar-uploader')).toBe('empty'));
    expect(screen.getByRole('status').textContent).toBe('Image removed.');
  });

  it('refuses an SVG before any request, with the message on the input', async () => {
    const user = setup();
    const asked: string[] = [];
    const client = await clientOf(ada, {
      stubs: {
        'PUT /me/avatar': (request) => {
          asked.push(request.url);
          return new Response(null, { status: 500 });
        },
      },
    });
    render(
      <AuthProvider client={client}>
        <AvatarUploader />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('avatar-uploader')).not.toBe('loading'));
    const input = screen.getByLabelText('Upload a new avatar');
    await user.upload(input, new File([SVG], 'evil.svg', { type: 'image/svg+xml' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Choose a PNG, JPEG or WebP image.');
    expect(alert.getAttribute('data-code')).toBe('unsupported_image');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(alert.id);
    expect(asked).toEqual([]);
  });

  it("shows the server's 415 for an SVG that claims to be a PNG, and its 413 over the limit", async () => {
    const user = setup();
    render(
      <AuthProvider client={await clientOf(ada)}>
        <AvatarUploader />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('avatar-uploader')).not.toBe('loading'));
    const input = screen.getByLabelText('Upload a new avatar');
    // The declared type passes the browser's check; the server reads the bytes.
    await user.upload(input, new File([SVG], 'evil.png', { type: 'image/png' }));
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('unsupported_image');
    expect(alert.textContent).toMatch(/PNG, JPEG or WebP/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector('[data-catalyst="avatar-uploader-image"]')).toBeNull();

    await user.upload(input, new File([noisy], 'huge.png', { type: 'image/png' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').getAttribute('data-code')).toBe('file_too_large'),
    );
    expect(screen.getByRole('alert').textContent).toMatch(/8192 bytes/);
  });

  it('refuses a file over maxBytes before sending it', async () => {
    const user = setup();
    render(
      <AuthProvider client={await clientOf(ada)}>
        <AvatarUploader maxBytes={16} />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('avatar-uploader')).not.toBe('loading'));
    expect(screen.getByText(/up to 1 KiB/)).toBeTruthy();
    await user.upload(
      screen.getByLabelText('Upload a new avatar'),
      new File([png], 'big.png', { type: 'image/png' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('file_too_large');
    expect(alert.textContent).toBe('The image is larger than 1 KiB.');
  });
});

describe('LogoUploader', () => {
  it("sets the active org's logo for its owner; a plain member sees forbidden", async () => {
    const user = setup();
    const org = await createOrg(ada, 'Logo Org');
    const { unmount } = render(
      <AuthProvider client={await clientOf(ada, { org })}>
        <LogoUploader />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('logo-uploader')).toBe('empty'));
    await user.upload(
      screen.getByLabelText('Upload a new logo'),
      new File([png], 'logo.png', { type: 'image/png' }),
    );
    await waitFor(() => expect(state('logo-uploader')).toBe('ready'));
    const logo = screen.getByRole('img', { name: 'Organization logo' }) as HTMLImageElement;
    expect(logo.src).toMatch(/\/files\/file_/);
    const saved = await ada.client.orgs.get(org.id);
    expect(saved.ok && saved.data.profile.logoUrl).toBe(logo.src);
    unmount();

    const grace = await signUp(t, 'Grace');
    await addMember(ada, org, grace, ['member']);
    render(
      <AuthProvider client={await clientOf(grace, { org })}>
        <LogoUploader />
      </AuthProvider>,
    );
    await waitFor(() => expect(state('logo-uploader')).toBe('forbidden'));
    expect(screen.getByText('You cannot change this image.')).toBeTruthy();
    expect(screen.queryByLabelText('Upload a new logo')).toBeNull();
  });
});
