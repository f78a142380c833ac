import type { IdentityValues } from './identity-headers.js';

/**
 * A forward-auth answer as plain data: the Web adapter turns it into a `Response`, a Node server
 * writes it straight to the socket (no Request/Response objects on the hot path).
 */
export interface ForwardAuthAnswer {
  status: number;
  /** Lower-case names; `set-cookie` may appear more than once. */
  headers: Array<[string, string]>;
  body: string | null;
}

/** Every answer is built fresh (nothing from the request is echoed) and never cached. */
const NO_STORE: [string, string] = ['cache-control', 'no-store'];

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
  headers: Array<[string, string]> = [],
): ForwardAuthAnswer {
  const body = {
    type: `urn:catalyst:problem:${code}`,
    title: TITLES[code] ?? code,
    status,
    detail,
    code,
    ...extra,
  };
  return {
    status,
    headers: [NO_STORE, ['content-type', 'application/problem+json'], ...headers],
    body: JSON.stringify(body),
  };
}

export function allow(
  sub: string,
  values: IdentityValues,
  setCookie: string | null,
): ForwardAuthAnswer {
  const headers: Array<[string, string]> = [
    NO_STORE,
    ['x-user-sub', sub],
    ['x-org-id', values.org],
    ['x-labels', values.labels],
    ['x-scopes', values.scopes],
    ['x-roles', values.roles],
    ['remote-user', sub],
    ['remote-groups', values.groups],
  ];
  if (setCookie) headers.push(['set-cookie', setCookie]);
  return { status: 200, headers, body: null };
}

export function redirect(location: string): ForwardAuthAnswer {
  return { status: 302, headers: [NO_STORE, ['location', location]], body: null };
}

/** 401 for API calls and nginx: a challenge, plus where a person would sign in. */
export function unauthorized(location: string, rejectedToken: boolean): ForwardAuthAnswer {
  return problem(401, 'unauthenticated', 'sign in to continue', {}, [
    [
      'www-authenticate',
      rejectedToken ? 'Bearer realm="catalyst", error="invalid_token"' : 'Bearer realm="catalyst"',
    ],
    ['location', location],
  ]);
}

/** 403 with the reason codes only: no policy details, no claims, no secrets. */
export function forbidden(reasons: ReadonlyArray<{ code: string }>): ForwardAuthAnswer {
  return problem(403, 'forbidden', 'you do not have access to this resource', {
    reasons: reasons.map((reason) => ({ code: reason.code })),
  });
}

/** The answer as a Web `Response`. */
export function toResponse(answer: ForwardAuthAnswer): Response {
  const headers = new Headers();
  for (const [name, value] of answer.headers) headers.append(name, value);
  return new Response(answer.body, { status: answer.status, headers });
}
