import { z } from 'zod';

/** Settings for the audit log (spread into the settings schema). */
export const auditSettingsShape = {
  /**
   * Days audit events are kept; unset keeps them for ever. Pruning deletes each chain's oldest
   * rows and leaves a checkpoint, so `catalyst audit verify` still passes afterwards.
   */
  auditRetentionDays: z.number().int().min(1).max(36_500).optional(),
};

/** The environment keys for these settings (DESIGN §7). */
export const AUDIT_ENV_KEYS = {
  auditRetentionDays: 'CATALYST_AUDIT_RETENTION_DAYS',
} as const;

/** Reads the audit settings the environment sets; unset keys are left to their defaults. */
export function auditSettingsFromEnv(pick: (key: string) => string | undefined) {
  const days = pick(AUDIT_ENV_KEYS.auditRetentionDays);
  return days ? { auditRetentionDays: Number(days) } : {};
}
