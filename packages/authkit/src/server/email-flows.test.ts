import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { manualClock, uniqueEmail } from '../../test/instances.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { startSmtpCapture, type SmtpCapture } from '../testing/smtp-capture.js';
import {
  type Browser,
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

const NEW_PASSWORD = 'lantern orbit gravel 42';

describe.each(DRIVERS)(
  'password reset and sign-in links through a real SMTP server (%s)',
  (driver) => {
    const clock = manualClock();
    let mail: SmtpCapture;
    let t: TestInstance;
    beforeAll(async () => {
      mail = await startSmtpCapture();
      t = await mailingInstance(driver, mail, { clock });
    });
    afterAll(async () => {
      await t.close();
      await mail.close();
    });

    async function resetToken(email: string) {
      const { text } = await mail.next(email, 'passwordReset');
      return linkToken(text, t.baseUrl, '/reset-password');
    }
    const reset = (token: string, password = NEW_PASSWORD, browser: Browser = t.newBrowser()) =>
      post(browser, '/password/reset', { token, password });

    describe('password reset (OWASP Forgot Password)', () => {
      it('answers alike for a known and an unknown address and mails only the known one', async () => {
        const { email } = await signUp(t);
        const unknown = uniqueEmail('nobody');
        const anon = t.newBrowser();
        const forKnown = await post(anon, '/password/forgot', { email });
        const forUnknown = await post(anon, '/password/forgot', { email: unknown });
        expect(forKnown.status).toBe(202);
        expect(forKnown.body).toEqual({ sent: true });
        expect(comparable(forUnknown)).toEqual(comparable(forKnown));

        const { text } = await mail.next(email, 'passwordReset');
        expect(text).toContain(`${t.baseUrl}/reset-password?token=`);
        linkToken(text, t.baseUrl, '/reset-password');
        await settle();
        expect(mail.sentTo(unknown)).toEqual([]);
      });

      it('resets once, refuses a weak password without using the link, signs every session out and sends a notice', async () => {
        const { email, browser: first } = await signUp(t);
        const second = t.newBrowser();
        expect((await signIn(second, email)).status).toBe(200);
        expect((await sessionUser(second))?.email).toBe(email);

        await post(t.newBrowser(), '/password/forgot', { email });
        const token = await resetToken(email);
        expectProblem(await reset(token, 'password1'), 400, 'weak_password', 'password');
        expect((await sessionUser(second))?.email).toBe(email); // nothing happened yet

        const done = await reset(token);
        expect(done.status).toBe(200);
        expect(done.body).toEqual({ reset: true });
        expectProblem(await reset(token, 'another fine password 7'), 401, 'invalid_token', 'token');

        expect(await sessionUser(second)).toBeNull();
        expect(await sessionUser(first)).toBeNull();
        const notice = await mail.next(email, 'passwordChanged');
        expect(notice.subject).toBe('Your password was changed');
        expect(notice.text).not.toMatch(/token=/);

        expectProblem(await signIn(t.newBrowser(), email), 401, 'invalid_credentials');
        expect((await signIn(t.newBrowser(), email, NEW_PASSWORD)).status).toBe(200);
      });

      it('lets exactly one of ten concurrent resets with one token through', async () => {
        const { email } = await signUp(t);
        await post(t.newBrowser(), '/password/forgot', { email });
        const token = await resetToken(email);
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) => reset(token, `${NEW_PASSWORD} ${i}`)),
        );
        const won = answers.findIndex((a) => a.status === 200);
        expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
        for (const lost of answers.filter((a) => a.status !== 200)) {
          expectProblem(lost, 401, 'invalid_token');
        }
        expect((await signIn(t.newBrowser(), email, `${NEW_PASSWORD} ${won}`)).status).toBe(200);
        await mail.next(email, 'passwordChanged');
      });

      it("changes only the account the token was sent to: A's token never touches B", async () => {
        const a = await signUp(t);
        const b = await signUp(t);
        await post(t.newBrowser(), '/password/forgot', { email: a.email });
        const token = await resetToken(a.email);
        // The body names no account; one that tries is refused before anything is done.
        expectProblem(
          await post(t.newBrowser(), '/password/reset', {
            token,
            password: NEW_PASSWORD,
            email: b.email,
          }),
          400,
          'invalid_request',
        );
        expect((await reset(token)).status).toBe(200);
        expect((await signIn(t.newBrowser(), b.email)).status).toBe(200);
        expectProblem(
          await signIn(t.newBrowser(), b.email, NEW_PASSWORD),
          401,
          'invalid_credentials',
        );
        expect((await signIn(t.newBrowser(), a.email, NEW_PASSWORD)).status).toBe(200);
        expectProblem(await signIn(t.newBrowser(), a.email), 401, 'invalid_credentials');
        expect(await sessionUser(b.browser)).not.toBeNull(); // B's session survives A's reset
      });

      it('expires a link after 30 minutes (410 token_expired)', async () => {
        const { email } = await signUp(t);
        await post(t.newBrowser(), '/password/forgot', { email });
        const token = await resetToken(email);
        clock.advance(30 * 60 + 1);
        expectProblem(await reset(token), 410, 'token_expired', 'token');
        expect((await signIn(t.newBrowser(), email)).status).toBe(200);
      });

      it('allows 3 requests an hour per address (known or not), and only the newest link works', async () => {
        const { email } = await signUp(t);
        const tokens: string[] = [];
        for (let i = 0; i < 3; i += 1) {
          expect((await post(t.newBrowser(), '/password/forgot', { email })).status).toBe(202);
          tokens.push(await resetToken(email));
        }
        const limited = await post(t.newBrowser(), '/password/forgot', { email });
        expectProblem(limited, 429, 'rate_limited');
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

        const unknown = uniqueEmail('nobody');
        for (let i = 0; i < 3; i += 1) {
          expect((await post(t.newBrowser(), '/password/forgot', { email: unknown })).status).toBe(
            202,
          );
        }
        const unknownLimited = await post(t.newBrowser(), '/password/forgot', { email: unknown });
        expectProblem(unknownLimited, 429, 'rate_limited');
        expect(Number(unknownLimited.headers.get('retry-after'))).toBeGreaterThan(0);

        expectProblem(await reset(tokens[0]!), 401, 'invalid_token');
        expectProblem(await reset(tokens[1]!), 401, 'invalid_token');
        expect((await reset(tokens[2]!)).status).toBe(200);
        await settle();
        expect(mail.sentTo(email, 'passwordReset')).toHaveLength(3);
      });
    });

    describe('magic links and email codes', () => {
      async function requestLink(browser: Browser, email: string) {
        const res = await post(browser, '/magic-link', { email });
        expect(res.status).toBe(202);
        const { text } = await mail.next(email, 'magicLink');
        const code = /enter the code (\d+)\./.exec(text)?.[1] ?? '';
        expect(code).toMatch(/^\d{6}$/);
        return { token: linkToken(text, t.baseUrl, '/sign-in/magic-link'), code };
      }
      const verify = (browser: Browser, body: object) => post(browser, '/magic-link/verify', body);
      const otherCode = (code: string, n = 1) =>
        String((Number(code) + n) % 1_000_000).padStart(6, '0');

      it('answers alike for a known and an unknown address and mails only the known one', async () => {
        const { email } = await signUp(t);
        const unknown = uniqueEmail('nobody');
        const forKnown = await post(t.newBrowser(), '/magic-link', { email });
        const forUnknown = await post(t.newBrowser(), '/magic-link', { email: unknown });
        expect(forKnown.status).toBe(202);
        expect(forKnown.body).toEqual({ sent: true });
        expect(comparable(forUnknown)).toEqual(comparable(forKnown));
        expect(forKnown.headers.getSetCookie().join()).toMatch(/catalyst_link=/);
        await mail.next(email, 'magicLink');
        await settle();
        expect(mail.sentTo(unknown)).toEqual([]);
      });

      it('signs in once with the link in the browser that asked; another browser gets 403', async () => {
        const { email } = await signUp(t);
        const asking = t.newBrowser();
        const { token, code } = await requestLink(asking, email);
        expect(asking.jar.get('catalyst_link')).toBeTruthy();

        const elsewhere = t.newBrowser();
        expectProblem(await verify(elsewhere, { token }), 403, 'link_browser_mismatch', 'token');
        expect(await sessionUser(elsewhere)).toBeNull();

        const signedIn = await verify(asking, { token });
        expect(signedIn.status).toBe(200);
        expect(signedIn.body).toMatchObject({ user: { email, emailVerified: true } });
        expect((await sessionUser(asking))?.email).toBe(email);
        expectProblem(await verify(asking, { token }), 401, 'invalid_token');
        // The code of the same email went with the link.
        expectProblem(await verify(t.newBrowser(), { email, code }), 401, 'invalid_code');
      });

      it('expires the link and code after 15 minutes; a fresh code works in any browser', async () => {
        const { email } = await signUp(t);
        const asking = t.newBrowser();
        const stale = await requestLink(asking, email);
        clock.advance(15 * 60 + 1);
        expectProblem(await verify(asking, { token: stale.token }), 410, 'token_expired', 'token');
        expectProblem(await verify(asking, { email, code: stale.code }), 401, 'invalid_code');

        const { code } = await requestLink(t.newBrowser(), email);
        const anywhere = t.newBrowser();
        const signedIn = await verify(anywhere, { email: email.toUpperCase(), code });
        expect(signedIn.status).toBe(200);
        expect((await sessionUser(anywhere))?.email).toBe(email);
        expectProblem(await verify(t.newBrowser(), { email, code }), 401, 'invalid_code');
      });

      it('burns a code after five wrong guesses; four leave it working', async () => {
        const burnt = await signUp(t);
        const first = await requestLink(t.newBrowser(), burnt.email);
        for (let i = 0; i < 5; i += 1) {
          const wrong = { email: burnt.email, code: otherCode(first.code) };
          expectProblem(await verify(t.newBrowser(), wrong), 401, 'invalid_code');
        }
        const right = { email: burnt.email, code: first.code };
        expectProblem(await verify(t.newBrowser(), right), 401, 'invalid_code');

        const kept = await signUp(t);
        const second = await requestLink(t.newBrowser(), kept.email);
        for (let i = 0; i < 4; i += 1) {
          const wrong = { email: kept.email, code: otherCode(second.code) };
          expectProblem(await verify(t.newBrowser(), wrong), 401, 'invalid_code');
        }
        expect(
          (await verify(t.newBrowser(), { email: kept.email, code: second.code })).status,
        ).toBe(200);
      });

      it('counts every guess before comparing it: a burst cannot get past five', async () => {
        const { email } = await signUp(t);
        const { code } = await requestLink(t.newBrowser(), email);
        // Sent at once, every guess reads the live token before the fifth wrong one burns it.
        const guesses = [
          ...Array.from({ length: 40 }, (_, i) => ({ email, code: otherCode(code, i + 1) })),
          ...Array.from({ length: 10 }, () => ({ email, code })),
        ];
        const answers = await Promise.all(guesses.map((g) => verify(t.newBrowser(), g)));
        expect(answers.map((a) => a.body.code)).toEqual(guesses.map(() => 'invalid_code'));
      });

      it("does not let account A's code sign in account B", async () => {
        const a = await signUp(t);
        const b = await signUp(t);
        const forA = await requestLink(t.newBrowser(), a.email);
        const forB = await requestLink(t.newBrowser(), b.email);
        if (forA.code !== forB.code) {
          const browser = t.newBrowser();
          expectProblem(
            await verify(browser, { email: b.email, code: forA.code }),
            401,
            'invalid_code',
          );
          expect(await sessionUser(browser)).toBeNull();
        }
        const asA = t.newBrowser();
        expect((await verify(asA, { email: a.email, code: forA.code })).status).toBe(200);
        expect((await sessionUser(asA))?.email).toBe(a.email);
        const asB = t.newBrowser();
        expect((await verify(asB, { email: b.email, code: forB.code })).status).toBe(200);
        expect((await sessionUser(asB))?.email).toBe(b.email);
      });

      it('refuses a malformed code with 400 naming `code`, without counting it as a guess', async () => {
        const { email } = await signUp(t);
        const { code } = await requestLink(t.newBrowser(), email);
        for (const bad of ['12ab56', '1234567', '12345', ' 123456', '']) {
          const res = await verify(t.newBrowser(), { email, code: bad });
          expectProblem(res, 400, 'invalid_request', 'code');
        }
        expect((await verify(t.newBrowser(), { email, code })).status).toBe(200);
      });
    });

    describe('timing', () => {
      it('answers before the link is made, so a known address takes no longer than an unknown one', async () => {
        const { email } = await signUp(t);
        await mail.next(email, 'verifyEmail'); // the sign-up's own
        const store = await t.authkit.api.store();
        const original = store.transaction;
        let release = () => {};
        const gate = new Promise<void>((resolve) => (release = resolve));
        // Every link is made in a transaction: hold them all until the answers are in.
        store.transaction = async <T>(fn: (tx: typeof store) => Promise<T>): Promise<T> => {
          await gate;
          return original.call(store, fn) as Promise<T>;
        };
        const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000));
        try {
          for (const path of ['/password/forgot', '/magic-link', '/email/verification']) {
            const answer = await Promise.race([post(t.newBrowser(), path, { email }), timeout]);
            expect(answer?.status, `${path} answered before its link was made`).toBe(202);
          }
        } finally {
          store.transaction = original;
          release();
        }
        await mail.next(email, 'passwordReset');
        await mail.next(email, 'magicLink');
        await mail.next(email, 'verifyEmail');
      });
    });
  },
);
