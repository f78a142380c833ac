/** The client's directory-sync namespace (issue 13): an org's Authentik or Keycloak. */
import type { DirectorySkipReason, DirectorySyncStats } from '../domain/directory-sync.js';
import type { DirectoryConnectionInput } from '../services/directory-connection-service.js';
import type {
  DirectoryConnectionView,
  DirectoryRunView,
} from '../services/directory-connection-view.js';
import type { AuthClient, Result } from './create-auth-client.js';

export type {
  DirectoryConnectionInput,
  DirectoryConnectionView as DirectoryConnection,
  DirectoryRunView as DirectorySyncRun,
  DirectorySkipReason,
  DirectorySyncStats,
};

/** `/orgs/{orgId}/directory` (`directory:manage`, owners). */
export interface DirectoryClient {
  get(orgId: string): Promise<Result<{ connection: DirectoryConnectionView | null }>>;
  put(orgId: string, input: DirectoryConnectionInput): Promise<Result<DirectoryConnectionView>>;
  delete(orgId: string): Promise<Result<null>>;
  /** Runs a sync now and answers when it ends (`sync_in_progress` while another runs). */
  sync(orgId: string): Promise<Result<DirectoryConnectionView>>;
}

const seg = encodeURIComponent;

/** The directory namespace over an existing client (a separate factory: most apps never sync). */
export function createDirectoryClient(client: AuthClient): DirectoryClient {
  const at = (orgId: string) => `/orgs/${seg(orgId)}/directory`;
  return {
    get: (orgId) => client.request('GET', at(orgId)),
    put: (orgId, input) => client.request('PUT', at(orgId), input),
    delete: (orgId) => client.request('DELETE', at(orgId)),
    sync: (orgId) => client.request('POST', `${at(orgId)}/sync`),
  };
}
