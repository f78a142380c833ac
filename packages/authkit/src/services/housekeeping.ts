import type { Clock } from '../ports/clock.js';
import type { StorePort } from '../ports/store.js';
import { pruneAuditLog } from './audit-service.js';

const DAY_MS = 24 * 3_600_000;

/**
 * What the worker does between deliveries: deletes sessions and refresh tokens that expired a
 * day ago (so late refresh attempts still meet a record), and outbox events past retention
 * whose deliveries are all finished (their deliveries and attempts go with them), and audit
 * events past `auditRetentionDays` (each chain keeps a signed checkpoint where it resumes), and
 * expired one-time tokens.
 */
export async function housekeeping(
  store: StorePort,
  clock: Clock,
  settings: { outboxRetentionDays: number; auditRetentionDays?: number | undefined },
): Promise<{
  sessions: number;
  refreshTokens: number;
  outboxEvents: number;
  auditEvents: number;
  oneTimeTokens: number;
  tokenRevocations: number;
}> {
  const now = clock.now().getTime();
  const reaped = await store.sessions.reapExpired(new Date(now - DAY_MS));
  const outboxEvents = await store.webhooks.pruneOutbox(
    new Date(now - settings.outboxRetentionDays * DAY_MS),
  );
  const pruned = await pruneAuditLog(store, clock, settings);
  const auditEvents = pruned.reduce((sum, chain) => sum + chain.deleted, 0);
  // Links, codes, pending sign-ins and WebAuthn challenges a day past their expiry.
  const oneTimeTokens = await store.account.tokens.reapExpired(new Date(now - DAY_MS));
  // A day outlives every token a revoked subject could still have.
  const tokenRevocations = await store.tokenRevocations.reap(new Date(now - DAY_MS));
  return { ...reaped, outboxEvents, auditEvents, oneTimeTokens, tokenRevocations };
}
