import KeycloakAdminClient, { NetworkError } from '@keycloak/keycloak-admin-client';
import type GroupRepresentation from '@keycloak/keycloak-admin-client/lib/defs/groupRepresentation.js';
import type UserRepresentation from '@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js';
import {
  DirectoryError,
  type DirectoryGroup,
  type DirectoryObserver,
  type DirectoryPage,
  type DirectoryPageRequest,
  type DirectoryPort,
  type DirectoryUser,
} from '../../ports/directory.js';
import {
  DEFAULT_TIMEOUT_MS,
  MAX_PAGE_SIZE,
  instrumented,
  isTimeout,
  noopObserver,
  numericCursor,
  pageSize,
  statusFailure,
} from './shared.js';

const KEYCLOAK = 'keycloak';

export type KeycloakCredentials =
  /** A bearer token, or a function returning a fresh one (called before each request). */
  | { accessToken: string | (() => string | Promise<string>) }
  /** A confidential client with the realm-management `view-users` role (client_credentials). */
  | { clientId: string; clientSecret: string };

export interface KeycloakDirectoryOptions {
  /** The Keycloak origin, e.g. `https://sso.example.com` (no `/admin`). */
  baseUrl: string;
  /** The realm whose users and groups are read. */
  realm: string;
  credentials: KeycloakCredentials;
  /** Per request, milliseconds (default 10 s). */
  timeoutMs?: number | undefined;
  observer?: DirectoryObserver | undefined;
}

function malformed(what: string): DirectoryError {
  return new DirectoryError(KEYCLOAK, 'malformed_response', `keycloak sent an unexpected ${what}`);
}

function mapKeycloakError(error: unknown, signal: AbortSignal | undefined): DirectoryError {
  if (error instanceof NetworkError) {
    const status = error.response.status;
    return new DirectoryError(KEYCLOAK, statusFailure(status), `keycloak answered HTTP ${status}`, {
      upstreamStatus: status,
    });
  }
  if (isTimeout(error, signal)) {
    return new DirectoryError(KEYCLOAK, 'timeout', 'keycloak did not answer in time', {
      cause: error,
    });
  }
  if (error instanceof TypeError) {
    return new DirectoryError(KEYCLOAK, 'unreachable', 'keycloak is unreachable', { cause: error });
  }
  return new DirectoryError(KEYCLOAK, 'upstream_error', 'keycloak request failed', {
    cause: error,
  });
}

/** The admin client parses non-JSON bodies as text, so every list is checked before use. */
function asList<T>(value: unknown, what: string): T[] {
  if (value === null || value === undefined) {
    throw new DirectoryError(KEYCLOAK, 'not_found', `keycloak: ${what} not found`, {
      upstreamStatus: 404,
    });
  }
  if (!Array.isArray(value) || value.some((item) => item === null || typeof item !== 'object')) {
    throw malformed(what);
  }
  return value as T[];
}

function toUser(user: UserRepresentation): DirectoryUser {
  if (typeof user.id !== 'string') throw malformed('user');
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return {
    externalId: user.id,
    username: user.username ?? null,
    email: user.email ? user.email : null,
    emailVerified: typeof user.emailVerified === 'boolean' ? user.emailVerified : null,
    name: name || null,
    active: user.enabled !== false,
    // Keycloak's user listing has no memberships; the sync reads them per group.
    groupIds: null,
  };
}

function toGroup(group: GroupRepresentation): DirectoryGroup {
  if (typeof group.id !== 'string' || typeof group.name !== 'string') throw malformed('group');
  return {
    externalId: group.id,
    name: group.name,
    parentIds: group.parentId ? [group.parentId] : [],
    memberIds: null,
  };
}

/** First/max paging: a full page may be followed by an empty one, which ends the walk. */
function paged<T>(items: T[], first: number, max: number): DirectoryPage<T> {
  return { items, nextCursor: items.length < max ? null : String(first + max) };
}

/** The admin client takes no per-request signal, so the caller's abort races the request. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Reads a Keycloak realm's users and groups through `@keycloak/keycloak-admin-client`. The
 * client uses the global `fetch` (it takes no fetch option), and bounds each request with
 * `timeoutMs` itself. Group pages are pages of top-level groups, each followed by its subtree.
 */
export function createKeycloakDirectory(options: KeycloakDirectoryOptions): DirectoryPort {
  const client = new KeycloakAdminClient({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    realmName: options.realm,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const observer = options.observer ?? noopObserver;
  const credentials = options.credentials;

  async function authenticate(): Promise<void> {
    if ('accessToken' in credentials) {
      const token = credentials.accessToken;
      client.setAccessToken(typeof token === 'string' ? token : await token());
    } else if (!client.accessToken || client.isTokenExpired()) {
      await client.auth({
        grantType: 'client_credentials',
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
      });
    }
  }

  function call<T>(operation: string, signal: AbortSignal | undefined, fn: () => Promise<T>) {
    return instrumented(
      KEYCLOAK,
      operation,
      observer,
      (error) => mapKeycloakError(error, signal),
      () => raceAbort(authenticate().then(fn), signal),
    );
  }

  async function subtree(parent: GroupRepresentation, out: DirectoryGroup[]): Promise<void> {
    if (!parent.id || !parent.subGroupCount) return;
    for (let first = 0; ; first += MAX_PAGE_SIZE) {
      const children = asList<GroupRepresentation>(
        await client.groups.listSubGroups({
          parentId: parent.id,
          first,
          max: MAX_PAGE_SIZE,
          briefRepresentation: false,
        }),
        'group children',
      );
      for (const child of children) {
        out.push(toGroup({ ...child, parentId: child.parentId ?? parent.id }));
        await subtree(child, out);
      }
      if (children.length < MAX_PAGE_SIZE) return;
    }
  }

  return {
    provider: KEYCLOAK,

    listUsers(request?: DirectoryPageRequest) {
      const first = numericCursor(KEYCLOAK, request?.cursor, 0);
      const max = pageSize(request);
      return call('users.list', request?.signal, async () => {
        const users = asList<UserRepresentation>(
          await client.users.find({ first, max, briefRepresentation: false }),
          'user list',
        );
        return paged(users.map(toUser), first, max);
      });
    },

    listGroups(request?: DirectoryPageRequest) {
      const first = numericCursor(KEYCLOAK, request?.cursor, 0);
      const max = pageSize(request);
      return call('groups.list', request?.signal, async () => {
        const top = asList<GroupRepresentation>(
          await client.groups.find({ first, max, briefRepresentation: false }),
          'group list',
        );
        const items: DirectoryGroup[] = [];
        for (const group of top) {
          items.push(toGroup(group));
          await subtree(group, items);
        }
        return { items, nextCursor: top.length < max ? null : String(first + max) };
      });
    },

    listGroupMembers(groupId: string, request?: DirectoryPageRequest) {
      const first = numericCursor(KEYCLOAK, request?.cursor, 0);
      const max = pageSize(request);
      return call('groups.members', request?.signal, async () => {
        const members = asList<UserRepresentation>(
          await client.groups.listMembers({ id: groupId, first, max, briefRepresentation: true }),
          'group',
        );
        return paged(
          members.map((user) => toUser(user).externalId),
          first,
          max,
        );
      });
    },
  };
}
