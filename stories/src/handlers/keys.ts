import type { ApiKey, ScopeOption } from '@catalyst/authkit';
import { http, HttpResponse } from 'msw';
import { ciKey, issuedSecret, keyScopes, reportsKey, revokedKey, rolledSecret } from '../fixtures';
import {
  hang,
  noContent,
  notAllowed,
  problem,
  route,
  unauthenticated,
  unavailable,
  type ApiPath,
  type RequestBody,
  type ResponseBody,
} from './api';

type KeyList = ResponseBody<'/me/keys', 'get', 200>;
type Issued = ResponseBody<'/me/keys', 'post', 201>;
type Rolled = ResponseBody<'/me/keys/{keyId}/reroll', 'post', 200>;
type Scopes = ResponseBody<'/me/keys/scopes', 'get', 200>;
type IssueBody = RequestBody<'/me/keys', 'post'>;

const NOW = '2025-03-04T10:30:00.000Z';

/** The routes of one owner's keys: the caller's own, or an org's (same bodies). */
interface KeyRoutes {
  list: Extract<ApiPath, '/me/keys' | '/orgs/{orgId}/keys'>;
  scopes: Extract<ApiPath, '/me/keys/scopes' | '/orgs/{orgId}/keys/scopes'>;
  item: Extract<ApiPath, '/me/keys/{keyId}' | '/orgs/{orgId}/keys/{keyId}'>;
  reroll: Extract<ApiPath, '/me/keys/{keyId}/reroll' | '/orgs/{orgId}/keys/{keyId}/reroll'>;
}

const ME: KeyRoutes = {
  list: '/me/keys',
  scopes: '/me/keys/scopes',
  item: '/me/keys/{keyId}',
  reroll: '/me/keys/{keyId}/reroll',
};

const ORG: KeyRoutes = {
  list: '/orgs/{orgId}/keys',
  scopes: '/orgs/{orgId}/keys/scopes',
  item: '/orgs/{orgId}/keys/{keyId}',
  reroll: '/orgs/{orgId}/keys/{keyId}/reroll',
};

/** The list, filtered by `?status=` as the server does (revoked or not). */
function filtered(keys: ApiKey[], url: string): KeyList {
  const status = new URL(url).searchParams.get('status') ?? 'all';
  const shown = keys.filter((key) =>
    status === 'all'
      ? true
      : status === 'revoked'
        ? key.status === 'revoked'
        : key.status !== 'revoked',
  );
  return { keys: shown, nextCursor: null };
}

const startOf = (secret: string) => secret.slice(0, 'ck_live_'.length + 8);

// `/scopes` is registered before `/{keyId}`: MSW answers with the first route that matches.
const scopesRoute = (paths: KeyRoutes, scopes: ScopeOption[]) =>
  http.get(route(paths.scopes), () => HttpResponse.json({ scopes } satisfies Scopes));

/**
 * One owner's keys with state: list (with the status filter), scopes, issue (a past `expiresAt`
 * is `400` on that field; the secret is `issuedSecret`), revoke with a reason, and reroll (the
 * new secret is `rolledSecret`). Fresh state per call.
 */
function editable(initial: ApiKey[], paths: KeyRoutes = ME, scopes: ScopeOption[] = keyScopes) {
  let keys = [...initial];
  return [
    scopesRoute(paths, scopes),
    http.get(route(paths.list), ({ request }) => HttpResponse.json(filtered(keys, request.url))),
    http.post<never, IssueBody>(route(paths.list), async ({ request }) => {
      const body = await request.json();
      if (body.expiresAt && new Date(body.expiresAt).getTime() <= Date.now())
        return problem(400, 'invalid_request', 'must be in the future', { field: 'expiresAt' });
      const issued: Issued = {
        ...reportsKey,
        id: `key_${body.name.toLowerCase().replace(/\W+/g, '-')}`,
        name: body.name,
        start: startOf(issuedSecret),
        scopes: [...(body.scopes ?? [])].sort(),
        expiresAt: body.expiresAt ?? null,
        ephemeral: body.ephemeral ?? false,
        createdAt: NOW,
        lastUsedAt: null,
        secret: issuedSecret,
      };
      const { secret: _secret, ...key } = issued;
      keys = [...keys, key];
      return HttpResponse.json(issued, { status: 201, headers: { 'cache-control': 'no-store' } });
    }),
    http.delete(route(paths.item), ({ params, request }) => {
      const reason = new URL(request.url).searchParams.get('reason');
      keys = keys.map((key) =>
        key.id === params.keyId && key.status !== 'revoked'
          ? { ...key, status: 'revoked', revokedAt: NOW, revokedReason: reason }
          : key,
      );
      return noContent();
    }),
    http.post(route(paths.reroll), ({ params }) => {
      const key = keys.find((k) => k.id === params.keyId);
      if (!key) return problem(404, 'not_found', 'no such key', { field: 'keyId' });
      if (key.status === 'revoked') return problem(409, 'key_revoked', 'this key has been revoked');
      const rolled = { ...key, start: startOf(rolledSecret) };
      keys = keys.map((k) => (k === key ? rolled : k));
      return HttpResponse.json(
        {
          ...rolled,
          previousSecretExpiresAt: '2025-03-04T11:30:00.000Z',
          secret: rolledSecret,
        } satisfies Rolled,
        { headers: { 'cache-control': 'no-store' } },
      );
    }),
  ];
}

/** Keys that never change (the list only). */
const fixed = (keys: ApiKey[], paths: KeyRoutes = ME) => [
  scopesRoute(paths, keyScopes),
  http.get(route(paths.list), ({ request }) => HttpResponse.json(filtered(keys, request.url))),
];

/** `/me/keys` (and `/orgs/{orgId}/keys` with `org…`), for each state of the key components. */
export const keyHandlers = {
  /** CI deploy and Reports export (active), Old laptop (revoked); every change sticks. */
  editable: () => editable([ciKey, reportsKey, revokedKey]),
  /** No keys yet; issuing one works. */
  empty: () => editable([]),
  /** No keys, and no scope the caller may grant. */
  noScopes: () => editable([], ME, []),
  populated: fixed([ciKey, reportsKey, revokedKey]),
  /** Only revoked keys. */
  revoked: fixed([
    revokedKey,
    { ...ciKey, status: 'revoked', revokedAt: NOW, revokedReason: null },
  ]),
  /** A first page with a cursor; the second page holds Old laptop. */
  paged: [
    scopesRoute(ME, keyScopes),
    http.get(route('/me/keys'), ({ request }) =>
      HttpResponse.json(
        (new URL(request.url).searchParams.get('cursor') === reportsKey.id
          ? { keys: [revokedKey], nextCursor: null }
          : { keys: [ciKey, reportsKey], nextCursor: reportsKey.id }) satisfies KeyList,
      ),
    ),
  ],
  loading: [http.get(route('/me/keys/scopes'), hang), http.get(route('/me/keys'), hang)],
  error: [scopesRoute(ME, keyScopes), http.get(route('/me/keys'), unavailable)],
  /** The scopes cannot be loaded (the form says so, and still issues a key without scopes). */
  scopesError: [
    http.get(route('/me/keys/scopes'), unavailable),
    http.get(route('/me/keys'), () =>
      HttpResponse.json({ keys: [], nextCursor: null } satisfies KeyList),
    ),
  ],
  /** Signed out: 401 on everything. */
  unauthenticated: [
    http.get(route('/me/keys/scopes'), unauthenticated),
    http.get(route('/me/keys'), unauthenticated),
  ],
  /** Issuing never answers: the form stays pending. */
  createPending: [...fixed([ciKey]), http.post(route('/me/keys'), hang)],

  /** An org's keys (Acme): the same, under /orgs/{orgId}/keys with org permissions as scopes. */
  orgEditable: () =>
    editable(
      [{ ...ciKey, owner: { type: 'org', id: 'org_acme' }, scopes: ['members:read'] }],
      ORG,
      [
        { name: 'reports:read', description: 'Read reports', source: 'app', held: true },
        { name: 'members:read', description: null, source: 'permission', held: true },
        { name: 'org:transfer', description: null, source: 'permission', held: false },
      ],
    ),
  /** The server refuses: no `keys:manage` in the org. */
  orgForbidden: [
    http.get(route('/orgs/{orgId}/keys/scopes'), () => notAllowed('keys:manage')),
    http.get(route('/orgs/{orgId}/keys'), () => notAllowed('keys:manage')),
  ],
};
