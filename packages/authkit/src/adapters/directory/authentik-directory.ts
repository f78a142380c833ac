import { CoreApi, type Group, type Pagination, type User } from '@goauthentik/api';
import {
  DirectoryError,
  type DirectoryGroup,
  type DirectoryPage,
  type DirectoryPageRequest,
  type DirectoryPort,
  type DirectoryUser,
} from '../../ports/directory.js';
import {
  AUTHENTIK,
  connectAuthentik,
  type AuthentikConnectionOptions,
} from './authentik-client.js';
import { numericCursor, pageSize } from './shared.js';

export type AuthentikDirectoryOptions = AuthentikConnectionOptions;

function malformed(what: string): DirectoryError {
  return new DirectoryError(
    AUTHENTIK,
    'malformed_response',
    `authentik sent an unexpected ${what}`,
  );
}

/** Authentik pages are numbered from 1; `next` is 0 on the last page. */
function nextCursor(pagination: Pagination | undefined): string | null {
  if (!pagination || typeof pagination.next !== 'number') throw malformed('pagination');
  return pagination.next > 0 ? String(pagination.next) : null;
}

function toUser(user: User): DirectoryUser {
  if (typeof user?.pk !== 'number' || typeof user.username !== 'string') throw malformed('user');
  return {
    externalId: String(user.pk),
    username: user.username,
    email: user.email ? user.email : null,
    // Authentik keeps no verified flag on users; the sync service decides how to treat that.
    emailVerified: null,
    name: user.name ? user.name : null,
    active: user.isActive !== false,
    groupIds: Array.isArray(user.groups) ? [...user.groups] : null,
  };
}

function toGroup(group: Group): DirectoryGroup {
  if (typeof group?.pk !== 'string' || typeof group.name !== 'string') throw malformed('group');
  return {
    externalId: group.pk,
    name: group.name,
    parentIds: Array.isArray(group.parents) ? [...group.parents] : [],
    memberIds: Array.isArray(group.users) ? group.users.map(String) : null,
  };
}

/**
 * Reads Authentik users and groups through the official generated client (`CoreApi`). Pages
 * are Authentik's own page numbers, so a cursor stays valid only while the directory is stable;
 * a scheduled sync should walk every page in one pass.
 */
export function createAuthentikDirectory(options: AuthentikDirectoryOptions): DirectoryPort {
  const connection = connectAuthentik(options);
  const core = new CoreApi(connection.configuration);

  return {
    provider: AUTHENTIK,

    async listUsers(request?: DirectoryPageRequest): Promise<DirectoryPage<DirectoryUser>> {
      const page = numericCursor(AUTHENTIK, request?.cursor, 1);
      return connection.call(
        'users.list',
        async (init) => {
          const result = await core.coreUsersList(
            // Ordering by pk keeps pages stable while users are added during a walk.
            { page, pageSize: pageSize(request), ordering: 'pk', includeGroups: false },
            init,
          );
          if (!Array.isArray(result?.results)) throw malformed('user list');
          return { items: result.results.map(toUser), nextCursor: nextCursor(result.pagination) };
        },
        request?.signal,
      );
    },

    async listGroups(request?: DirectoryPageRequest): Promise<DirectoryPage<DirectoryGroup>> {
      const page = numericCursor(AUTHENTIK, request?.cursor, 1);
      return connection.call(
        'groups.list',
        async (init) => {
          const result = await core.coreGroupsList(
            {
              page,
              pageSize: pageSize(request),
              ordering: 'name',
              includeUsers: false,
              includeChildren: false,
              includeParents: false,
            },
            init,
          );
          if (!Array.isArray(result?.results)) throw malformed('group list');
          return { items: result.results.map(toGroup), nextCursor: nextCursor(result.pagination) };
        },
        request?.signal,
      );
    },

    async listGroupMembers(
      groupId: string,
      request?: DirectoryPageRequest,
    ): Promise<DirectoryPage<string>> {
      const page = numericCursor(AUTHENTIK, request?.cursor, 1);
      return connection.call(
        'groups.members',
        async (init) => {
          const result = await core.coreUsersList(
            { page, pageSize: pageSize(request), ordering: 'pk', groupsByPk: [groupId] },
            init,
          );
          if (!Array.isArray(result?.results)) throw malformed('user list');
          return {
            items: result.results.map((user) => toUser(user).externalId),
            nextCursor: nextCursor(result.pagination),
          };
        },
        request?.signal,
      );
    },
  };
}
