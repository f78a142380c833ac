import { AuthkitError, type AuthkitErrorCode } from '../domain/errors.js';

/**
 * An upstream directory (Authentik, Keycloak, …) read page by page. The org sync service walks
 * these pages on a schedule or on demand and writes users and groups into orgs; adapters only read.
 */
export interface DirectoryUser {
  /** The provider's stable id (Authentik `pk`, Keycloak `id`), as a string. */
  externalId: string;
  username: string | null;
  email: string | null;
  /** `null` when the provider does not say (Authentik has no such field). */
  emailVerified: boolean | null;
  name: string | null;
  /** `false` for disabled / deactivated accounts. */
  active: boolean;
  /** Groups the user is in, or `null` when this listing does not carry them (use `listGroupMembers`). */
  groupIds: string[] | null;
}

export interface DirectoryGroup {
  externalId: string;
  name: string;
  /** Parent groups' external ids: Keycloak has at most one, Authentik may have several. */
  parentIds: string[];
  /** Member user ids, or `null` when not part of this listing (use `listGroupMembers`). */
  memberIds: string[] | null;
}

export interface DirectoryPageRequest {
  /** Opaque; `nextCursor` of the previous page. Absent or `null`: the first page. */
  cursor?: string | null | undefined;
  /** Items per page (adapters cap it; default 100). */
  limit?: number | undefined;
  /** Cancels the call (the adapter also applies its own timeout). */
  signal?: AbortSignal | undefined;
}

export interface DirectoryPage<T> {
  items: T[];
  /** `null` on the last page. */
  nextCursor: string | null;
}

export interface DirectoryPort {
  /** `authentik`, `keycloak`, …: span attribute and metric label. */
  readonly provider: string;
  listUsers(request?: DirectoryPageRequest): Promise<DirectoryPage<DirectoryUser>>;
  listGroups(request?: DirectoryPageRequest): Promise<DirectoryPage<DirectoryGroup>>;
  /** External ids of the group's direct members. */
  listGroupMembers(groupId: string, request?: DirectoryPageRequest): Promise<DirectoryPage<string>>;
}

/** What went wrong talking to the directory; `code` is the AuthkitError code it maps to. */
export type DirectoryFailure =
  | 'unreachable'
  | 'timeout'
  | 'upstream_error'
  | 'malformed_response'
  | 'credentials_rejected'
  | 'permission_denied'
  | 'not_found'
  | 'request_rejected';

const FAILURE_CODES: Record<DirectoryFailure, AuthkitErrorCode> = {
  unreachable: 'idp_unavailable',
  timeout: 'idp_unavailable',
  upstream_error: 'idp_unavailable',
  malformed_response: 'idp_unavailable',
  // Our server's own credentials were refused: an operator must fix configuration, not the caller.
  credentials_rejected: 'invalid_config',
  permission_denied: 'invalid_config',
  not_found: 'not_found',
  request_rejected: 'invalid_request',
};

/** An AuthkitError carrying which provider failed, how, and the upstream HTTP status if any. */
export class DirectoryError extends AuthkitError {
  readonly provider: string;
  readonly failure: DirectoryFailure;
  readonly upstreamStatus: number | undefined;

  constructor(
    provider: string,
    failure: DirectoryFailure,
    message: string,
    options: { upstreamStatus?: number | undefined; cause?: unknown } = {},
  ) {
    super(FAILURE_CODES[failure], message, { cause: options.cause });
    this.provider = provider;
    this.failure = failure;
    this.upstreamStatus = options.upstreamStatus;
  }
}

/**
 * Request counts for metrics, called once per upstream call. The server wires it to its own
 * registry; the default is a no-op so adapters work standalone.
 */
export interface DirectoryObserver {
  request(event: {
    provider: string;
    operation: string;
    outcome: 'ok' | DirectoryFailure;
    durationMs: number;
  }): void;
}
