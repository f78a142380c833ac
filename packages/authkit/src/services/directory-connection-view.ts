import type { DirectorySyncStats } from '../domain/directory-sync.js';
import type {
  DirectoryConnectionRecord,
  DirectoryProvider,
  DirectoryRunStatus,
  DirectoryRunTrigger,
} from '../ports/directory-store.js';

/** The last run as an admin sees it. */
export interface DirectoryRunView {
  status: DirectoryRunStatus;
  trigger: DirectoryRunTrigger | null;
  startedAt: string | null;
  finishedAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  stats: DirectorySyncStats | null;
}

/** What an org admin sees of the directory: never the credential, only that one is set. */
export interface DirectoryConnectionView {
  id: string;
  orgId: string;
  provider: DirectoryProvider;
  baseUrl: string;
  realm: string | null;
  clientId: string | null;
  defaultRole: string;
  intervalMinutes: number | null;
  deprovision: boolean;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  nextRunAt: string | null;
  lastRun: DirectoryRunView | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function directoryConnectionView(
  c: DirectoryConnectionRecord,
  now: Date,
): DirectoryConnectionView {
  // A run whose lease ran out without finishing died with its process.
  const died = c.lastStatus === 'running' && c.leaseUntil !== null && c.leaseUntil < now;
  return {
    id: c.id,
    orgId: c.orgId,
    provider: c.provider,
    baseUrl: c.baseUrl,
    realm: c.realm,
    clientId: c.clientId,
    defaultRole: c.defaultRole,
    intervalMinutes: c.intervalMinutes,
    deprovision: c.deprovision,
    enabled: c.enabled,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    nextRunAt: c.enabled ? iso(c.nextRunAt) : null,
    lastRun: c.lastStatus
      ? {
          status: died ? 'failed' : c.lastStatus,
          trigger: c.lastTrigger,
          startedAt: iso(c.lastStartedAt),
          finishedAt: iso(c.lastFinishedAt),
          errorCode: died ? 'interrupted' : c.lastErrorCode,
          errorMessage: died ? 'the run stopped before it finished' : c.lastErrorMessage,
          stats: c.lastStats,
        }
      : null,
  };
}
