import type {
  DirectoryClient,
  DirectoryConnection,
  DirectoryConnectionInput,
} from '@catalyst/authkit';
import { retryRequest, unwrap } from './core.js';
import { orgOf, orgQueries, type OrgScope } from './org-resources.js';

/**
 * An org's directory (`/orgs/{orgId}/directory`, `directory:manage`: owners), over
 * `createDirectoryClient(client)`. One small document: the connection and its last run.
 */
export const directoryQueries = {
  all: ['catalyst', 'org-directory'] as const,
  connection: (directory: DirectoryClient, scope: OrgScope) => ({
    queryKey: ['catalyst', 'org-directory', 'connection', scope.userId, scope.orgId] as const,
    queryFn: async (): Promise<DirectoryConnection | null> =>
      unwrap(await directory.get(orgOf(scope))).connection,
    retry: retryRequest,
  }),
};

const connectionKeys = ['catalyst', 'org-directory', 'connection'] as const;

/** Connecting or changing the directory, disconnecting it, and running a sync now. */
export const directoryMutations = {
  /** `credential` omitted keeps the stored one. */
  put: (directory: DirectoryClient) => ({
    mutationKey: ['catalyst', 'org-directory', 'put'] as const,
    mutationFn: async (input: {
      orgId: string;
      connection: DirectoryConnectionInput;
    }): Promise<DirectoryConnection> => unwrap(await directory.put(input.orgId, input.connection)),
    invalidates: [connectionKeys],
  }),
  /** Members, accounts and mirrored groups stay. */
  remove: (directory: DirectoryClient) => ({
    mutationKey: ['catalyst', 'org-directory', 'delete'] as const,
    mutationFn: async (input: { orgId: string }): Promise<null> =>
      unwrap(await directory.delete(input.orgId)),
    invalidates: [connectionKeys],
  }),
  /**
   * Answers when the run ends. A failed run is recorded too (its error in `lastRun`), so the
   * connection is stale either way; a run adds and removes members and mirrored groups.
   */
  sync: (directory: DirectoryClient) => ({
    mutationKey: ['catalyst', 'org-directory', 'sync'] as const,
    mutationFn: async (input: { orgId: string }): Promise<DirectoryConnection> =>
      unwrap(await directory.sync(input.orgId)),
    invalidates: [connectionKeys, orgQueries.members.all, orgQueries.groups.all],
  }),
};
