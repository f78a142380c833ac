import type { Context } from 'hono';
import { AuthkitError } from '../domain/errors.js';
import type { AccessTokenClaims } from '../domain/types.js';
import type { SessionRecord } from '../ports/store.js';
import type { IssuedTokens } from '../services/session-service.js';
import type { AppEnv } from './app-env.js';
import {
  clearSessionCookies,
  readSessionCookies,
  setDeviceCookie,
  setSessionCookies,
} from './cookies.js';

export interface Authenticated {
  claims: AccessTokenClaims;
  session: SessionRecord;
  via: 'bearer' | 'cookie';
}

function bearerToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Cookies are `Secure` when the public base URL is https, or the request (per a trusted proxy) was. */
export function isSecureRequest(c: Context<AppEnv>): boolean {
  return (
    c.var.rt.settings.baseUrl?.startsWith('https:') === true || c.var.origin.startsWith('https:')
  );
}

export function writeSessionCookies(c: Context<AppEnv>, tokens: IssuedTokens): void {
  const { settings } = c.var.rt;
  const sessionSeconds = Math.max(
    0,
    Math.floor((tokens.session.expiresAt.getTime() - c.var.rt.clock.now().getTime()) / 1000),
  );
  setSessionCookies(
    c,
    { access: tokens.access_token, refresh: tokens.refresh_token },
    {
      basePath: settings.basePath,
      secure: isSecureRequest(c),
      // The cookie outlives the 5-minute JWT inside it on purpose: a page guard that finds an
      // expired token knows a session exists and can refresh, instead of sending the user to sign-in.
      accessMaxAge: sessionSeconds,
      refreshMaxAge: sessionSeconds,
      domain: settings.cookieDomain,
    },
  );
}

export function writeDeviceCookie(
  c: Context<AppEnv>,
  device: { token: string; maxAge: number } | undefined,
): void {
  if (device) {
    setDeviceCookie(c, device, {
      basePath: c.var.rt.settings.basePath,
      secure: isSecureRequest(c),
    });
  }
}

export function clearCookies(c: Context<AppEnv>): void {
  clearSessionCookies(c, {
    basePath: c.var.rt.settings.basePath,
    secure: isSecureRequest(c),
    domain: c.var.rt.settings.cookieDomain,
  });
}

/** The caller's live session from a bearer token or the access cookie; null when there is none. */
export async function authenticate(c: Context<AppEnv>): Promise<Authenticated | null> {
  const bearer = bearerToken(c);
  const token = bearer ?? readSessionCookies(c).access;
  if (!token) return null;
  try {
    const { claims, session } = await c.var.rt.sessions.resolve(token);
    return { claims, session, via: bearer ? 'bearer' : 'cookie' };
  } catch (error) {
    // Say why a valid key token is refused rather than "sign in", which would mislead a script.
    if (error instanceof AuthkitError && error.code === 'key_token_not_accepted') throw error;
    if (error instanceof AuthkitError) return null;
    throw error;
  }
}

export async function requireAuth(c: Context<AppEnv>): Promise<Authenticated> {
  const auth = await authenticate(c);
  if (!auth) throw new AuthkitError('unauthenticated', 'sign in to continue');
  return auth;
}

/**
 * Like `authenticate`, but a browser whose access cookie has expired is refreshed from its refresh
 * cookie on the spot, so reading the session never shows a signed-in user as signed out.
 */
export async function authenticateOrRefresh(c: Context<AppEnv>): Promise<Authenticated | null> {
  const auth = await authenticate(c);
  if (auth || bearerToken(c)) return auth;
  const { refresh } = readSessionCookies(c);
  if (!refresh) return null;
  try {
    const tokens = await c.var.rt.sessions.refresh(refresh);
    writeSessionCookies(c, tokens);
    const claims = await c.var.rt.sessions.verify(tokens.access_token);
    return { claims, session: tokens.session, via: 'cookie' };
  } catch (error) {
    if (!(error instanceof AuthkitError)) throw error;
    clearCookies(c);
    return null;
  }
}
