import { z } from 'zod';

/** Settings for platform administration (issue 12), spread into the settings schema. */
export const adminSettingsShape = {
  /**
   * The first platform admin: created with this password, or promoted if the account exists, each
   * time an instance starts. Both must be set; the password is never logged.
   */
  adminEmail: z.email().optional(),
  adminPassword: z.string().min(8).max(256).optional(),
  /** How long an admin's impersonation session lasts, in seconds (default one hour). */
  impersonationTtlSeconds: z.number().int().min(60).max(86_400).default(3600),
  /** Let admins impersonate users who hold a platform role themselves (off by default). */
  allowImpersonatingAdmins: z.boolean().default(false),
};

export const ADMIN_ENV_KEYS = {
  adminEmail: 'CATALYST_ADMIN_EMAIL',
  adminPassword: 'CATALYST_ADMIN_PASSWORD',
} as const;

export function adminSettingsFromEnv(pick: (key: string) => string | undefined) {
  const email = pick(ADMIN_ENV_KEYS.adminEmail);
  const password = pick(ADMIN_ENV_KEYS.adminPassword);
  return {
    ...(email ? { adminEmail: email } : {}),
    ...(password ? { adminPassword: password } : {}),
  };
}
