/** A route pattern: an exact path, a prefix ending in `*` (`/blog/*`), or a RegExp. */
export type RoutePattern = string | RegExp;

export function matchesRoute(pathname: string, patterns: readonly RoutePattern[]): boolean {
  return patterns.some((p) => {
    if (p instanceof RegExp) return p.test(pathname);
    if (p.endsWith('*')) return pathname.startsWith(p.slice(0, -1));
    return pathname === p || pathname === `${p}/`;
  });
}
