import {
  renderEmail,
  type EmailData,
  type EmailKind,
  type EmailTemplates,
} from '../adapters/email/templates.js';
import { AuthkitError } from '../domain/errors.js';
import { normalizeEmail } from '../domain/email.js';
import type { OneTimePurpose } from '../ports/account-store.js';
import type { Clock } from '../ports/clock.js';
import type { EmailPort } from '../ports/email.js';
import type { PasswordIdpPort } from '../ports/idp.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { StorePort, UserRecord } from '../ports/store.js';
import { sha256Hex } from '../tokens/sha256.js';
import { recordEvent, recordUserEvent } from './event-recorder.js';
import { constantTimeEqual, type OneTimeTokens } from './one-time-tokens.js';
import type { RequestContext } from './request-context.js';
import type { SessionService } from './session-service.js';

export interface EmailFlowOptions {
  baseUrl: string;
  paths: { verifyEmail: string; resetPassword: string; magicLink: string };
  templates: Partial<EmailTemplates> | undefined;
  limiters: { resetPerEmail: RateLimiterPort; perAddress: RateLimiterPort; perIp: RateLimiterPort };
  log: (event: { msg: string; error: string }) => void;
}

const VERIFY_SECONDS = 24 * 3600;
/** OWASP Forgot Password cheat sheet: short-lived, single use. */
const RESET_SECONDS = 30 * 60;
const MAGIC_LINK_SECONDS = 15 * 60;
const UNKNOWN_ADDRESS = 'unknown';

/**
 * Email verification, change of email, password reset and sign-in links. Every request that
 * sends mail answers the same whether the address has an account or not, and sends in the
 * background, so neither the answer nor its timing tells them apart.
 */
export class EmailFlows {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly tokens: OneTimeTokens,
    private readonly email: EmailPort,
    private readonly sessions: SessionService,
    private readonly idp: PasswordIdpPort,
    private readonly options: EmailFlowOptions,
  ) {}

  private link(path: string, token: string): string {
    const url = new URL(path, this.options.baseUrl);
    url.searchParams.set('token', token);
    return url.toString();
  }

  /** Runs `work` after the answer; a failure is logged without the address or token. */
  private later(kind: EmailKind, work: () => Promise<void>): void {
    void (async () => {
      try {
        await work();
      } catch (error) {
        this.options.log({
          msg: `${kind} email not sent`,
          error: error instanceof Error ? error.constructor.name : typeof error,
        });
      }
    })();
  }

  private deliver<K extends EmailKind>(kind: K, data: EmailData<K>, to: string): void {
    this.later(kind, () => this.email.send(renderEmail(this.options.templates, kind, data, to)));
  }

  /** Both limits are charged for every request, known address or not. */
  private async limit(address: string, context: RequestContext, perAddress: RateLimiterPort) {
    const results = await Promise.all([
      this.options.limiters.perIp.consume(context.ip ?? UNKNOWN_ADDRESS),
      perAddress.consume(address),
    ]);
    const denied = results.filter((r) => !r.allowed);
    if (denied.length > 0) {
      throw new AuthkitError('rate_limited', 'too many emails requested; try again later', {
        retryAfter: Math.max(...denied.map((r) => r.retryAfterSeconds)),
      });
    }
  }

  private async issueLink(
    user: UserRecord,
    purpose: OneTimePurpose,
    ttlSeconds: number,
    extra: {
      email?: string;
      data?: Record<string, unknown>;
      withCode?: boolean;
      binding?: string;
    } = {},
  ) {
    return this.store.transaction(async (tx) => {
      // A new link replaces the old ones: only the latest email works.
      await tx.account.tokens.invalidateForUser(user.id, [purpose], this.clock.now());
      return this.tokens.issue(tx, {
        purpose,
        userId: user.id,
        email: extra.email ?? user.email,
        ttlSeconds,
        ...(extra.data ? { data: extra.data } : {}),
        ...(extra.withCode ? { withCode: true } : {}),
        ...(extra.binding ? { binding: extra.binding } : {}),
      });
    });
  }

  /** Sends a verification link to an unverified account (sign-up, resend). */
  async sendVerification(user: UserRecord): Promise<void> {
    if (user.emailVerified) return;
    const { token, record } = await this.issueLink(user, 'email_verification', VERIFY_SECONDS);
    this.deliver(
      'verifyEmail',
      { url: this.link(this.options.paths.verifyEmail, token), expiresAt: record.expiresAt },
      user.email,
    );
  }

  async resendVerification(address: string, context: RequestContext): Promise<void> {
    const email = normalizeEmail(address);
    await this.limit(email, context, this.options.limiters.perAddress);
    const user = await this.store.users.findByEmail(email);
    // After the answer, like every send below: making a link must not time the address as known.
    if (user) this.later('verifyEmail', () => this.sendVerification(user));
  }

  /** Starts a change of email: the new address must be verified before the account switches. */
  async requestChange(user: UserRecord, address: string, context: RequestContext): Promise<string> {
    const email = normalizeEmail(address);
    await this.limit(email, context, this.options.limiters.perAddress);
    if (email === user.email) {
      throw new AuthkitError('invalid_request', 'this is already your email address', {
        field: 'email',
      });
    }
    if (await this.store.users.findByEmail(email)) {
      throw new AuthkitError('email_taken', 'an account with this email already exists', {
        field: 'email',
      });
    }
    const { token, record } = await this.issueLink(user, 'email_change', VERIFY_SECONDS, {
      email,
      data: { email },
    });
    this.deliver(
      'verifyEmail',
      { url: this.link(this.options.paths.verifyEmail, token), expiresAt: record.expiresAt },
      email,
    );
    return email;
  }

  /** Verifies an address with its link: a sign-up's own, or the new one of a change of email. */
  async verify(token: string, context: RequestContext): Promise<{ email: string }> {
    const hash = await sha256Hex(token);
    const change = await this.store.account.tokens.find('email_change', hash);
    if (change) return this.applyChange(token, context);
    const user = await this.store.transaction(async (tx) => {
      const record = await this.tokens.redeem(tx, 'email_verification', token);
      const found = record.userId ? await tx.users.findById(record.userId) : null;
      if (!found || found.email !== record.email) {
        throw new AuthkitError('invalid_token', 'this link is not valid or was already used', {
          field: 'token',
        });
      }
      await tx.users.markEmailVerified(found.id, this.clock.now());
      await recordUserEvent(
        tx,
        this.clock,
        found.id,
        'user.email_verified',
        { email: found.email },
        context,
      );
      return found;
    });
    await this.sessions.forgetUser(user.id);
    return { email: user.email };
  }

  private async applyChange(token: string, context: RequestContext): Promise<{ email: string }> {
    const record = await this.tokens.peek(this.store, 'email_change', token);
    const user = record.userId ? await this.store.users.findById(record.userId) : null;
    const email = String(record.data.email ?? '');
    if (!user || !email) throw new AuthkitError('invalid_token', 'this link is not valid');
    if (!(await this.store.account.tokens.consume(record.id, this.clock.now()))) {
      throw new AuthkitError('invalid_token', 'this link is not valid or was already used', {
        field: 'token',
      });
    }
    // Outside a transaction: a unique violation there would abort it (see updateEmail).
    if (!(await this.store.users.updateEmail(user.id, email, this.clock.now()))) {
      throw new AuthkitError('email_taken', 'an account with this email already exists', {
        field: 'email',
      });
    }
    await recordUserEvent(
      this.store,
      this.clock,
      user.id,
      'user.email_changed',
      { from: user.email, to: email },
      context,
    );
    await this.sessions.forgetUser(user.id);
    this.deliver('emailChanged', { at: this.clock.now(), newEmail: email }, user.email);
    return { email };
  }

  /** Always answers the same; a known address gets a 30-minute, single-use link. */
  async forgotPassword(address: string, context: RequestContext): Promise<void> {
    const email = normalizeEmail(address);
    await this.limit(email, context, this.options.limiters.resetPerEmail);
    const user = await this.store.users.findByEmail(email);
    if (!user) return;
    this.later('passwordReset', async () => {
      const { token, record } = await this.issueLink(user, 'password_reset', RESET_SECONDS);
      this.deliver(
        'passwordReset',
        { url: this.link(this.options.paths.resetPassword, token), expiresAt: record.expiresAt },
        user.email,
      );
    });
  }

  /** An administrator's "send a reset link": no address limit (the admin API is authorized). */
  async sendPasswordReset(user: UserRecord): Promise<void> {
    const { token, record } = await this.issueLink(user, 'password_reset', RESET_SECONDS);
    this.deliver(
      'passwordReset',
      { url: this.link(this.options.paths.resetPassword, token), expiresAt: record.expiresAt },
      user.email,
    );
  }

  /**
   * Sets the new password and uses the link up in one transaction (a weak password leaves the
   * link valid), then signs out every session and tells the address.
   */
  async resetPassword(token: string, password: string, context: RequestContext): Promise<void> {
    const user = await this.store.transaction(async (tx) => {
      const record = await this.tokens.redeem(tx, 'password_reset', token);
      const found = record.userId ? await tx.users.findById(record.userId) : null;
      if (!found || found.email !== record.email) {
        throw new AuthkitError('invalid_token', 'this link is not valid', { field: 'token' });
      }
      await this.idp.setPassword(tx, found.id, password);
      // The link reached the mailbox, which proves the address as well.
      if (!found.emailVerified) await tx.users.markEmailVerified(found.id, this.clock.now());
      await tx.account.tokens.invalidateForUser(
        found.id,
        ['password_reset', 'magic_link', 'sign_in_pending'],
        this.clock.now(),
      );
      await recordEvent(tx, this.clock, {
        action: 'user.password_reset',
        actorType: 'user',
        actorId: found.id,
        targetType: 'user',
        targetId: found.id,
        context,
      });
      return found;
    });
    await this.sessions.revokeAllForUser(user.id);
    await this.sessions.forgetUser(user.id);
    this.deliver('passwordChanged', { at: this.clock.now() }, user.email);
  }

  /** Emails a sign-in link (bound to the asking browser) and a code; same answer for any address. */
  async requestMagicLink(
    address: string,
    binding: string,
    redirectUrl: string | null,
    context: RequestContext,
  ): Promise<void> {
    const email = normalizeEmail(address);
    await this.limit(email, context, this.options.limiters.perAddress);
    const user = await this.store.users.findByEmail(email);
    if (!user) return;
    this.later('magicLink', async () => {
      const { token, code, record } = await this.issueLink(user, 'magic_link', MAGIC_LINK_SECONDS, {
        withCode: true,
        binding,
        data: redirectUrl ? { redirectUrl } : {},
      });
      this.deliver(
        'magicLink',
        {
          url: this.link(this.options.paths.magicLink, token),
          expiresAt: record.expiresAt,
          code: code ?? '',
        },
        user.email,
      );
    });
  }

  /**
   * The account a sign-in link or code belongs to, the link or code used up. A link opened in
   * another browser than the one that asked is refused (the code works anywhere).
   */
  async redeemMagicLink(
    input: { token: string } | { email: string; code: string },
    binding: string | undefined,
  ): Promise<{ user: UserRecord; redirectUrl: string | null }> {
    let record;
    if ('token' in input) {
      record = await this.tokens.peek(this.store, 'magic_link', input.token);
      const bound =
        record.bindingHash === null ||
        (binding !== undefined && constantTimeEqual(await sha256Hex(binding), record.bindingHash));
      if (!bound) {
        throw new AuthkitError(
          'link_browser_mismatch',
          'open the link in the browser where you asked for it, or enter the code from the email',
          { field: 'token' },
        );
      }
      if (!(await this.store.account.tokens.consume(record.id, this.clock.now()))) {
        throw new AuthkitError('invalid_token', 'this link was already used', { field: 'token' });
      }
    } else {
      record = await this.tokens.redeemCode(
        this.store,
        'magic_link',
        normalizeEmail(input.email),
        input.code,
      );
    }
    const user = record.userId ? await this.store.users.findById(record.userId) : null;
    if (!user || user.email !== record.email) {
      throw new AuthkitError('invalid_token', 'this link is not valid', { field: 'token' });
    }
    if (!user.emailVerified) {
      await this.store.users.markEmailVerified(user.id, this.clock.now());
      await this.sessions.forgetUser(user.id);
    }
    const redirect = record.data.redirectUrl;
    return {
      user: { ...user, emailVerified: true },
      redirectUrl: typeof redirect === 'string' ? redirect : null,
    };
  }
}
