import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, manualClock, uniqueEmail } from '../../test/instances.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { startSmtpCapture, type SmtpCapture } from '../testing/smtp-capture.js';
import {
  call,
  comparable,
  expectProblem,
  linkToken,
  mailingInstance,
  post,
  sessionUser,
  settle,
  signIn,
  signUp,
} from './email-flows.fixtures.js';

const TOKEN = 'x2ZsL3e9cQkq0e9-5k1J0m7Lr4dF0aBcDeFgHiJkLmN'; // well-formed, never issued

describe.each(DRIVERS)(
  'email verification and change of email through a real SMTP server (%s)',
  (driver) => {
    const clock = manualClock();
    let mail: SmtpCapture;
    let t: TestInstance;
    let strict: TestInstance;
    beforeAll(async () => {
      mail = await startSmtpCapture();
      [t, strict] = await Promise.all([
        mailingInstance(driver, mail, { clock }),
        mailingInstance(driver, mail, { clock, emailVerification: 'required' }),
      ]);
    });
    afterAll(async () => {
      await Promise.all([t.close(), strict.close()]);
      await mail.close();
    });

    async function verifyToken(instance: TestInstance, email: string) {
      const { text, subject } = await mail.next(email, 'verifyEmail');
      expect(subject).toBe('Verify your email address');
      return linkToken(text, instance.baseUrl, '/verify-email');
    }

    describe('email verification', () => {
      it('mails a link on sign-up; using it verifies the user and writes a user.updated event', async () => {
        const { email, id, browser } = await signUp(t);
        expect(await sessionUser(browser)).toMatchObject({ email, emailVerified: false });
        const token = await verifyToken(t, email);

        const verified = await post(t.newBrowser(), '/email/verify', { token });
        expect(verified.status).toBe(200);
        expect(verified.body).toEqual({ verified: true, email });
        expect(await sessionUser(browser)).toMatchObject({ email, emailVerified: true });
        expectProblem(
          await post(t.newBrowser(), '/email/verify', { token }),
          401,
          'invalid_token',
          'token',
        );

        const store = await t.authkit.api.store();
        const outbox = await store.outbox.list({ limit: 10_000 });
        expect(outbox).toContainEqual(
          expect.objectContaining({
            type: 'user.updated',
            subject: id,
            data: expect.objectContaining({ userId: id, email }),
          }),
        );
        const audit = await store.audit.list({ actorId: id });
        expect(audit.map((e) => e.action)).toContain('user.email_verified');
      });

      it('resends alike for known and unknown addresses, 5 an hour per address, and to the signed-in user', async () => {
        const { email, browser } = await signUp(t);
        await verifyToken(t, email); // the sign-up's own
        const unknown = uniqueEmail('nobody');
        const tokens: string[] = [];
        for (let i = 0; i < 4; i += 1) {
          const known = await post(t.newBrowser(), '/email/verification', { email });
          const other = await post(t.newBrowser(), '/email/verification', { email: unknown });
          expect(known.status).toBe(202);
          expect(known.body).toEqual({ sent: true });
          expect(comparable(other)).toEqual(comparable(known));
          tokens.push(await verifyToken(t, email));
        }
        // Signed in and without an address: the caller's own (the fifth for it).
        expect((await post(browser, '/email/verification', {})).status).toBe(202);
        tokens.push(await verifyToken(t, email));
        expect((await post(t.newBrowser(), '/email/verification', { email: unknown })).status).toBe(
          202,
        );
        for (const address of [email, unknown]) {
          const limited = await post(t.newBrowser(), '/email/verification', { email: address });
          expectProblem(limited, 429, 'rate_limited');
          expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        expectProblem(await post(browser, '/email/verification', {}), 429, 'rate_limited');
        expectProblem(
          await post(t.newBrowser(), '/email/verification', {}),
          400,
          'invalid_request',
        );
        await settle();
        expect(mail.sentTo(unknown)).toEqual([]);
        // Only the newest link works.
        expectProblem(
          await post(t.newBrowser(), '/email/verify', { token: tokens[0] }),
          401,
          'invalid_token',
        );
        expect((await post(t.newBrowser(), '/email/verify', { token: tokens[4] })).status).toBe(
          200,
        );
      });

      it('with verification required: no session at sign-up, and no sign-in until the link is used', async () => {
        const email = uniqueEmail();
        const browser = strict.newBrowser();
        const res = await browser.fetch('/api/auth/sign-up', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: PASSWORD }),
        });
        expect(res.status).toBe(201);
        expect(await res.json()).toEqual({ user: null, session: null, verificationRequired: true });
        expect(res.headers.getSetCookie()).toEqual([]);
        expect(await sessionUser(browser)).toBeNull();

        expectProblem(await signIn(strict.newBrowser(), email), 403, 'email_not_verified');
        // A wrong password says nothing about the address.
        expectProblem(
          await signIn(strict.newBrowser(), email, 'not the password 9'),
          401,
          'invalid_credentials',
        );
        const token = await verifyToken(strict, email);
        expect((await post(strict.newBrowser(), '/email/verify', { token })).status).toBe(200);
        const signedIn = await signIn(browser, email);
        expect(signedIn.status).toBe(200);
        expect(await sessionUser(browser)).toMatchObject({ email, emailVerified: true });
      });
    });

    describe('change of email', () => {
      it('needs a sign-in within 10 minutes (RFC 9470 step_up_required), then a step-up', async () => {
        const { browser } = await signUp(t);
        clock.advance(601);
        expect(await sessionUser(browser)).not.toBeNull(); // refreshes the access cookie
        const to = uniqueEmail('new');
        const refused = await post(browser, '/me/email', { email: to });
        expectProblem(refused, 401, 'step_up_required');
        expect(refused.body).toMatchObject({ maxAge: 600 });
        const challenge = refused.headers.get('www-authenticate') ?? '';
        expect(challenge).toContain('insufficient_user_authentication');
        expect(challenge).toContain('max_age=600');
        await settle();
        expect(mail.sentTo(to)).toEqual([]);

        expect((await post(browser, '/me/step-up', { password: PASSWORD })).status).toBe(200);
        const accepted = await post(browser, '/me/email', { email: to });
        expect(accepted.status).toBe(202);
        expect(accepted.body).toEqual({ pendingEmail: to });
      });

      it('switches the address once the new one is verified, and tells the old one', async () => {
        const { email: old, browser, id } = await signUp(t);
        const to = uniqueEmail('new');
        const res = await post(browser, '/me/email', { email: to.toUpperCase() });
        expect(res.status).toBe(202);
        expect(res.body).toEqual({ pendingEmail: to });
        const token = await verifyToken(t, to);
        // Nothing changes until the link is used.
        expect((await signIn(t.newBrowser(), old)).status).toBe(200);
        expectProblem(await signIn(t.newBrowser(), to), 401, 'invalid_credentials');

        const used = await post(t.newBrowser(), '/email/verify', { token });
        expect(used.status).toBe(200);
        expect(used.body).toEqual({ verified: true, email: to });
        expect(await sessionUser(browser)).toMatchObject({ id, email: to, emailVerified: true });
        const signedIn = await signIn(t.newBrowser(), to);
        expect(signedIn.status).toBe(200);
        expect(signedIn.body).toMatchObject({ user: { id, email: to } });
        expectProblem(await signIn(t.newBrowser(), old), 401, 'invalid_credentials');

        const notice = await mail.next(old, 'emailChanged');
        expect(notice.subject).toBe('Your email address was changed');
        expect(notice.text).toContain(to);
        expectProblem(await post(t.newBrowser(), '/email/verify', { token }), 401, 'invalid_token');
      });

      it('refuses an address another account has (409 email_taken), sending nothing', async () => {
        const { browser } = await signUp(t);
        const other = await signUp(t);
        await verifyToken(t, other.email);
        const res = await post(browser, '/me/email', { email: other.email });
        expectProblem(res, 409, 'email_taken', 'email');
        await settle();
        expect(mail.sentTo(other.email)).toHaveLength(1); // its own sign-up link only
      });
    });

    describe('malformed input', () => {
      it('answers 400 problem+json naming the field on every route, and writes nothing', async () => {
        const { email, browser, id } = await signUp(t);
        await verifyToken(t, email);
        const store = await t.authkit.api.store();
        const auditBefore = (await store.audit.list({ limit: 10_000 })).length;
        const signUpLink = await store.account.tokens.latestForEmail(
          'email_verification',
          email,
          clock.now(),
        );
        const newEmail = uniqueEmail('new');
        const cases: Array<[string, unknown, string]> = [
          ['/password/forgot', { email: 'not-an-email' }, 'email'],
          ['/password/forgot', {}, 'email'],
          ['/password/forgot', { email: [email] }, 'email'],
          ['/password/forgot', { email, admin: true }, '(body)'],
          ['/password/reset', { token: 'abc', password: 'lantern orbit 42' }, 'token'],
          ['/password/reset', { token: TOKEN, password: '' }, 'password'],
          ['/password/reset', { token: TOKEN, password: 'x'.repeat(257) }, 'password'],
          ['/password/reset', { token: 12345, password: 'lantern orbit 42' }, 'token'],
          ['/password/reset', { token: TOKEN, password: 'lantern orbit 42', userId: id }, '(body)'],
          ['/email/verification', { email: 'a@' }, 'email'],
          ['/email/verification', { email: `${email}\u0000` }, 'email'],
          ['/email/verify', { token: 'not a token at all, with spaces' }, 'token'],
          ['/email/verify', { token: 'x'.repeat(300) }, 'token'],
          ['/email/verify', {}, 'token'],
          ['/magic-link', { email: 'nope' }, 'email'],
          ['/magic-link', { email, redirectUrl: `/${'x'.repeat(3000)}` }, 'redirectUrl'],
          ['/magic-link', { email, redirectUrl: 42 }, 'redirectUrl'],
          ['/magic-link/verify', { email, code: '12ab56' }, 'code'],
          ['/magic-link/verify', { email, code: '1234567' }, 'code'],
          ['/magic-link/verify', { email: 'nope', code: '123456' }, 'email'],
          ['/magic-link/verify', { token: 'short' }, 'token'],
          ['/magic-link/verify', {}, 'email'],
          ['/magic-link/verify', { token: TOKEN, code: '123456' }, 'token'],
          ['/me/email', { email: 'nope' }, 'email'],
          ['/me/email', { email: `${newEmail}\r\nBcc: x@example.com` }, 'email'],
        ];
        for (const [path, body, field] of cases) {
          expectProblem(await post(browser, path, body), 400, 'invalid_request', field);
        }
        for (const path of ['/password/forgot', '/magic-link', '/email/verify', '/me/email']) {
          for (const raw of ['{', 'null', '[]', '"x"']) {
            const res = await call(browser, 'POST', path, undefined, raw);
            expect(res.status, `${path} ${raw}`).toBe(400);
            expect(res.body.field, `${path} ${raw}`).toBeTruthy();
          }
        }

        const now = clock.now();
        for (const purpose of ['password_reset', 'magic_link'] as const) {
          expect(await store.account.tokens.latestForEmail(purpose, email, now)).toBeNull();
        }
        expect(await store.account.tokens.latestForEmail('email_verification', email, now)).toEqual(
          signUpLink,
        );
        expect(await store.account.tokens.latestForEmail('email_change', newEmail, now)).toBeNull();
        expect((await store.audit.list({ limit: 10_000 })).length).toBe(auditBefore);
        expect(await sessionUser(browser)).toMatchObject({ id, email });
        await settle();
        expect(mail.sentTo(email)).toHaveLength(1); // the sign-up's verification link only
        expect(mail.sentTo(newEmail)).toEqual([]);
      });
    });
  },
);
