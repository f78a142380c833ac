import { z } from 'zod';
import { envList, networkList } from './setting-fields.js';

/** Settings for webhook endpoints, their delivery workers and housekeeping. */
export const webhookSettingsShape = {
  /**
   * Networks webhooks may target although private, loopback or link-local (CIDRs; none by
   * default). Checked when an endpoint is saved and again, after DNS, before each delivery.
   */
  webhookAllowedNetworks: networkList.default([]),
  /** Endpoints per org (and at platform level). */
  maxWebhooksPerOwner: z.number().int().min(1).max(500).default(20),
  /** Run a delivery worker inside this server (`catalyst worker` runs them on their own). */
  webhookWorker: z.boolean().default(true),
  /** Retry delays in milliseconds after each failed attempt; default Svix's schedule. */
  webhookRetrySchedule: z.array(z.number().int().min(0)).min(1).max(20).optional(),
  /** How long one attempt may take before it counts as failed. */
  webhookTimeoutSeconds: z.number().int().min(1).max(60).default(15),
  /** How long a worker's claim holds; a crashed worker's deliveries are retaken after it. */
  webhookLeaseSeconds: z.number().int().min(1).max(3600).default(60),
  /** How long the old secret keeps signing after a rotation (seconds). */
  webhookSecretOverlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(24 * 3600),
  /** Delivered outbox events are pruned after this many days. */
  outboxRetentionDays: z.number().int().min(1).max(3650).default(14),
};

/** The environment keys for these settings (DESIGN §7). */
export const WEBHOOK_ENV_KEYS = {
  webhookAllowedNetworks: 'CATALYST_WEBHOOK_ALLOWED_NETWORKS',
  webhookRetrySchedule: 'CATALYST_WEBHOOK_RETRY_SCHEDULE',
  webhookLeaseSeconds: 'CATALYST_WEBHOOK_LEASE_SECONDS',
} as const;

/** Reads the webhook settings the environment sets; unset keys are left to their defaults. */
export function webhookSettingsFromEnv(pick: (key: string) => string | undefined) {
  const networks = pick(WEBHOOK_ENV_KEYS.webhookAllowedNetworks);
  const schedule = pick(WEBHOOK_ENV_KEYS.webhookRetrySchedule);
  const lease = pick(WEBHOOK_ENV_KEYS.webhookLeaseSeconds);
  return {
    ...(networks ? { webhookAllowedNetworks: envList(networks) } : {}),
    ...(schedule ? { webhookRetrySchedule: envList(schedule).map(Number) } : {}),
    ...(lease ? { webhookLeaseSeconds: Number(lease) } : {}),
  };
}
