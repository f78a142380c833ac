import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn } from '../../test/instances.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import {
  MARKER,
  PAYLOAD,
  SVG_WITH_SCRIPT,
  concat,
  contains,
  gif,
  jpeg,
  jpegWithComment,
  jpegWithGps,
  noisyPng,
  png,
  put,
  signedIn,
  text,
  webp,
  type Browser,
} from './uploads.fixtures.js';

const LIMIT = 256 * 1024;

describe.each(DRIVERS)('avatar uploads (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver, { uploads: { avatarMaxBytes: LIMIT, maxDimension: 1024 } });
  });
  afterAll(() => t.close());

  /** Uploads as the avatar and answers the status, the body, and (on success) the served file. */
  async function upload(b: Browser, bytes: Uint8Array, type = 'image/png') {
    const res = await put(b, '/me/avatar', bytes, type);
    const body = (await res.json()) as { avatarUrl?: string; code?: string; field?: string };
    const served = body.avatarUrl ? await b.fetch(body.avatarUrl) : undefined;
    return { status: res.status, body, served };
  }

  it('serves a good PNG, JPEG and WebP with its real type, nosniff, a sandbox CSP and an ETag', async () => {
    const b = await signedIn(t);
    for (const [bytes, type] of [
      [await png(), 'image/png'],
      [await jpeg(), 'image/jpeg'],
      [await webp(), 'image/webp'],
    ] as const) {
      // The declared type is ignored: the bytes say what the file is.
      const { status, body, served } = await upload(b, bytes, 'application/octet-stream');
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.avatarUrl).toMatch(/^http:\/\/localhost:3000\/api\/auth\/files\/file_[0-9a-z]+$/);
      expect(served!.status).toBe(200);
      expect(Object.fromEntries(served!.headers)).toMatchObject({
        'content-type': type,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'public, max-age=31536000, immutable',
        'content-disposition': 'inline',
      });
      const etag = served!.headers.get('etag')!;
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const meta = await sharp(new Uint8Array(await served!.arrayBuffer())).metadata();
      expect(meta).toMatchObject({ width: 32, height: 32 });
      const again = await b.fetch(body.avatarUrl!, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
  });

  it('takes an image bigger than the 16 KiB JSON limit, up to its own limit', async () => {
    const b = await signedIn(t);
    const big = await noisyPng(128);
    expect(big.byteLength).toBeGreaterThan(16 * 1024);
    expect((await upload(b, big)).status).toBe(200);
    // JSON routes keep the small limit.
    const res = await b.fetch('/api/auth/me/profile', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(20_000) }),
    });
    expect(res.status).toBe(413);
  });

  it('refuses an oversized file with 413 file_too_large, streamed or declared', async () => {
    const b = await signedIn(t);
    const big = await noisyPng(400);
    expect(big.byteLength).toBeGreaterThan(LIMIT);
    const streamed = await upload(b, big);
    expect(streamed).toMatchObject({
      status: 413,
      body: { code: 'file_too_large', field: 'file' },
    });
    const declared = await b.fetch('/api/auth/me/avatar', {
      method: 'PUT',
      headers: { 'content-type': 'image/png', 'content-length': String(big.byteLength) },
      body: big as BodyInit,
    });
    expect(declared.status).toBe(413);
    // Few bytes, too many pixels (a decompression bomb in miniature).
    const wide = await upload(b, await png(2000, 8));
    expect(wide).toMatchObject({ status: 413, body: { code: 'file_too_large', field: 'file' } });
    expect((await b.profile.get()).ok && (await b.profile.get())).toMatchObject({
      data: { avatarUrl: null },
    });
  });

  it('refuses GIF, HTML, text and an SVG with a script with 415 unsupported_image', async () => {
    const b = await signedIn(t);
    const cases: Array<[Uint8Array, string]> = [
      [await gif(), 'image/gif'],
      [text('<!doctype html><script>alert(1)</script>'), 'image/png'],
      [text('just some text'), 'image/jpeg'],
      [SVG_WITH_SCRIPT, 'image/svg+xml'],
      [SVG_WITH_SCRIPT, 'image/png'],
      // A PNG signature in front of something that is not a PNG.
      [concat((await png()).subarray(0, 8), text(PAYLOAD)), 'image/png'],
      [new Uint8Array(), 'image/png'],
    ];
    for (const [bytes, type] of cases) {
      const { status, body } = await upload(b, bytes, type);
      expect({ status, body }, type).toMatchObject({
        status: 415,
        body: { code: 'unsupported_image', field: 'file' },
      });
    }
    const profile = await b.profile.get();
    expect(profile.ok && profile.data.avatarUrl).toBeNull();
  });

  it('re-encodes polyglots: a payload after the PNG end or in a JPEG comment is not served', async () => {
    const b = await signedIn(t);
    for (const bytes of [concat(await png(), text(PAYLOAD)), await jpegWithComment()]) {
      expect(contains(bytes, '<script>')).toBe(true);
      const { status, served } = await upload(b, bytes);
      expect(status).toBe(200);
      const out = new Uint8Array(await served!.arrayBuffer());
      expect(contains(out, '<script>')).toBe(false);
      expect(contains(out, 'alert')).toBe(false);
    }
  });

  it('strips EXIF (GPS position included) from a JPEG', async () => {
    const b = await signedIn(t);
    const input = await jpegWithGps();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    expect(contains(input, MARKER)).toBe(true);
    const { status, served } = await upload(b, input, 'image/jpeg');
    expect(status).toBe(200);
    const out = new Uint8Array(await served!.arrayBuffer());
    expect(contains(out, MARKER)).toBe(false);
    expect((await sharp(out).metadata()).exif).toBeUndefined();
  });

  it('replaces and removes only your own avatar, and deletes the old file', async () => {
    const a = await signedIn(t);
    const other = await signedIn(t);
    const first = await upload(a, await png());
    const second = await upload(a, await jpeg(), 'image/jpeg');
    expect(second.body.avatarUrl).not.toBe(first.body.avatarUrl);
    expect((await a.fetch(first.body.avatarUrl!)).status).toBe(404);
    // Nothing takes a user id: another user's delete and upload touch their own avatar only.
    expect((await other.fetch('/api/auth/me/avatar', { method: 'DELETE' })).status).toBe(204);
    expect((await upload(other, await png())).status).toBe(200);
    expect((await a.fetch(second.body.avatarUrl!)).status).toBe(200);
    const mine = await a.profile.get();
    expect(mine.ok && mine.data.avatarUrl).toBe(second.body.avatarUrl);
    const doc = (await (await t.fetch('/api/auth/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    // Only platform admins' route names another user (admin-profiles.test.ts covers who may).
    expect(
      Object.keys(doc.paths)
        .filter((p) => /avatar/.test(p))
        .sort(),
    ).toEqual(['/admin/users/{userId}/avatar', '/me/avatar']);

    expect((await a.profile.deleteAvatar()).ok).toBe(true);
    expect((await a.fetch(second.body.avatarUrl!)).status).toBe(404);
    const after = await a.profile.get();
    expect(after.ok && after.data.avatarUrl).toBeNull();
  });

  it('needs a session, and a trusted Origin for a cookie-authenticated upload', async () => {
    const b = await signedIn(t);
    const image = await png();
    const anonymous = await t.newBrowser().fetch('/api/auth/me/avatar', {
      method: 'PUT',
      body: image as BodyInit,
    });
    expect(anonymous.status).toBe(401);
    const forged = await b.fetch('/api/auth/me/avatar', {
      method: 'PUT',
      headers: { origin: 'https://evil.example', 'content-type': 'image/png' },
      body: image as BodyInit,
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { code: string }).code).toBe('origin_mismatch');
  });

  it('uploads through the client with a Blob', async () => {
    const b = await signedIn(t);
    const result = await b.profile.uploadAvatar(new Blob([await webp()], { type: 'image/webp' }));
    expect(result.ok && result.data.avatarUrl).toMatch(/\/files\/file_/);
    const bad = await b.profile.uploadAvatar(
      new Blob([SVG_WITH_SCRIPT], { type: 'image/svg+xml' }),
    );
    expect(!bad.ok && bad.error).toMatchObject({
      code: 'unsupported_image',
      status: 415,
      field: 'file',
    });
  });

  it('answers 404 for an unknown file and 400 for a malformed id', async () => {
    expect((await t.fetch('/api/auth/files/file_0000000000000000000000aa')).status).toBe(404);
    expect((await t.fetch(`/api/auth/files/${'x'.repeat(80)}`)).status).toBe(400);
  });
});
