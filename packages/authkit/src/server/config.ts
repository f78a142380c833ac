import { z } from 'zod';
import { AuthkitError } from '../domain/errors.js';
import type { CachePort } from '../ports/cache.js';
import type { Clock } from '../ports/clock.js';
import type { PasswordHasherPort } from '../ports/password-hasher.js';
import type { RateLimiterFactory } from '../ports/rate-limit.js';
import type { StorePort } from '../ports/store.js';
import type { EmailPort } from '../ports/email.js';
import type { DnsResolverPort } from '../ports/dns-resolver.js';
import type { EmailTemplates } from '../adapters/email/templates.js';
import { OIDC_ENV_KEYS, oidcSettingsFromEnv, oidcSettingsShape } from './oidc-settings.js';
import { networkList } from './setting-fields.js';
import { parsePolicyRules } from '../domain/policy.js';
import { keyRateLimitsShape, keySettingsShape } from './key-settings.js';
import { accountRateLimitsShape, accountSettingsShape } from './account-settings.js';
import { ADMIN_ENV_KEYS, adminSettingsFromEnv, adminSettingsShape } from './admin-settings.js';
import { AUDIT_ENV_KEYS, auditSettingsFromEnv, auditSettingsShape } from './audit-settings.js';
import {
  WORKLOAD_ENV_KEYS,
  workloadSettingsFromEnv,
  workloadSettingsShape,
} from './workload-settings.js';
import { profileRateLimitsShape, profileSettingsShape } from './profile-settings.js';
import type { StoragePort } from '../ports/storage.js';
import {
  WEBHOOK_ENV_KEYS,
  webhookSettingsFromEnv,
  webhookSettingsShape,
} from './webhook-settings.js';

const rateRule = z.object({
  points: z.number().int().positive(),
  durationSeconds: z.number().int().positive(),
});

/** Plain-data settings; each key's env variable (if any) is named in its error messages. */
export const settingsSchema = z.object({
  baseUrl: z.url({ message: 'must be an absolute http(s) URL' }).optional(),
  basePath: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$/, 'must start with "/" and not end with one')
    .default('/api/auth'),
  secret: z.string().min(32, 'must be at least 32 characters').optional(),
  issuer: z.url().optional(),
  audience: z.string().min(1).default('catalyst'),
  /** The app's sign-in page; guards and the refresh bounce send signed-out browsers here. */
  signInPath: z
    .string()
    .regex(/^\/[^/]/, 'must be a path starting with "/"')
    .default('/sign-in'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** PGlite data directory (`memory://` keeps it in RAM). */
  dataDir: z.string().min(1).default('.catalyst/db'),
  signingAlg: z.enum(['EdDSA', 'RS256', 'ES256']).default('EdDSA'),
  accessTokenTtlSeconds: z.number().int().min(30).max(3600).default(300),
  sessionTtlSeconds: z
    .number()
    .int()
    .min(300)
    .default(30 * 24 * 3600),
  refreshGraceSeconds: z.number().int().min(0).max(120).default(10),
  passwordMinLength: z.number().int().min(8).max(64).default(8),
  rateLimits: z
    .object({
      signInPerIp: rateRule.default({ points: 10, durationSeconds: 60 }),
      signInPerEmail: rateRule.default({ points: 30, durationSeconds: 60 }),
      signUpPerIp: rateRule.default({ points: 10, durationSeconds: 60 }),
      changePasswordPerUser: rateRule.default({ points: 5, durationSeconds: 900 }),
      invitationsPerUser: rateRule.default({ points: 50, durationSeconds: 3600 }),
      ...keyRateLimitsShape,
      ...accountRateLimitsShape,
      ...profileRateLimitsShape,
    })
    .prefault({}),
  /**
   * Proxies whose `X-Forwarded-For` / `-Proto` / `-Host` are believed: CIDRs, addresses, or
   * `loopback` / `linklocal` / `uniquelocal`. Empty: the socket address is the client.
   */
  trustedProxies: networkList.default([]),
  /** Largest request body any route reads (bytes); larger ones get 413 before parsing. */
  bodyLimitBytes: z
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(16 * 1024),
  /**
   * How long an instance may serve a session or user record from its cache (seconds). A revocation
   * is immediate on the instance that made it (and everywhere with a shared cache); other
   * instances with their own memory cache see it within this time. 0 turns the cache off.
   */
  sessionCacheSeconds: z.number().int().min(0).max(300).default(30),
  /**
   * Signed device cookies (OWASP): a browser that signed in to an account before is held only to
   * the per-IP limit for it, so an attacker spraying passwords cannot lock its owner out.
   */
  deviceCookies: z.boolean().default(true),
  /** Most live orgs one user may own (anyone may create orgs; unset: no limit). */
  maxOrgsPerUser: z.number().int().min(1).max(10_000).optional(),
  /**
   * Plans and what they entitle (`{ pro: { features: ['sso'], limits: { members: 50 } } }`).
   * An org's `plan` names one; `limits.members` is enforced when members join.
   */
  plans: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'plan names are lower-case identifiers'),
      z.object({
        features: z.array(z.string().min(1).max(100)).default([]),
        limits: z.record(z.string().min(1).max(100), z.number().int().min(0)).default({}),
      }),
    )
    .default({}),
  /** Rules for the local policy engine (`api.policies.evaluate`), validated at startup. */
  policies: z
    .array(z.unknown())
    .default([])
    .superRefine((rules, ctx) => {
      try {
        parsePolicyRules(rules, 'policies');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /**
   * PostgreSQL row-level security on the tenant tables, keyed on `app.tenant_id`. true switches
   * it on at start, false off; unset leaves the database as it is. Ignored on PGlite.
   */
  rowLevelSecurity: z.boolean().optional(),
  /** How long an effective identity may be served from the cache (seconds); changes invalidate. */
  identityCacheSeconds: z.number().int().min(0).max(3600).default(300),
  /** SMTP server for outgoing mail (`smtp://user:pass@host:587`); unset: the dev mailbox. */
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  emailFrom: z.string().min(3).max(200).default('Catalyst <no-reply@localhost>'),
  /** How long an email invitation stays valid (seconds). */
  invitationTtlSeconds: z
    .number()
    .int()
    .min(300)
    .max(90 * 24 * 3600)
    .default(7 * 24 * 3600),
  /** The app's page that accepts invitations; the emailed link is `<baseUrl><path>?token=…`. */
  invitationPath: z
    .string()
    .regex(/^\/[^/]/, 'must be a path starting with "/"')
    .default('/invitations/accept'),
  /** Origins, besides baseUrl's, allowed to make cookie-authenticated writes. */
  trustedOrigins: z.array(z.url()).default([]),
  production: z.boolean().default(false),
  /** Bearer token that `GET /metrics` requires; unset: the endpoint answers 404. */
  metricsToken: z.string().min(16, 'must be at least 16 characters').optional(),
  ...keySettingsShape,
  ...accountSettingsShape,
  ...auditSettingsShape,
  ...workloadSettingsShape,
  ...oidcSettingsShape,
  ...webhookSettingsShape,
  ...adminSettingsShape,
  ...profileSettingsShape,
});

export type AuthkitSettings = z.input<typeof settingsSchema>;
export type ResolvedSettings = z.output<typeof settingsSchema>;

/** Ports an app may swap; each defaults to the built-in adapter. */
export interface AuthkitAdapters {
  store?: StorePort;
  cache?: CachePort;
  rateLimiter?: RateLimiterFactory;
  passwordHasher?: PasswordHasherPort;
  clock?: Clock;
  /** Outgoing mail; default SMTP (`smtpUrl`) or, outside production, the dev mailbox. */
  email?: EmailPort | { templates?: Partial<EmailTemplates> };
  /** TXT lookups for domain verification; default Node's resolver. */
  dnsResolver?: DnsResolverPort;
  /** Uploaded avatars and logos; default the auth database (`stored_files`). */
  storage?: StoragePort;
}

export type AuthkitConfig = AuthkitSettings & AuthkitAdapters;

export const ENV_KEYS: Partial<Record<keyof ResolvedSettings, string>> = {
  baseUrl: 'CATALYST_BASE_URL',
  secret: 'CATALYST_SECRET',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'CATALYST_DATA_DIR',
  accessTokenTtlSeconds: 'CATALYST_ACCESS_TOKEN_TTL',
  trustedProxies: 'CATALYST_TRUSTED_PROXIES',
  bodyLimitBytes: 'CATALYST_BODY_LIMIT',
  smtpUrl: 'CATALYST_SMTP_URL',
  emailFrom: 'CATALYST_EMAIL_FROM',
  rowLevelSecurity: 'CATALYST_RLS',
  cookieDomain: 'CATALYST_COOKIE_DOMAIN',
  apiKeyEnv: 'CATALYST_API_KEY_ENV',
  ...WEBHOOK_ENV_KEYS,
  ...AUDIT_ENV_KEYS,
  ...WORKLOAD_ENV_KEYS,
  ...ADMIN_ENV_KEYS,
  metricsToken: 'CATALYST_METRICS_TOKEN',
};

/** Validates settings; the error names the key (and its env variable) that is wrong. */
export function resolveSettings(config: AuthkitSettings): ResolvedSettings {
  const parsed = settingsSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    const env =
      issue.path[0] === 'oidc'
        ? OIDC_ENV_KEYS[issue.path[1] as keyof typeof OIDC_ENV_KEYS]
        : ENV_KEYS[issue.path[0] as keyof ResolvedSettings];
    throw new AuthkitError(
      'invalid_config',
      `Invalid config ${key}${env ? ` (${env})` : ''}: ${issue.message}`,
      {
        field: key,
      },
    );
  }
  const settings = parsed.data;
  if (settings.production && !settings.secret) {
    throw new AuthkitError(
      'invalid_config',
      'Invalid config secret (CATALYST_SECRET): required in production; generate one with `openssl rand -base64 32`',
      { field: 'secret' },
    );
  }
  return settings;
}

/** Settings from the environment (DESIGN §7). Unset variables fall back to defaults. */
export function settingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): AuthkitSettings {
  const pick = (key: string) => (env[key] === undefined || env[key] === '' ? undefined : env[key]);
  return {
    baseUrl: pick('CATALYST_BASE_URL'),
    secret: pick('CATALYST_SECRET'),
    databaseUrl: pick('DATABASE_URL'),
    ...(pick('CATALYST_DATA_DIR') ? { dataDir: pick('CATALYST_DATA_DIR') } : {}),
    ...(pick('CATALYST_ACCESS_TOKEN_TTL')
      ? { accessTokenTtlSeconds: Number(pick('CATALYST_ACCESS_TOKEN_TTL')) }
      : {}),
    ...(pick('CATALYST_TRUSTED_PROXIES')
      ? {
          trustedProxies: pick('CATALYST_TRUSTED_PROXIES')!
            .split(',')
            .map((s) => s.trim()),
        }
      : {}),
    ...(pick('CATALYST_BODY_LIMIT') ? { bodyLimitBytes: Number(pick('CATALYST_BODY_LIMIT')) } : {}),
    ...(pick('CATALYST_SMTP_URL') ? { smtpUrl: pick('CATALYST_SMTP_URL') } : {}),
    ...(pick('CATALYST_EMAIL_FROM') ? { emailFrom: pick('CATALYST_EMAIL_FROM') } : {}),
    ...(pick('CATALYST_RLS') ? { rowLevelSecurity: pick('CATALYST_RLS') === 'on' } : {}),
    ...(pick('CATALYST_COOKIE_DOMAIN') ? { cookieDomain: pick('CATALYST_COOKIE_DOMAIN') } : {}),
    ...(pick('CATALYST_API_KEY_ENV') ? { apiKeyEnv: pick('CATALYST_API_KEY_ENV') } : {}),
    ...(pick('CATALYST_METRICS_TOKEN') ? { metricsToken: pick('CATALYST_METRICS_TOKEN') } : {}),
    ...webhookSettingsFromEnv(pick),
    ...auditSettingsFromEnv(pick),
    ...workloadSettingsFromEnv(pick),
    ...oidcSettingsFromEnv(pick),
    ...adminSettingsFromEnv(pick),
    production: env.NODE_ENV === 'production',
  };
}
