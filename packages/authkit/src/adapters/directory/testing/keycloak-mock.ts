import { http, HttpResponse, type HttpHandler } from 'msw';
import { keycloakBody } from '../../../../test/schemas/validate.js';

/**
 * An in-memory Keycloak realm for MSW. Bodies are checked against the representation schemas
 * derived from `@keycloak/keycloak-admin-client` (Keycloak's own admin OpenAPI is not reachable
 * from here; see test/schemas/keycloak). Error bodies use Keycloak's `{ error }` shape, which the
 * admin client reads (`error` / `errorMessage`) and no vendored schema describes.
 */
export const KEYCLOAK_BASE = 'http://keycloak.test';
export const REALM = 'acme';

export interface KeycloakUserRow {
  id: string;
  username: string;
  email?: string;
  emailVerified?: boolean;
  firstName?: string;
  lastName?: string;
  enabled: boolean;
  createdTimestamp: number;
  totp: boolean;
  disableableCredentialTypes: string[];
  requiredActions: string[];
  notBefore: number;
  access: Record<string, boolean>;
}

export interface KeycloakGroupRow {
  id: string;
  name: string;
  path: string;
  parentId?: string;
  members: string[];
}

export interface KeycloakMock {
  handlers: HttpHandler[];
  users: KeycloakUserRow[];
  groups: KeycloakGroupRow[];
  calls: Array<{ path: string; url: URL; authorization: string | null }>;
  override:
    ((path: string, url: URL) => Response | undefined | Promise<Response | undefined>) | null;
  /** Issued by the token endpoint for client_credentials; checked on admin calls when set. */
  issuedToken: string | null;
}

export function keycloakUser(id: string, fields: Partial<KeycloakUserRow> = {}): KeycloakUserRow {
  return {
    id,
    username: id,
    email: `${id}@example.com`,
    emailVerified: true,
    firstName: id,
    lastName: 'Tester',
    enabled: true,
    createdTimestamp: 1_767_225_600_000,
    totp: false,
    disableableCredentialTypes: [],
    requiredActions: [],
    notBefore: 0,
    access: { manage: true },
    ...fields,
  };
}

function slice<T>(rows: T[], url: URL): T[] {
  const first = Number(url.searchParams.get('first') ?? 0);
  const max = Number(url.searchParams.get('max') ?? 100);
  return rows.slice(first, first + max);
}

export function createKeycloakMock(): KeycloakMock {
  const mock: KeycloakMock = {
    handlers: [],
    users: [],
    groups: [],
    calls: [],
    override: null,
    issuedToken: null,
  };
  const admin = `${KEYCLOAK_BASE}/admin/realms/${REALM}`;

  const groupView = (group: KeycloakGroupRow) => ({
    id: group.id,
    name: group.name,
    path: group.path,
    ...(group.parentId ? { parentId: group.parentId } : {}),
    subGroupCount: mock.groups.filter((g) => g.parentId === group.id).length,
    subGroups: [],
    attributes: {},
    realmRoles: [],
    clientRoles: {},
    access: { view: true, manage: true, manageMembership: true },
  });
  const notFound = (what: string) =>
    HttpResponse.json({ error: `Could not find ${what}` }, { status: 404 });

  function get(
    path: string,
    fn: (url: URL, params: Record<string, string>) => Response,
  ): HttpHandler {
    return http.get(`${admin}${path}`, async ({ request, params }) => {
      const url = new URL(request.url);
      mock.calls.push({ path, url, authorization: request.headers.get('authorization') });
      const overridden = await mock.override?.(path, url);
      if (overridden) return overridden;
      if (
        mock.issuedToken &&
        request.headers.get('authorization') !== `Bearer ${mock.issuedToken}`
      ) {
        return HttpResponse.json({ error: 'HTTP 401 Unauthorized' }, { status: 401 });
      }
      return fn(url, params as Record<string, string>);
    });
  }

  mock.handlers.push(
    http.post(
      `${KEYCLOAK_BASE}/realms/${REALM}/protocol/openid-connect/token`,
      async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        // The admin client sends the secret as HTTP Basic (RFC 6749 §2.3.1), not in the form.
        const basic = `Basic ${Buffer.from('catalyst-sync:sync-secret').toString('base64')}`;
        if (
          form.get('grant_type') !== 'client_credentials' ||
          request.headers.get('authorization') !== basic
        ) {
          return HttpResponse.json({ error: 'unauthorized_client' }, { status: 401 });
        }
        // A JWT-shaped token: the admin client decodes `exp` to know when to fetch a new one.
        const claims = { exp: Math.floor(Date.now() / 1000) + 300, azp: 'catalyst-sync' };
        mock.issuedToken = `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
        return HttpResponse.json({
          access_token: mock.issuedToken,
          expires_in: 300,
          refresh_expires_in: 0,
          token_type: 'Bearer',
          'not-before-policy': 0,
          scope: 'profile email',
        });
      },
    ),
    get('/users', (url) =>
      HttpResponse.json(keycloakBody('UserRepresentation', slice(mock.users, url))),
    ),
    get('/groups', (url) => {
      const top = mock.groups.filter((g) => !g.parentId).map(groupView);
      return HttpResponse.json(keycloakBody('GroupRepresentation', slice(top, url)));
    }),
    get('/groups/:id/children', (url, { id }) => {
      if (!mock.groups.some((g) => g.id === id)) return notFound('group');
      const children = mock.groups.filter((g) => g.parentId === id).map(groupView);
      return HttpResponse.json(keycloakBody('GroupRepresentation', slice(children, url)));
    }),
    get('/groups/:id/members', (url, { id }) => {
      const group = mock.groups.find((g) => g.id === id);
      if (!group) return notFound('group');
      const members = mock.users
        .filter((u) => group.members.includes(u.id))
        // briefRepresentation=true: Keycloak answers the brief fields only.
        .map(
          ({
            id: userId,
            username,
            email,
            emailVerified,
            firstName,
            lastName,
            enabled,
            createdTimestamp,
          }) => ({
            id: userId,
            username,
            email,
            emailVerified,
            firstName,
            lastName,
            enabled,
            createdTimestamp,
          }),
        );
      return HttpResponse.json(keycloakBody('UserRepresentation', slice(members, url)));
    }),
  );
  return mock;
}
