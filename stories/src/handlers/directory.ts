import { delay, http, HttpResponse } from 'msw';
import { acme, billingRole, builtInRoles } from '../fixtures';
import {
  hang,
  noContent,
  notAllowed,
  problem,
  route,
  unavailable,
  type RequestBody,
  type ResponseBody,
  type Schemas,
} from './api';

/** The schemas are registered nullable (the GET answer's `connection`): one connection is not. */
export type DirectoryConnection = NonNullable<Schemas['DirectoryConnection']>;
type SyncRun = NonNullable<Schemas['DirectorySyncRun']>;
type SyncStats = NonNullable<Schemas['DirectorySyncStats']>;
type Answer = ResponseBody<'/orgs/{orgId}/directory', 'get', 200>;
type PutBody = RequestBody<'/orgs/{orgId}/directory', 'put'>;

const ONE = route('/orgs/{orgId}/directory');
const SYNC = route('/orgs/{orgId}/directory/sync');
const NOW = '2025-03-04T10:30:00.000Z';
const ROLES = [...builtInRoles, billingRole].map((role) => role.name);
const REALM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** What a run that joined 12 people, removed 1 and skipped 3 did (4 groups mirrored). */
export const directoryStats: SyncStats = {
  usersSeen: 16,
  usersCreated: 9,
  usersLinked: 3,
  membersAdded: 12,
  membersRemoved: 1,
  usersSkipped: 3,
  skipped: { inactive: 2, outside_domains: 1 },
  groupsSeen: 4,
  groupsCreated: 4,
  groupsUpdated: 0,
  groupsDeleted: 0,
  groupConflicts: 0,
  groupMembersAdded: 12,
  groupMembersRemoved: 0,
};

const succeeded = (trigger: SyncRun['trigger'], at = NOW): SyncRun => ({
  status: 'succeeded',
  trigger,
  startedAt: at,
  finishedAt: at,
  errorCode: null,
  errorMessage: null,
  stats: directoryStats,
});

/** Acme's Authentik, synced hourly; its last (scheduled) run went well. */
export const acmeDirectory: DirectoryConnection = {
  id: 'dir_acme',
  orgId: acme.id,
  provider: 'authentik',
  baseUrl: 'https://auth.acme.example',
  realm: null,
  clientId: null,
  defaultRole: 'member',
  intervalMinutes: 60,
  deprovision: true,
  enabled: true,
  createdAt: '2025-02-01T09:00:00.000Z',
  updatedAt: '2025-02-01T09:00:00.000Z',
  nextRunAt: '2025-03-04T11:30:00.000Z',
  lastRun: succeeded('schedule'),
};

/** Its token was revoked: the last run failed. */
export const failedDirectory: DirectoryConnection = {
  ...acmeDirectory,
  lastRun: {
    status: 'failed',
    trigger: 'schedule',
    startedAt: NOW,
    finishedAt: NOW,
    errorCode: 'idp_unavailable',
    errorMessage: 'authentik answered HTTP 401',
    stats: null,
  },
};

/** Acme's Keycloak realm, on demand only, never synced. */
export const acmeKeycloak: DirectoryConnection = {
  ...acmeDirectory,
  provider: 'keycloak',
  baseUrl: 'https://id.acme.example',
  realm: 'acme',
  clientId: 'catalyst-sync',
  intervalMinutes: null,
  nextRunAt: null,
  lastRun: null,
};

const invalid = (detail: string, field: string) =>
  problem(400, 'invalid_request', detail, { field });

/** The server's checks of a save, first failure first, or null. */
function refuse(body: PutBody, current: DirectoryConnection | null) {
  const baseUrl = body.baseUrl.replace(/\/+$/, '');
  if (!/^https:\/\/[^/?#]+/.test(baseUrl) || /^https:\/\/(10|127|192\.168)\./.test(baseUrl))
    return problem(
      400,
      'invalid_issuer',
      'the directory must be reached over https at a public address',
      { field: 'baseUrl' },
    );
  const keycloak = body.provider === 'keycloak';
  if (keycloak && !REALM.test(body.realm ?? ''))
    return invalid('a Keycloak realm name: letters, digits, _ . and -', 'realm');
  if (keycloak && !body.clientId) return invalid('Keycloak needs a client id', 'clientId');
  const role = body.defaultRole ?? 'member';
  if (!ROLES.includes(role))
    return problem(400, 'unknown_role', `no role named ${role}`, { field: 'defaultRole.0' });
  if (role === 'owner') return invalid('a directory cannot make anyone an owner', 'defaultRole');
  const moved =
    !current ||
    current.provider !== body.provider ||
    current.baseUrl !== baseUrl ||
    current.realm !== (keycloak ? (body.realm ?? null) : null) ||
    current.clientId !== (keycloak ? (body.clientId ?? null) : null);
  if (moved && body.credential === undefined)
    return invalid('the directory needs a credential', 'credential');
  return null;
}

/** How `POST …/sync` behaves in a world. */
type SyncMode = 'ok' | 'slow' | 'fail' | 'busy';

/**
 * `/orgs/{orgId}/directory` with state (fresh per call), checked as the server does: a private
 * base URL is `invalid_issuer`, Keycloak needs its realm and client, a new address needs the
 * credential again. A sync records its run, failed ones too.
 */
function world(initial: DirectoryConnection | null, mode: SyncMode = 'ok') {
  let connection = initial;
  return [
    http.get(ONE, () => HttpResponse.json({ connection } satisfies Answer)),
    http.put<never, PutBody>(ONE, async ({ request }) => {
      const body = await request.json();
      const refused = refuse(body, connection);
      if (refused) return refused;
      const keycloak = body.provider === 'keycloak';
      const interval =
        body.intervalMinutes === undefined
          ? (connection?.intervalMinutes ?? null)
          : body.intervalMinutes;
      const enabled = body.enabled ?? connection?.enabled ?? true;
      connection = {
        ...(connection ?? { ...acmeDirectory, createdAt: NOW, lastRun: null }),
        provider: body.provider,
        baseUrl: body.baseUrl.replace(/\/+$/, ''),
        realm: keycloak ? (body.realm ?? null) : null,
        clientId: keycloak ? (body.clientId ?? null) : null,
        defaultRole: body.defaultRole ?? 'member',
        intervalMinutes: interval,
        deprovision: body.deprovision ?? connection?.deprovision ?? true,
        enabled,
        updatedAt: NOW,
        nextRunAt: interval === null || !enabled ? null : NOW,
      };
      return HttpResponse.json(
        connection satisfies ResponseBody<'/orgs/{orgId}/directory', 'put', 200>,
      );
    }),
    http.delete(ONE, () => {
      if (!connection)
        return problem(404, 'not_found', 'this org has no directory', { field: 'orgId' });
      connection = null;
      return noContent();
    }),
    http.post(SYNC, async () => {
      if (!connection)
        return problem(404, 'not_found', 'this org has no directory', { field: 'orgId' });
      if (!connection.enabled) return invalid('the directory is switched off', 'enabled');
      if (mode === 'busy')
        return problem(409, 'sync_in_progress', 'a sync of this directory is already running');
      const at = new Date().toISOString();
      if (mode === 'fail') {
        connection = {
          ...connection,
          lastRun: {
            status: 'failed',
            trigger: 'manual',
            startedAt: at,
            finishedAt: at,
            errorCode: 'idp_unavailable',
            errorMessage: 'authentik answered HTTP 401',
            stats: null,
          },
        };
        return problem(502, 'idp_unavailable', 'authentik answered HTTP 401');
      }
      if (mode === 'slow') await delay(1500);
      connection = { ...connection, lastRun: succeeded('manual', new Date().toISOString()) };
      return HttpResponse.json(
        connection satisfies ResponseBody<'/orgs/{orgId}/directory/sync', 'post', 200>,
      );
    }),
  ];
}

/** `/orgs/{orgId}/directory` (group `directory`) for each state of `<DirectorySettings>`. */
export const directoryHandlers = {
  /** Acme's Authentik (its last run went well); every change sticks, "Sync now" works. */
  connected: (connection: DirectoryConnection = acmeDirectory) => world(connection),
  /** The last run failed, and so does the next: the token was revoked (502). */
  failed: () => world(failedDirectory, 'fail'),
  /** A sync takes a moment and then succeeds. */
  slowSync: () => world(acmeDirectory, 'slow'),
  /** Another run is going: "Sync now" answers 409. */
  busy: () => world(acmeDirectory, 'busy'),
  keycloak: () => world(acmeKeycloak),
  /** Nothing connected; connecting works. */
  empty: () => world(null),
  loading: [http.get(ONE, hang)],
  error: [http.get(ONE, unavailable)],
  /**
   * The store is down for the first load (its request and the two retries our queries make on a
   * 5xx), then up: "Try again" loads the directory.
   */
  errorThenReady: () => {
    let failures = 3;
    return [
      http.get(ONE, () => (failures-- > 0 ? unavailable() : undefined)),
      ...world(acmeDirectory),
    ];
  },
  /** The server refuses (the caller is not an owner, whatever the session said). */
  forbidden: [http.get(ONE, () => notAllowed('directory:manage'))],
};
