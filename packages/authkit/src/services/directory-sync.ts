import { iteratePages } from '../adapters/directory/shared.js';
import { emptyStats } from '../domain/directory-sync.js';
import { AuthkitError } from '../domain/errors.js';
import { withSpan } from '../observability/tracing.js';
import {
  DirectoryError,
  type DirectoryFailure,
  type DirectoryObserver,
  type DirectoryPort,
} from '../ports/directory.js';
import type { DirectoryConnectionRecord, DirectoryRunTrigger } from '../ports/directory-store.js';
import type { StorePort } from '../ports/store.js';
import type { SecretBox } from '../tokens/secret-box.js';
import { recordEvents } from './event-recorder.js';
import { applySnapshot, type DirectorySnapshot, type SyncAudit } from './directory-sync-apply.js';
import {
  directoryConnectionView,
  type DirectoryConnectionView,
} from './directory-connection-view.js';
import type { OrgMutations } from './org-mutations.js';
import { guardOutboundUrl, type OutboundUrlPolicy } from './outbound-url-guard.js';
import type { RequestContext } from './request-context.js';
import { isUniqueViolation } from './unique-violation.js';

/** Builds the adapter for a connection (the runtime loads the IdP clients only when needed). */
export type DirectoryOpener = (
  connection: DirectoryConnectionRecord,
  credential: string,
  observer: DirectoryObserver,
) => Promise<DirectoryPort>;

/** What a run reports to metrics: the server's Metrics implements it. */
export interface DirectorySyncMetrics extends DirectoryObserver {
  directorySync(provider: string, outcome: 'succeeded' | 'failed', ms: number): void;
}

export interface DirectorySyncLimits {
  /** A directory with more users fails the run rather than loading without bound. */
  maxUsers: number;
  maxGroups: number;
  /** How long a run holds the connection; a crashed run's lease simply runs out. */
  leaseMs: number;
  /** A failed scheduled run is retried after this long (or the interval, if sooner). */
  retryMinutes: number;
}

export const DEFAULT_DIRECTORY_LIMITS: DirectorySyncLimits = {
  maxUsers: 50_000,
  maxGroups: 5_000,
  leaseMs: 15 * 60_000,
  retryMinutes: 15,
};

const PERMISSION = 'directory:manage';
const SYSTEM: RequestContext = { ip: null, userAgent: null };
const PAGE = { limit: 500 };

/**
 * Runs directory syncs: on demand (`POST /orgs/{orgId}/directory/sync`) and on schedule (the
 * worker's housekeeping calls `runDue`). A run reads the whole directory first, then applies it
 * in one transaction; a lease on the connection row keeps instances from running one org twice.
 */
export class DirectorySync {
  private readonly noop: DirectorySyncMetrics = { request() {}, directorySync() {} };

  constructor(
    private readonly orgs: OrgMutations,
    private readonly box: SecretBox,
    private readonly network: OutboundUrlPolicy,
    private readonly open: DirectoryOpener,
    private readonly metrics: DirectorySyncMetrics | undefined,
    private readonly limits: DirectorySyncLimits = DEFAULT_DIRECTORY_LIMITS,
  ) {}

  /** Runs the org's sync now and answers when it ends; a failed run throws its error. */
  async syncNow(
    actorId: string,
    orgId: string,
    context: RequestContext,
  ): Promise<DirectoryConnectionView> {
    await this.orgs.read(orgId, actorId, PERMISSION, async () => {});
    return this.syncOrg(orgId, { actorId, context });
  }

  /** Runs one org's sync (the system's, unless an actor is named); a failed run throws. */
  async syncOrg(
    orgId: string,
    actor: { actorId: string | null; context: RequestContext } = { actorId: null, context: SYSTEM },
  ): Promise<DirectoryConnectionView> {
    const current = await this.orgs.store.orgs.scoped(orgId).directory.get();
    if (!current) {
      throw new AuthkitError('not_found', 'this org has no directory', { field: 'orgId' });
    }
    if (!current.enabled) {
      throw new AuthkitError('invalid_request', 'the directory is switched off', {
        field: 'enabled',
      });
    }
    const outcome = await this.run(orgId, 'manual', actor);
    if (outcome === null) {
      throw new AuthkitError('sync_in_progress', 'a sync of this directory is already running');
    }
    if (outcome.error?.code === 'invalid_config') {
      // Our side's setup (a refused token, a directory too big) is the org owner's to fix: a 502
      // naming it, not a server error.
      throw new AuthkitError('idp_unavailable', outcome.error.message, { cause: outcome.error });
    }
    if (outcome.error) throw outcome.error;
    return outcome.view;
  }

  /** Runs every due scheduled sync, one after another; resolves to how many ran. */
  async runDue(limit = 10): Promise<number> {
    const due = await this.orgs.store.directoryConnections.due(this.orgs.clock.now(), limit);
    let ran = 0;
    for (const orgId of due) {
      if (await this.run(orgId, 'schedule', { actorId: null, context: SYSTEM })) ran += 1;
    }
    return ran;
  }

  private async run(
    orgId: string,
    trigger: DirectoryRunTrigger,
    actor: { actorId: string | null; context: RequestContext },
  ): Promise<{ view: DirectoryConnectionView; error: AuthkitError | null } | null> {
    const { clock, store } = this.orgs;
    const scoped = store.orgs.scoped(orgId);
    const startedAt = clock.now();
    const claimed = await scoped.directory.claim(
      trigger,
      new Date(startedAt.getTime() + this.limits.leaseMs),
      startedAt,
    );
    if (!claimed) return null;
    const metrics = this.metrics ?? this.noop;
    const started = performance.now();
    const stats = emptyStats();
    const audit = this.auditor(orgId, actor);
    const failed = await withSpan(
      'directory.sync',
      { 'directory.provider': claimed.provider, 'org.id': orgId, 'directory.trigger': trigger },
      async (): Promise<AuthkitError | null> => {
        try {
          const snapshot = await this.read(claimed, metrics);
          try {
            await applySnapshot(this.orgs, claimed, snapshot, stats, audit);
          } catch (error) {
            // A sign-up took an address mid-run: the whole write rolled back, so go again once.
            if (!isUniqueViolation(error)) throw error;
            Object.assign(stats, emptyStats());
            await applySnapshot(this.orgs, claimed, snapshot, stats, audit);
          }
          return null;
        } catch (caught) {
          return asAuthkitError(caught);
        }
      },
    );
    const at = clock.now();
    // A scheduled connection retries a failure sooner; an on-demand one never runs by itself.
    const minutes =
      failed && claimed.intervalMinutes !== null
        ? Math.min(claimed.intervalMinutes, this.limits.retryMinutes)
        : claimed.intervalMinutes;
    await scoped.directory.finish({
      status: failed ? 'failed' : 'succeeded',
      stats: failed ? null : stats,
      errorCode: failed ? failureCode(failed) : null,
      errorMessage: failed?.message ?? null,
      at,
      nextRunAt: minutes === null ? null : new Date(at.getTime() + minutes * 60_000),
    });
    await store.transaction((tx) =>
      audit(tx, [
        {
          action: failed ? 'directory.sync_failed' : 'directory.synced',
          target: ['directory_connection', claimed.id],
          data: failed ? { trigger, code: failureCode(failed) } : { trigger, ...stats },
        },
      ]),
    );
    metrics.directorySync(
      claimed.provider,
      failed ? 'failed' : 'succeeded',
      performance.now() - started,
    );
    const after = await scoped.directory.get();
    return { view: directoryConnectionView(after ?? claimed, at), error: failed };
  }

  /** Reads every user and group (and member lists, where listings omit them) before writing. */
  private async read(
    connection: DirectoryConnectionRecord,
    observer: DirectoryObserver,
  ): Promise<DirectorySnapshot> {
    try {
      await guardOutboundUrl(new URL(connection.baseUrl), this.network);
    } catch {
      throw new AuthkitError('idp_unavailable', 'the directory is not at a public https address');
    }
    let credential: string;
    try {
      credential = await this.box.open(connection.credentialSealed);
    } catch (cause) {
      throw new AuthkitError('idp_unavailable', 'the directory credential cannot be read', {
        cause,
      });
    }
    const directory = await this.open(connection, credential, observer);
    const users = await collect(
      iteratePages((r) => directory.listUsers(r), PAGE),
      this.limits.maxUsers,
      'users',
    );
    const groups = await collect(
      iteratePages((r) => directory.listGroups(r), PAGE),
      this.limits.maxGroups,
      'groups',
    );
    const listed = new Map<string, string[]>();
    const usersCarryGroups = users.some((u) => u.groupIds !== null);
    for (const group of groups) {
      if (group.memberIds !== null || usersCarryGroups) continue;
      listed.set(
        group.externalId,
        await collect(
          iteratePages((r) => directory.listGroupMembers(group.externalId, r), PAGE),
          this.limits.maxUsers,
          'group members',
        ),
      );
    }
    return { users, groups, listed };
  }

  private auditor(
    orgId: string,
    actor: { actorId: string | null; context: RequestContext },
  ): SyncAudit {
    return (tx: StorePort, events) =>
      recordEvents(
        tx,
        this.orgs.clock,
        events.map(({ action, target, data }) => ({
          action,
          actorType: actor.actorId ? 'user' : 'system',
          actorId: actor.actorId,
          targetType: target[0],
          targetId: target[1],
          orgId,
          context: actor.context,
          data: { ...data, via: 'directory' },
          webhookData: {
            orgId,
            actorId: actor.actorId,
            [target[0] === 'membership' ? 'userId' : 'targetId']: target[1],
            ...data,
            via: 'directory',
          },
        })),
      );
  }
}

async function collect<T>(items: AsyncIterable<T>, max: number, what: string): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    if (out.length >= max) {
      throw new AuthkitError(
        'invalid_config',
        `the directory lists more than ${max} ${what}; nothing was changed`,
      );
    }
    out.push(item);
  }
  return out;
}

/** The directory's own failure name when it has one (`credentials_rejected`, `timeout`, …). */
function failureCode(error: AuthkitError): string {
  return error instanceof DirectoryError ? error.failure : error.code;
}

/** The adapters load from the package's own subpath, possibly another copy: match by shape. */
function asAuthkitError(caught: unknown): AuthkitError {
  if (caught instanceof AuthkitError) return caught;
  const c = caught as { failure?: unknown; provider?: unknown; message?: unknown } | null;
  if (c && typeof c.failure === 'string' && typeof c.provider === 'string') {
    return new DirectoryError(c.provider, c.failure as DirectoryFailure, String(c.message), {
      cause: caught,
    });
  }
  return new AuthkitError('internal_error', 'the sync stopped on an unexpected error', {
    cause: caught,
  });
}
