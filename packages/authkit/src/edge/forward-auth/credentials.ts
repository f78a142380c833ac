import { ACCESS_COOKIE, DECISION_COOKIE, type HeaderReader } from './types.js';

/** A JWT longer than this is refused unread (ours are well under 2 KiB). */
export const MAX_TOKEN_LENGTH = 8 * 1024;

export interface Credentials {
  /** The access token to judge: the bearer when one is sent, else the session cookie. */
  token: string | null;
  source: 'bearer' | 'cookie' | null;
  /** The decision cookie, when present. */
  decision: string | null;
}

/** The first cookie of that name (browsers send the most specific path first). */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    return value;
  }
  return null;
}

function bearer(header: string | null): string | null {
  const match = header ? /^Bearer(?:[ \t]+(.*))?$/i.exec(header.trim()) : null;
  if (!match) return null;
  return (match[1] ?? '').trim();
}

/**
 * Credentials in the order DESIGN §5 reads them: `Authorization: Bearer`, then the session cookie.
 * A bearer header wins even when its token turns out invalid (no silent fall-back to the cookie).
 * Other `Authorization` schemes (Basic for the upstream app) are left alone.
 */
export function readCredentials(headers: HeaderReader): Credentials {
  const cookies = headers.get('cookie');
  const fromBearer = bearer(headers.get('authorization'));
  // An empty cookie is a cleared one: signed out, not a rejected token.
  const fromCookie = fromBearer === null ? readCookie(cookies, ACCESS_COOKIE) || null : null;
  return {
    token: fromBearer ?? fromCookie,
    source: fromBearer !== null ? 'bearer' : fromCookie !== null ? 'cookie' : null,
    decision: readCookie(cookies, DECISION_COOKIE) || null,
  };
}
