import { identityHeaders, type IdentityValues } from './identity-headers.js';

/** Every answer is built fresh (nothing from the request is echoed) and never cached. */
function baseHeaders(): Headers {
  return new Headers({ 'cache-control': 'no-store' });
}

const TITLES: Record<string, string> = {
  untrusted_proxy: 'Untrusted proxy',
  malformed_forward_headers: 'Malformed forward headers',
  unauthenticated: 'Not signed in',
  forbidden: 'Forbidden',
  keys_unavailable: 'Signing keys unavailable',
  internal_error: 'Internal error',
};

/** RFC 9457 body in the server's shape (`type`, `title`, `status`, `detail`, `code`, …). */
export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Headers = baseHeaders(),
): Response {
  headers.set('content-type', 'application/problem+json');
  const body = {
    type: `urn:catalyst:problem:${code}`,
    title: TITLES[code] ?? code,
    status,
    detail,
    code,
    ...extra,
  };
  return new Response(JSON.stringify(body), { status, headers });
}

export function allow(sub: string, values: IdentityValues, setCookie: string | null): Response {
  const headers = baseHeaders();
  for (const [name, value] of Object.entries(identityHeaders(sub, values)))
    headers.set(name, value);
  if (setCookie) headers.append('set-cookie', setCookie);
  return new Response(null, { status: 200, headers });
}

export function redirect(location: string): Response {
  const headers = baseHeaders();
  headers.set('location', location);
  return new Response(null, { status: 302, headers });
}

/** 401 for API calls and nginx: a challenge, plus where a person would sign in. */
export function unauthorized(location: string, rejectedToken: boolean): Response {
  const headers = baseHeaders();
  headers.set(
    'www-authenticate',
    rejectedToken ? 'Bearer realm="catalyst", error="invalid_token"' : 'Bearer realm="catalyst"',
  );
  headers.set('location', location);
  return problem(401, 'unauthenticated', 'sign in to continue', {}, headers);
}

/** 403 with the reason codes only: no policy details, no claims, no secrets. */
export function forbidden(reasons: ReadonlyArray<{ code: string }>): Response {
  return problem(403, 'forbidden', 'you do not have access to this resource', {
    reasons: reasons.map((reason) => ({ code: reason.code })),
  });
}
