import type { DirectorySyncStats } from '../domain/directory-sync.js';

export type DirectoryProvider = 'authentik' | 'keycloak';
export type DirectoryRunStatus = 'running' | 'succeeded' | 'failed';
export type DirectoryRunTrigger = 'schedule' | 'manual';

/** An org's directory (`directory_connections`): where it is, how often, and the last run. */
export interface DirectoryConnectionRecord {
  id: string;
  orgId: string;
  provider: DirectoryProvider;
  baseUrl: string;
  /** Keycloak's realm; null for Authentik. */
  realm: string | null;
  /** Keycloak's client id (client credentials grant); null for Authentik's API token. */
  clientId: string | null;
  /** Authentik's API token or Keycloak's client secret, sealed under the root secret. */
  credentialSealed: string;
  defaultRole: string;
  /** Minutes between scheduled runs; null: on demand only. */
  intervalMinutes: number | null;
  /** Users the directory drops or disables leave the org (never owners). */
  deprovision: boolean;
  enabled: boolean;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  nextRunAt: Date | null;
  /** While a run holds the connection; a crashed run's lease simply runs out. */
  leaseUntil: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastStatus: DirectoryRunStatus | null;
  lastTrigger: DirectoryRunTrigger | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  lastStats: DirectorySyncStats | null;
}

export type DirectoryConnectionWrite = Pick<
  DirectoryConnectionRecord,
  | 'id'
  | 'provider'
  | 'baseUrl'
  | 'realm'
  | 'clientId'
  | 'credentialSealed'
  | 'defaultRole'
  | 'intervalMinutes'
  | 'deprovision'
  | 'enabled'
  | 'createdBy'
  | 'nextRunAt'
>;

export interface DirectoryRunEnd {
  status: 'succeeded' | 'failed';
  stats: DirectorySyncStats | null;
  errorCode: string | null;
  errorMessage: string | null;
  at: Date;
  nextRunAt: Date | null;
}

/** Directory users and groups the sync linked, by external id. */
export interface DirectoryLinks {
  users: Map<string, string>;
  groups: Map<string, string>;
}

/** One org's directory: every statement filters on that org. */
export interface DirectoryConnectionRepository {
  get(): Promise<DirectoryConnectionRecord | null>;
  /** Creates or replaces the org's connection (one per org); the last run's record stays. */
  put(connection: DirectoryConnectionWrite, at: Date): Promise<DirectoryConnectionRecord>;
  /** Removes the connection and its links (memberships and groups stay). */
  delete(): Promise<boolean>;
  /** Takes the run lease when the connection is enabled and no live run holds it. */
  claim(
    trigger: DirectoryRunTrigger,
    leaseUntil: Date,
    at: Date,
  ): Promise<DirectoryConnectionRecord | null>;
  /** Records how the run ended and frees the lease. */
  finish(end: DirectoryRunEnd): Promise<void>;
  links(): Promise<DirectoryLinks>;
  /** Forgets every link (the org moved to another directory, whose ids mean other people). */
  clearLinks(): Promise<void>;
  linkUser(externalId: string, userId: string): Promise<void>;
  unlinkUser(externalId: string): Promise<void>;
  linkGroup(externalId: string, groupId: string): Promise<void>;
  unlinkGroup(externalId: string): Promise<void>;
}

/** Lookups across orgs for the scheduler. */
export interface DirectoryConnectionLookups {
  /** Orgs (live) whose enabled, scheduled connection is due and free, longest-waiting first. */
  due(at: Date, limit: number): Promise<string[]>;
}
