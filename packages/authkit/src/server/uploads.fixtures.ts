/** Images for the upload tests, made with sharp (the library the server re-encodes with). */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { PASSWORD, uniqueEmail } from '../../test/instances.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { createProfileClient, type ProfileClient } from '../client/profile-client.js';

export type Browser = ReturnType<TestInstance['newBrowser']> & {
  userId: string;
  profile: ProfileClient;
};

const encoder = new TextEncoder();
export const PAYLOAD = '<html><script>alert(document.cookie)</script></html>';
export const MARKER = 'catalyst-secret-marker';

export const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
};
export const text = (value: string) => encoder.encode(value);
export const contains = (bytes: Uint8Array, needle: string) =>
  Buffer.from(bytes).includes(Buffer.from(needle));

const solid = (width = 32, height = 32) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } });

export const png = async (width?: number, height?: number) =>
  new Uint8Array(await solid(width, height).png().toBuffer());
export const jpeg = async () => new Uint8Array(await solid().jpeg().toBuffer());
export const webp = async () => new Uint8Array(await solid().webp().toBuffer());
export const gif = async () => new Uint8Array(await solid().gif().toBuffer());

/** Random pixels compress badly: a valid PNG well over the 16 KiB JSON body limit. */
export async function noisyPng(side = 128): Promise<Uint8Array> {
  const pixels = randomBytes(side * side * 3);
  return new Uint8Array(
    await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
      .png()
      .toBuffer(),
  );
}

/** A JPEG carrying EXIF with a GPS position and a marker string in its description. */
export async function jpegWithGps(): Promise<Uint8Array> {
  const out = await solid()
    .jpeg()
    .withExif({
      IFD0: { ImageDescription: MARKER },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' },
    })
    .toBuffer();
  return new Uint8Array(out);
}

/** A JPEG with a comment segment (FF FE) holding the payload, right after the SOI marker. */
export async function jpegWithComment(): Promise<Uint8Array> {
  const image = await jpeg();
  const body = text(PAYLOAD);
  const length = body.byteLength + 2;
  const segment = concat(new Uint8Array([0xff, 0xfe, length >> 8, length & 0xff]), body);
  return concat(image.subarray(0, 2), segment, image.subarray(2));
}

export const SVG_WITH_SCRIPT = text(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
);

/** A signed-up user in their own browser (cookies, Origin set like a real one). */
export async function signedIn(t: TestInstance): Promise<Browser> {
  const browser = t.newBrowser();
  const up = await browser.client.signUp({ email: uniqueEmail('profile'), password: PASSWORD });
  if (!up.ok) throw new Error(up.error.message);
  return Object.assign(browser, {
    userId: up.data.user.id,
    profile: createProfileClient(browser.client),
  });
}

export function put(browser: Browser, path: string, bytes: Uint8Array, type = 'image/png') {
  return browser.fetch(`/api/auth${path}`, {
    method: 'PUT',
    headers: { 'content-type': type },
    body: bytes as BodyInit,
  });
}
