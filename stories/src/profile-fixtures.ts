import type { MyOrg } from '@catalyst/authkit';
import { acme, ada, currentSession, grace, sessionPayload } from './fixtures';
import type { Schemas, SessionPayload } from './handlers/api';

/** Fixed profiles and images for the profile stories (issue 12). */

export type ProfileFixture = Schemas['Profile'];

/** An 8×8 PNG (what the server would serve after re-encoding): the stories' avatar and logo. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWOwjr6NFTEMLQkA49VcQY6f60UAAAAASUVORK5CYII=';
export const pngBytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));

/** Files as a person picks them: a real PNG, an SVG (refused before any request). */
export const pngFile = (name = 'avatar.png') => new File([pngBytes], name, { type: 'image/png' });
export const svgFile = () =>
  new File(
    ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    'evil.svg',
    {
      type: 'image/svg+xml',
    },
  );

/** Same-origin file URLs, answered by `GET /files/{fileId}` (anything off-origin fails a story). */
export const fileUrl = (id: string) => `/api/auth/files/${id}`;

export const adaProfile: ProfileFixture = {
  userId: ada.id,
  email: ada.email,
  name: ada.name,
  locale: 'en-GB',
  timezone: 'Europe/London',
  avatarUrl: fileUrl('file_ada'),
  fields: { company: 'Analytical Engines Ltd', newsletter: true, plan: 'team' },
  updatedAt: '2025-03-01T09:00:00.000Z',
};

export const adaWithoutAvatar: ProfileFixture = { ...adaProfile, avatarUrl: null };

/** The custom fields the stories' server declares (`profileFields`), as the form describes them. */
export const profileFields = {
  company: { type: 'string', label: 'Company', maxLength: 100 },
  newsletter: { type: 'boolean', label: 'Send me the newsletter' },
  plan: { type: 'enum', label: 'Plan', values: ['hobby', 'team'] },
} as const;

/** Acme with a logo on this origin. */
export const acmeWithLogo: MyOrg = {
  ...acme,
  profile: { ...acme.profile, logoUrl: fileUrl('file_acme_logo') },
};
export const acmeWithoutLogo: MyOrg = {
  ...acme,
  profile: { ...acme.profile, logoUrl: undefined },
};

/** Grace, a platform admin, acting as Ada. */
export const impersonatedSession: SessionPayload = {
  ...sessionPayload(ada, currentSession),
  impersonator: { id: grace.id, email: grace.email, name: grace.name },
};

/** Grace's own session, back after the impersonation ends. */
export const adminSession: SessionPayload = {
  ...sessionPayload(grace, { ...currentSession, id: 'ses_grace', userId: grace.id }),
  platformRoles: ['admin'],
  impersonator: null,
};
