import type { Context, MiddlewareHandler } from 'hono';
import { AuthkitError } from '../domain/errors.js';
import { ACCESS_COOKIE, PENDING_COOKIE, REFRESH_COOKIE } from './cookies.js';
import { problemResponse } from './problem.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

export interface OriginCheckOptions {
  baseUrl: string | undefined;
  trustedOrigins: string[];
  /** The origin the client used, for deployments without a configured base URL. */
  requestOrigin: (c: Context) => string;
}

/**
 * CSRF defence for writes. A present Origin (or Referer) must be trusted; a request that would be
 * authenticated by our cookies must carry one. Bearer-authenticated calls are exempt: a cross-site
 * page cannot set Authorization without a CORS preflight.
 */
export function originCheck(options: OriginCheckOptions): MiddlewareHandler {
  const fixed = new Set([...options.trustedOrigins.map((o) => new URL(o).origin)]);
  if (options.baseUrl) fixed.add(new URL(options.baseUrl).origin);
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    // Forward-auth asks with the proxied request's method and headers; it decides, never writes.
    if (c.req.path.endsWith('/forward')) return next();
    const origin =
      originOf(c.req.header('origin') ?? null) ?? originOf(c.req.header('referer') ?? null);
    const trusted = (o: string) =>
      fixed.has(o) || (!options.baseUrl && o === options.requestOrigin(c));
    if (origin) {
      if (!trusted(origin)) {
        return problemResponse(
          new AuthkitError(
            'origin_mismatch',
            `origin ${origin} is not allowed to make this request`,
          ),
        );
      }
      return next();
    }
    const cookie = c.req.header('cookie') ?? '';
    const usesCookies = [ACCESS_COOKIE, REFRESH_COOKIE, PENDING_COOKIE].some((name) =>
      cookie.includes(`${name}=`),
    );
    const bearer = /^bearer /i.test(c.req.header('authorization') ?? '');
    if (usesCookies && !bearer) {
      return problemResponse(
        new AuthkitError(
          'origin_mismatch',
          'cookie-authenticated writes must send an Origin header',
        ),
      );
    }
    return next();
  };
}
