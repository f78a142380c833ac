import {
  checkRequirement,
  subjectFromClaims,
  type AccessTokenClaims,
  type DenyReason,
} from '@catalyst/authkit/edge';
import type { ProtectedRoute, RequirementOptions } from './guard-options.js';
import { matchesRoute, type RoutePattern } from './route-match.js';

const PARAM = /^:[A-Za-z_][A-Za-z0-9_]*([*+?]?)$/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Next's `/billing/:path*` form as a RegExp: `*` zero or more segments, `+` one or more, `?` optional. */
function paramPattern(pattern: string): RegExp {
  let source = '';
  for (const segment of pattern.split('/').slice(1)) {
    const modifier = PARAM.exec(segment)?.[1];
    if (modifier === undefined) source += `/${escape(segment)}`;
    else if (modifier === '*') source += '(?:/.*)?';
    else if (modifier === '+') source += '/.+';
    else if (modifier === '?') source += '(?:/[^/]+)?';
    else source += '/[^/]+';
  }
  return new RegExp(`^${source}/?$`);
}

/**
 * A protected path that silently matched nothing would leave it open, so anything `matchesRoute`
 * would read differently from what the author meant (`(.*)`, a `*` mid-path, no leading `/`) throws.
 */
function compileMatcher(pattern: RoutePattern, field: string): RoutePattern {
  if (pattern instanceof RegExp) return pattern;
  const segments = pattern.split('/');
  if (segments.some((segment) => PARAM.test(segment))) {
    if (segments.some((s) => !PARAM.test(s) && /[:*()[\]{}?+]/.test(s))) {
      throw new TypeError(`${field}: unsupported pattern ${JSON.stringify(pattern)}`);
    }
    return paramPattern(pattern);
  }
  if (
    !pattern.startsWith('/') ||
    /[()[\]{}:?+]/.test(pattern) ||
    pattern.slice(0, -1).includes('*')
  ) {
    throw new TypeError(
      `${field}: ${JSON.stringify(pattern)} must be /path, /prefix/*, /path/:param* or a RegExp`,
    );
  }
  return pattern;
}

function candidates(pathname: string): string[] {
  // Next routes `/%62illing` to `/billing`: judge the decoded form too, so encoding is no way around.
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded === pathname ? [pathname] : [pathname, decoded];
  } catch {
    return [pathname];
  }
}

export interface RequirementCheck {
  /** Whether a protected route names this path (it is then protected even if listed public). */
  covers(pathname: string): boolean;
  /** Why these claims may not have this path; empty when they may. */
  reasons(pathname: string, claims: AccessTokenClaims, options: { global: boolean }): DenyReason[];
}

export function makeRequirementCheck(options: RequirementOptions): RequirementCheck {
  const routes = (options.protectedRoutes ?? []).map((route: ProtectedRoute, index) => {
    const list: readonly RoutePattern[] = Array.isArray(route.matcher)
      ? route.matcher
      : [route.matcher as RoutePattern];
    const field = `protectedRoutes[${index}].matcher`;
    return { patterns: list.map((p) => compileMatcher(p, field)), require: route.require };
  });
  const matching = (pathname: string) => {
    const paths = candidates(pathname);
    return routes.filter((route) => paths.some((path) => matchesRoute(path, route.patterns)));
  };
  return {
    covers: (pathname) => matching(pathname).length > 0,
    reasons(pathname, claims, { global }) {
      const subject = subjectFromClaims(claims);
      const requirements = [
        ...(global && options.require ? [options.require] : []),
        ...matching(pathname).map((route) => route.require),
      ];
      // Checked one by one: merging `roles` from two entries would turn two any-ofs into one.
      return requirements.flatMap((requirement) => checkRequirement(subject, requirement).reasons);
    },
  };
}

/** The reason codes and details (each unique, in order) and one human line, for a 403 answer. */
export function summarize(reasons: readonly DenyReason[]): {
  codes: string[];
  details: string[];
  detail: string;
} {
  const details = [...new Set(reasons.map((reason) => reason.detail))];
  return {
    codes: [...new Set(reasons.map((reason) => reason.code))],
    details,
    detail: details.join('; '),
  };
}
