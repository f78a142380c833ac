import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const ACCESS_COOKIE = 'catalyst_access';
export const REFRESH_COOKIE = 'catalyst_refresh';
/** OWASP device cookie: only the sign-in route reads it, so it lives under the base path. */
export const DEVICE_COOKIE = 'catalyst_device';
/** A sign-in waiting for its second factor: not a session, only the second-factor routes read it. */
export const PENDING_COOKIE = 'catalyst_pending';
/** Binds an emailed sign-in link to the browser that asked for it. */
export const LINK_COOKIE = 'catalyst_link';
/** While impersonating: the admin's own refresh token, put back when impersonation stops. */
export const IMPERSONATOR_COOKIE = 'catalyst_impersonator';
/** Binds a sign-in at an upstream provider to the browser that started it (login CSRF). */
export const SSO_COOKIE = 'catalyst_sso';

export interface CookieSettings {
  basePath: string;
  secure: boolean;
  accessMaxAge: number;
  refreshMaxAge: number;
  /** A parent domain (`CATALYST_COOKIE_DOMAIN`): the session reaches every subdomain. */
  domain?: string | undefined;
}

const scope = (domain: string | undefined) => (domain ? { domain } : {});

/** DESIGN §3: access JWT on `/`, the opaque refresh token only on the auth base path. */
export function setSessionCookies(
  c: Context,
  tokens: { access: string; refresh: string },
  s: CookieSettings,
): void {
  setCookie(c, ACCESS_COOKIE, tokens.access, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: s.secure,
    maxAge: s.accessMaxAge,
    ...scope(s.domain),
  });
  setCookie(c, REFRESH_COOKIE, tokens.refresh, {
    httpOnly: true,
    sameSite: 'Lax',
    path: s.basePath,
    secure: s.secure,
    maxAge: s.refreshMaxAge,
    ...scope(s.domain),
  });
}

export function clearSessionCookies(
  c: Context,
  s: Pick<CookieSettings, 'basePath' | 'secure' | 'domain'>,
): void {
  deleteCookie(c, ACCESS_COOKIE, {
    path: '/',
    secure: s.secure,
    httpOnly: true,
    sameSite: 'Lax',
    ...scope(s.domain),
  });
  deleteCookie(c, REFRESH_COOKIE, {
    path: s.basePath,
    secure: s.secure,
    httpOnly: true,
    sameSite: 'Lax',
    ...scope(s.domain),
  });
}

export function readSessionCookies(c: Context): { access?: string; refresh?: string } {
  return { access: getCookie(c, ACCESS_COOKIE), refresh: getCookie(c, REFRESH_COOKIE) };
}

export function setDeviceCookie(
  c: Context,
  device: { token: string; maxAge: number },
  s: Pick<CookieSettings, 'basePath' | 'secure'>,
): void {
  setCookie(c, DEVICE_COOKIE, device.token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: s.basePath,
    secure: s.secure,
    maxAge: device.maxAge,
  });
}

export function readDeviceCookie(c: Context): string | undefined {
  return getCookie(c, DEVICE_COOKIE);
}

/** Short-lived cookies only the auth routes read (pending sign-in, link binding). */
export function setFlowCookie(
  c: Context,
  name: typeof PENDING_COOKIE | typeof LINK_COOKIE | typeof IMPERSONATOR_COOKIE | typeof SSO_COOKIE,
  value: string,
  s: Pick<CookieSettings, 'basePath' | 'secure'> & { maxAge: number },
): void {
  setCookie(c, name, value, {
    httpOnly: true,
    sameSite: 'Lax',
    path: s.basePath,
    secure: s.secure,
    maxAge: s.maxAge,
  });
}

export function clearFlowCookie(
  c: Context,
  name: typeof PENDING_COOKIE | typeof LINK_COOKIE | typeof IMPERSONATOR_COOKIE | typeof SSO_COOKIE,
  s: Pick<CookieSettings, 'basePath' | 'secure'>,
): void {
  deleteCookie(c, name, { path: s.basePath, secure: s.secure, httpOnly: true, sameSite: 'Lax' });
}
