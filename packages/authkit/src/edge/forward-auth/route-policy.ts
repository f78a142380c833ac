import type { Requirement } from '../../domain/policy-requirement.js';
import { compileHostPattern, compilePathPattern } from './patterns.js';
import type { ForwardAuthRoute } from './types.js';

export interface MatchedRoute {
  /** For metrics: the route's `id`, its index, or `default`. */
  label: string;
  /**
   * For the decision cookie: the label plus a digest of the route's definition, so a cookie made
   * under yesterday's rule is not honoured after the rule changed.
   */
  rt: string;
  require: Requirement;
  public: boolean;
}

interface CompiledRoute extends MatchedRoute {
  host: RegExp | null;
  path: RegExp | null;
}

export interface RoutePolicy {
  match(hostname: string, path: string): MatchedRoute;
  /** Host patterns the routes name, for the default `allowedReturnHosts`. */
  hostPatterns: string[];
}

// FNV-1a, 32 bits: a short, synchronous fingerprint (not a security boundary: the cookie is signed).
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * Compiles the route list once. The first route whose host and path both match wins; none:
 * `defaultRequire`. Invalid patterns or duplicate ids throw a TypeError naming the route.
 */
export function compileRoutePolicy(
  routes: readonly ForwardAuthRoute[],
  defaultRequire: Requirement,
): RoutePolicy {
  const seen = new Set<string>();
  const compiled: CompiledRoute[] = routes.map((route, index) => {
    const what = `routes[${index}]`;
    if (route.id !== undefined && !/^[A-Za-z0-9_.:-]{1,64}$/.test(route.id))
      throw new TypeError(
        `${what}.id: ${JSON.stringify(route.id)} must be 1-64 of [A-Za-z0-9_.:-]`,
      );
    const label = route.id ?? String(index);
    if (seen.has(label)) throw new TypeError(`${what}.id: ${JSON.stringify(label)} is used twice`);
    seen.add(label);
    const isPublic = route.public === true;
    const require = route.require ?? defaultRequire;
    return {
      label,
      rt: `${label}.${fingerprint(stable({ h: route.host, p: route.path, r: require, o: isPublic }))}`,
      require,
      public: isPublic,
      host: route.host === undefined ? null : compileHostPattern(route.host, `${what}.host`),
      path: route.path === undefined ? null : compilePathPattern(route.path, `${what}.path`),
    };
  });
  const fallback: MatchedRoute = {
    label: 'default',
    rt: `default.${fingerprint(stable(defaultRequire))}`,
    require: defaultRequire,
    public: false,
  };
  return {
    match(hostname, path) {
      const found = compiled.find(
        (route) =>
          (!route.host || route.host.test(hostname)) && (!route.path || route.path.test(path)),
      );
      if (!found) return fallback;
      return { label: found.label, rt: found.rt, require: found.require, public: found.public };
    },
    hostPatterns: routes.flatMap((route) => (route.host === undefined ? [] : [route.host])),
  };
}
