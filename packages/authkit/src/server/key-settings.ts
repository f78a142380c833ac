import { z } from 'zod';
import { API_KEY_ENV_PATTERN, SCOPE_PATTERN } from '../domain/api-keys.js';
import { parsePolicyRules } from '../domain/policy.js';
import { compileHostPattern, compilePathPattern } from '../edge/forward-auth/patterns.js';

const rateRule = z.object({
  points: z.number().int().positive(),
  durationSeconds: z.number().int().positive(),
});

const scopeName = z.string().regex(SCOPE_PATTERN, 'must be resource:action in lower case');

// A requirement is validated through a one-rule policy, so scopes and rules share one schema.
const requirement = z.unknown().superRefine((value, ctx) => {
  try {
    parsePolicyRules([{ id: 'scope', action: '*', require: value }], 'require');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

// Checked by the same compilers forward-auth uses, so a pattern it would refuse stops the start
// here, naming the setting, instead of failing on the first proxied request.
const compiled = (compile: (pattern: string, what: string) => RegExp, what: string) =>
  z.string().superRefine((value, ctx) => {
    try {
      compile(value.replace(/:\d{1,5}$/, ''), what);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });
const hostPattern = compiled(compileHostPattern, 'host');
const pathPattern = compiled(compilePathPattern, 'path');

/** Settings for API keys, the token exchange and forward-auth (spread into the settings schema). */
export const keySettingsShape = {
  /** The `<env>` in `ck_<env>_…` (default `live` in production, `test` otherwise). */
  apiKeyEnv: z
    .string()
    .regex(API_KEY_ENV_PATTERN, 'must be 1–16 lower-case letters or digits')
    .optional(),
  /**
   * Scopes the app defines for API keys, beyond the org permissions org keys may carry. A scope
   * with `require` is held only by callers who meet it; keys can never carry a scope not held.
   */
  scopes: z
    .array(
      z.union([
        scopeName,
        z.strictObject({
          name: scopeName,
          description: z.string().max(200).optional(),
          require: requirement.optional(),
        }),
      ]),
    )
    .default([]),
  /** Most keys (not revoked) one user or org may hold. */
  maxKeysPerOwner: z.number().int().min(1).max(10_000).default(100),
  /** Audiences an exchange may ask for besides `audience` (RFC 8693 `audience`). */
  keyAudiences: z.array(z.string().min(1).max(200)).default([]),
  /**
   * Parent domain for the session cookies (`example.com`): one sign-in for every subdomain behind
   * forward-auth. Unset: host-only cookies.
   */
  cookieDomain: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/, 'must be a domain such as example.com')
    .optional(),
  /** Hosts (besides baseUrl's) that return URLs may point at: `app.example.com`, `*.example.com`. */
  allowedReturnHosts: z.array(hostPattern).default([]),
  /** Forward-auth at `<basePath>/forward`: route rules and what signed-out browsers see. */
  forwardAuth: z
    .strictObject({
      routes: z
        .array(
          z.strictObject({
            /** A stable name for metrics and decision cookies (default: the entry's index). */
            id: z
              .string()
              .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'must be 1–64 letters, digits, _.:-')
              .optional(),
            host: hostPattern.optional(),
            path: pathPattern.optional(),
            require: requirement.optional(),
            public: z.boolean().optional(),
          }),
        )
        .default([]),
      defaultRequire: requirement.optional(),
      /** Absolute URL of the sign-in page (default `<baseUrl><signInPath>`). */
      signInUrl: z.url().optional(),
      decisionTtlSeconds: z.number().int().min(1).max(60).default(30),
      /**
       * The share of decisions (0–1) the server mount writes to the audit log as `auth.decision`
       * (and delivers to webhooks subscribed to it). Off by default: each one is a write.
       */
      auditSampleRate: z.number().min(0).max(1).default(0),
    })
    .prefault({}),
  /** How often forward-auth refreshes the revocation list (seconds). */
  revocationPollSeconds: z.number().int().min(1).max(300).default(10),
};

/** Rate limits added with keys; defaults from the identity-service seed. */
export const keyRateLimitsShape = {
  exchangePerKey: rateRule.default({ points: 60, durationSeconds: 60 }),
  /** Workload exchanges per trust policy (a CI fleet shares one policy). */
  exchangePerWorkloadPolicy: rateRule.default({ points: 600, durationSeconds: 60 }),
  refreshPerFamily: rateRule.default({ points: 60, durationSeconds: 60 }),
  /** Sign-ins started at an upstream provider per client address (each stores a flow row). */
  ssoStartsPerIp: rateRule.default({ points: 30, durationSeconds: 60 }),
  passwordResetPerEmail: rateRule.default({ points: 3, durationSeconds: 3600 }),
};
