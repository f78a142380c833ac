/**
 * Host and path patterns, compiled once into RegExps. A pattern that is not one of the documented
 * forms throws a TypeError naming it, so a typo cannot silently leave a route unprotected.
 */

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const HOST_PATTERN = new RegExp(`^(\\*\\.)?(${LABEL}(?:\\.${LABEL})*)$`);
const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)([*+]?)$/;
const LITERAL = /^[A-Za-z0-9\-._~!$&'()+,;=@%]+$/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `app.example.com` (exact) or `*.example.com` (one or more labels in front of `example.com`,
 * never `example.com` itself). Matched against a lower-case host name without its port.
 */
export function compileHostPattern(pattern: string, what: string): RegExp {
  const text = pattern.trim().toLowerCase().replace(/\.$/, '');
  const match = HOST_PATTERN.exec(text);
  if (!match)
    throw new TypeError(
      `${what}: ${JSON.stringify(pattern)} is not a host pattern (app.example.com or *.example.com)`,
    );
  const base = escape(match[2] ?? '');
  return match[1] ? new RegExp(`^(?:${LABEL}\\.)+${base}$`) : new RegExp(`^${base}$`);
}

/**
 * `/x` (exact, trailing slash allowed), `/api/*` (`/api` and anything below it), `:name` for one
 * segment and a final `:name*` (zero or more segments) or `:name+` (one or more), as in Next.
 */
export function compilePathPattern(pattern: string, what: string): RegExp {
  const invalid = (why: string) =>
    new TypeError(`${what}: ${JSON.stringify(pattern)} is not a path pattern (${why})`);
  if (!pattern.startsWith('/')) throw invalid('must start with "/"');
  if (pattern === '/' || pattern === '/*') return pattern === '/' ? /^\/$/ : /^\/.*$/;
  const segments = pattern.slice(1).split('/');
  let source = '';
  let open = false;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '*') {
      if (!last) throw invalid('"*" may only end the pattern');
      source += '(?:/.*)?';
      open = true;
      return;
    }
    const param = PARAM.exec(segment);
    if (param) {
      const kind = param[2];
      if (kind && !last) throw invalid(`":${param[1]}${kind}" may only end the pattern`);
      source += kind === '*' ? '(?:/.*)?' : kind === '+' ? '/[^/]+(?:/.*)?' : '/[^/]+';
      open = kind !== '';
      return;
    }
    if (segment === '' && last) return; // `/x/` reads as `/x`
    if (!LITERAL.test(segment) || segment === '.' || segment === '..')
      throw invalid(`segment ${JSON.stringify(segment)}`);
    source += `/${escape(segment)}`;
  });
  return new RegExp(`^${source}${open ? '' : '/?'}$`);
}
