import { z } from 'zod';

const rateRule = z.object({
  points: z.number().int().positive(),
  durationSeconds: z.number().int().positive(),
});
const appPath = z.string().regex(/^\/[^/]/, 'must be a path starting with "/"');

/** Settings for account recovery, email flows and second factors (issue 11). */
export const accountSettingsShape = {
  /** `required`: an unverified address cannot sign in; `optional`: sign-in works, the UI shows a banner. */
  emailVerification: z.enum(['required', 'optional']).default('optional'),
  /** The app's pages that emailed links open (`<baseUrl><path>?token=…`). */
  verifyEmailPath: appPath.default('/verify-email'),
  resetPasswordPath: appPath.default('/reset-password'),
  magicLinkPath: appPath.default('/sign-in/magic-link'),
  /** Turns email sign-in links and codes on. */
  magicLinks: z.boolean().default(true),
  /** The name authenticator apps and passkey prompts show. */
  appName: z.string().min(1).max(64).default('Catalyst'),
  /** WebAuthn relying party id (a registrable domain); default the base URL's host name. */
  passkeyRpId: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a host name')
    .optional(),
  /**
   * How recent a sign-in or step-up must be for sensitive account changes (disabling a factor,
   * new recovery codes, removing a passkey, changing the email), in seconds.
   */
  stepUpMaxAgeSeconds: z.number().int().min(60).max(86_400).default(600),
};

/** Limits for the email and second-factor flows; merged into `rateLimits`. */
export const accountRateLimitsShape = {
  /** Verification and magic-link emails per address (reset has `passwordResetPerEmail`). */
  emailPerAddress: rateRule.default({ points: 5, durationSeconds: 3600 }),
  /** Any email-sending request per client address. */
  emailPerIp: rateRule.default({ points: 20, durationSeconds: 3600 }),
  /** Second-factor and step-up attempts per user; a proved factor clears the count. */
  secondFactorPerUser: rateRule.default({ points: 10, durationSeconds: 900 }),
};
