import type { MyOrg } from '@catalyst/authkit';
import { http, HttpResponse } from 'msw';
import {
  acmeWithLogo,
  adaProfile,
  adminSession,
  fileUrl,
  impersonatedSession,
  pngBytes,
  type ProfileFixture,
} from '../profile-fixtures';
import {
  hang,
  noContent,
  problem,
  route,
  unauthenticated,
  unavailable,
  type RequestBody,
  type ResponseBody,
} from './api';

/**
 * The profile routes (issue 12) for each state of `UserProfile`, `UserProfileForm`,
 * `AvatarUploader`, `LogoUploader` and `UserButton`: `GET`/`PATCH /me/profile`, `PUT`/`DELETE
 * /me/avatar`, `PUT`/`DELETE /orgs/{orgId}/logo`, `GET /files/{fileId}`, and impersonation.
 * Uploads are checked as the server checks them: by their first bytes, not their declared type.
 */

type ProfileBody = ResponseBody<'/me/profile', 'get', 200>;
type PatchBody = RequestBody<'/me/profile', 'patch'>;

const NOW = '2025-03-04T10:30:00.000Z';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const isPng = (bytes: Uint8Array) => PNG_MAGIC.every((b, i) => bytes[i] === b);
const unsupported = () =>
  problem(415, 'unsupported_image', 'the file must be a PNG, JPEG or WebP image', {
    field: 'file',
  });
export const tooLarge = () =>
  problem(413, 'file_too_large', 'the file is larger than 2097152 bytes', { field: 'file' });

/** `GET /files/{fileId}`: every image the stories show (the real route is public). */
const files = http.get(
  route('/files/{fileId}'),
  () => new HttpResponse(pngBytes, { headers: { 'content-type': 'image/png' } }),
);

const getProfile = (profile: () => ProfileFixture) =>
  http.get(route('/me/profile'), () => HttpResponse.json(profile() satisfies ProfileBody));

/** A time zone the stories' server knows: `Area/City` (the real one asks the runtime). */
const ZONE = /^(UTC|[A-Z][a-z]+\/[A-Za-z_]+)$/;

/** A profile that keeps what is saved and uploaded (fresh state per call). */
function profileWorld(initial: ProfileFixture, upload: 'ok' | 'pending' | 'too-large' = 'ok') {
  let profile = initial;
  let n = 0;
  return [
    getProfile(() => profile),
    http.patch<never, PatchBody>(route('/me/profile'), async ({ request }) => {
      const patch = await request.json();
      if (patch.timezone && !ZONE.test(patch.timezone)) {
        return problem(
          400,
          'invalid_request',
          'timezone: must be an IANA time zone such as Europe/Paris',
          {
            field: 'timezone',
          },
        );
      }
      const { fields, ...rest } = patch;
      profile = { ...profile, ...rest, fields: { ...profile.fields, ...fields }, updatedAt: NOW };
      return HttpResponse.json(profile satisfies ResponseBody<'/me/profile', 'patch', 200>);
    }),
    http.put(route('/me/avatar'), async ({ request }) => {
      if (upload === 'pending') return hang();
      if (upload === 'too-large') return tooLarge();
      if (!isPng(new Uint8Array(await request.arrayBuffer()))) return unsupported();
      profile = { ...profile, avatarUrl: fileUrl(`file_upload_${++n}`), updatedAt: NOW };
      return HttpResponse.json(profile satisfies ResponseBody<'/me/avatar', 'put', 200>);
    }),
    http.delete(route('/me/avatar'), () => {
      profile = { ...profile, avatarUrl: null, updatedAt: NOW };
      return noContent();
    }),
    files,
  ];
}

export const profileHandlers = {
  /** Ada's profile; saves, uploads (PNG bytes only) and removals stick. */
  editable: (initial: ProfileFixture = adaProfile) => profileWorld(initial),
  /** The upload never answers: the preview shows, the input is disabled. */
  uploadPending: (initial: ProfileFixture = adaProfile) => profileWorld(initial, 'pending'),
  /** The server refuses every upload as too large (its limit, not the browser's). */
  uploadTooLarge: (initial: ProfileFixture = adaProfile) => profileWorld(initial, 'too-large'),
  /** Read-only: `GET /me/profile` and the avatar file. */
  populated: (profile: ProfileFixture = adaProfile) => [getProfile(() => profile), files],
  loading: [http.get(route('/me/profile'), hang)],
  error: [http.get(route('/me/profile'), unavailable)],
  forbidden: [http.get(route('/me/profile'), unauthenticated)],
};

/** An org (Acme by default) whose logo uploads and removals stick; `GET /orgs/{orgId}` too. */
function logoWorld(initial: MyOrg, upload: 'ok' | 'pending') {
  let org = initial;
  let n = 0;
  return [
    http.get(route('/orgs/{orgId}'), () =>
      HttpResponse.json(org satisfies ResponseBody<'/orgs/{orgId}', 'get', 200>),
    ),
    http.put(route('/orgs/{orgId}/logo'), async ({ request }) => {
      if (upload === 'pending') return hang();
      if (!isPng(new Uint8Array(await request.arrayBuffer()))) return unsupported();
      org = { ...org, profile: { ...org.profile, logoUrl: fileUrl(`file_logo_${++n}`) } };
      return HttpResponse.json(org satisfies ResponseBody<'/orgs/{orgId}/logo', 'put', 200>);
    }),
    http.delete(route('/orgs/{orgId}/logo'), () => {
      const { logoUrl: _removed, ...profile } = org.profile;
      org = { ...org, profile };
      return noContent();
    }),
    files,
  ];
}

export const logoHandlers = {
  editable: (initial: MyOrg = acmeWithLogo) => logoWorld(initial, 'ok'),
  uploadPending: (initial: MyOrg = acmeWithLogo) => logoWorld(initial, 'pending'),
  loading: [http.get(route('/orgs/{orgId}'), hang)],
  error: [http.get(route('/orgs/{orgId}'), unavailable)],
};

type SessionBody = ResponseBody<'/session', 'get', 200>;

/**
 * Grace (a platform admin) impersonating Ada: `GET /session` says so until
 * `DELETE /session/impersonation`, which brings Grace's own session back (fresh state per call).
 */
export function impersonationWorld(options: { stop?: 'ok' | 'fail' } = {}) {
  let session: SessionBody = impersonatedSession;
  return [
    http.get(route('/session'), () => HttpResponse.json(session)),
    http.delete(route('/session/impersonation'), () => {
      if (options.stop === 'fail') return unavailable();
      session = adminSession;
      return HttpResponse.json(
        adminSession satisfies ResponseBody<'/session/impersonation', 'delete', 200>,
      );
    }),
  ];
}
