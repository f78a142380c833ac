import type { EmailTemplates } from '../adapters/email/templates.js';
import type { Clock } from '../ports/clock.js';
import type { EmailPort } from '../ports/email.js';
import type { PasswordIdpPort } from '../ports/idp.js';
import type { RateLimiterFactory } from '../ports/rate-limit.js';
import type { StorePort } from '../ports/store.js';
import { EmailFlows } from '../services/email-flows.js';
import { MfaService } from '../services/mfa-service.js';
import { OneTimeTokens } from '../services/one-time-tokens.js';
import { PasskeyService } from '../services/passkey-service.js';
import { SecondFactorFlow } from '../services/second-factor-flow.js';
import type { SessionService } from '../services/session-service.js';
import { createSecretBox } from '../tokens/secret-box.js';
import type { ResolvedSettings } from './config.js';

export interface AccountServices {
  mfa: MfaService;
  passkeys: PasskeyService;
  secondFactor: SecondFactorFlow;
  emailFlows: EmailFlows;
}

/** Whether any org the user belongs to sets `requireMfa` in its settings. */
async function orgRequiresMfa(store: StorePort, userId: string): Promise<boolean> {
  let cursor: string | undefined;
  for (;;) {
    const page = await store.orgs.listForUser(userId, { cursor, limit: 100 });
    if (page.some(({ org }) => org.settings.requireMfa === true)) return true;
    if (page.length < 100) return false;
    cursor = page.at(-1)?.org.id;
  }
}

/** Builds the recovery, email-flow and second-factor services (issue 11) for the runtime. */
export async function createAccountServices(deps: {
  settings: ResolvedSettings;
  store: StorePort;
  clock: Clock;
  secret: string;
  sessions: SessionService;
  idp: PasswordIdpPort;
  email: EmailPort;
  rateLimiter: RateLimiterFactory;
  templates: Partial<EmailTemplates> | undefined;
  log: (event: { msg: string; error: string }) => void;
}): Promise<AccountServices> {
  const { settings, store, clock, rateLimiter } = deps;
  const base = new URL(settings.baseUrl ?? 'http://localhost:3000');
  const tokens = new OneTimeTokens(clock);
  const mfa = new MfaService(store, clock, await createSecretBox(deps.secret, 'totp-secrets'), {
    issuer: settings.appName,
    perUser: rateLimiter('second-factor:user', settings.rateLimits.secondFactorPerUser),
  });
  const passkeys = new PasskeyService(store, clock, {
    rpName: settings.appName,
    optionsPerIp: rateLimiter('passkey-options:ip', { points: 30, durationSeconds: 60 }),
    rpId: settings.passkeyRpId ?? base.hostname,
    origins: [base.origin, ...settings.trustedOrigins.map((o) => new URL(o).origin)],
  });
  const secondFactor = new SecondFactorFlow(
    store,
    clock,
    tokens,
    deps.sessions,
    mfa,
    passkeys,
    (id) => orgRequiresMfa(store, id),
  );
  const emailFlows = new EmailFlows(store, clock, tokens, deps.email, deps.sessions, deps.idp, {
    baseUrl: base.toString(),
    paths: {
      verifyEmail: settings.verifyEmailPath,
      resetPassword: settings.resetPasswordPath,
      magicLink: settings.magicLinkPath,
    },
    templates: deps.templates,
    limiters: {
      resetPerEmail: rateLimiter('password-reset:email', settings.rateLimits.passwordResetPerEmail),
      perAddress: rateLimiter('email:address', settings.rateLimits.emailPerAddress),
      perIp: rateLimiter('email:ip', settings.rateLimits.emailPerIp),
    },
    log: deps.log,
  });
  return { mfa, passkeys, secondFactor, emailFlows };
}
