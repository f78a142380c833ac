import type { CliIo } from './io.js';

export interface TokenArgs {
  /** The API key; default CATALYST_API_KEY (keeps it out of the process list). */
  key?: string;
  /**
   * Exchange the job's GitHub Actions OIDC token instead of a key (needs `id-token: write`); the
   * value is the audience to ask GitHub for, the trust policy's `audience`.
   */
  githubAudience?: string;
  /** A trust policy id, when more than one org trusts the same workload (`client_id`). */
  policy?: string;
  scope?: string;
  audience?: string;
  /** The Catalyst server; default CATALYST_BASE_URL. */
  url?: string;
}

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const API_KEY_TOKEN_TYPE = 'urn:catalyst:token-type:api-key';
export const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

type Subject = { token: string; type: string } | { error: string; code: number };

/**
 * What to exchange: the job's GitHub Actions OIDC token (asked of the runner with the request
 * token it sets), a workload JWT from CATALYST_WORKLOAD_TOKEN, or an API key.
 */
async function subjectOf(io: CliIo, args: TokenArgs, fetchImpl: typeof fetch): Promise<Subject> {
  if (args.githubAudience !== undefined) {
    const url = io.env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const bearer = io.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!url || !bearer) {
      return {
        error: 'no GitHub Actions OIDC token here: give the job `permissions: id-token: write`',
        code: 2,
      };
    }
    const request = new URL(url);
    request.searchParams.set('audience', args.githubAudience);
    try {
      const res = await fetchImpl(request, {
        headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
        redirect: 'error',
      });
      const body = (await res.json()) as { value?: unknown };
      if (!res.ok || typeof body.value !== 'string') {
        return { error: `GitHub refused the OIDC token request (HTTP ${res.status})`, code: 1 };
      }
      return { token: body.value, type: JWT_TOKEN_TYPE };
    } catch (error) {
      return { error: `cannot reach GitHub's token service: ${(error as Error).message}`, code: 1 };
    }
  }
  const workload = io.env.CATALYST_WORKLOAD_TOKEN;
  if (workload && !args.key) return { token: workload, type: JWT_TOKEN_TYPE };
  const key = args.key ?? io.env.CATALYST_API_KEY;
  if (!key) {
    return {
      error:
        'token needs an API key (CATALYST_API_KEY, preferred, or --key ck_…), a workload token (CATALYST_WORKLOAD_TOKEN) or --github-actions AUDIENCE',
      code: 2,
    };
  }
  return { token: key, type: API_KEY_TOKEN_TYPE };
}

/**
 * The token endpoint for a base URL: a bare origin gets the default base path (`/api/auth/token`);
 * a URL with a path is read as the base path itself (`https://id.example.com/auth` → `/auth/token`).
 */
export function tokenEndpoint(base: string): URL {
  const url = new URL(base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`${base} is not an http(s) URL`);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path === '' ? '/api/auth/token' : `${path}/token`;
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * `catalyst token`: exchanges an API key, or a workload's OIDC token (GitHub Actions, or any JWT a
 * trust policy accepts), for a short-lived access token (RFC 8693) and prints the token alone, so
 * `curl -H "Authorization: Bearer $(catalyst token)"` works. Errors go to stderr with the server's
 * `error` and `reason`; the exit code is then 1.
 */
export async function tokenCommand(
  io: CliIo,
  args: TokenArgs,
  fetchImpl: typeof fetch = fetch,
): Promise<number> {
  const base = args.url ?? io.env.CATALYST_BASE_URL;
  if (!base) {
    io.err('token needs the server: set CATALYST_BASE_URL or pass --url URL');
    return 2;
  }
  let endpoint: URL;
  try {
    endpoint = tokenEndpoint(base);
  } catch {
    io.err(`invalid --url / CATALYST_BASE_URL: ${base}`);
    return 2;
  }
  const subject = await subjectOf(io, args, fetchImpl);
  if ('error' in subject) {
    io.err(`token: ${subject.error}`);
    return subject.code;
  }
  const form = new URLSearchParams({
    grant_type: TOKEN_EXCHANGE_GRANT,
    subject_token: subject.token,
    subject_token_type: subject.type,
  });
  if (args.policy) form.set('client_id', args.policy);
  if (args.scope) form.set('scope', args.scope.trim().split(/\s+/).join(' '));
  if (args.audience) form.set('audience', args.audience);

  let response: Response;
  try {
    response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form,
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    io.err(
      `token: cannot reach ${endpoint.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
    );
    return 1;
  }
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // not JSON: reported below by status
  }
  if (response.ok && typeof body.access_token === 'string') {
    io.out(body.access_token);
    return 0;
  }
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : null);
  const error = text('error') ?? text('code') ?? `HTTP ${response.status}`;
  const reason = text('reason');
  const description = text('error_description') ?? text('detail');
  io.err(`token: ${error}${reason ? ` (${reason})` : ''}${description ? `: ${description}` : ''}`);
  return 1;
}
