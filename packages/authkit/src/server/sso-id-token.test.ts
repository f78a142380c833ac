import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn, manualClock, PASSWORD, uniqueEmail } from '../../test/instances.js';
import { startOidcProvider } from '../../test/oidc-provider.js';
import {
  startTamperProxy,
  type IdTokenTampering,
  type TamperProxy,
} from '../../test/oidc-tamper-proxy.js';
import type { TestInstance } from '../testing/create-test-instance.js';

// The attacker's side of OIDC sign-in. A real provider (oidc-provider) always signs correct ID
// tokens, so a tampering proxy (test/oidc-tamper-proxy.ts) stands in front of it as the issuer
// the app trusts: it forwards the code redemption to the provider and answers with an ID token
// it signs itself, with the claims each case asks for. Every forged token must end at the
// sign-in page with `?error=sso_failed`, with no session and nothing written to the store; the
// control (the same token re-signed honestly) must sign in, so each refusal is the forgery's.
// Both store drivers, as sso.test.ts: the flow state and the identity rows live in the store.
const API = 'http://localhost:3000/api/auth';
const CALLBACK = `${API}/sso/callback`;
const DASHBOARD = 'http://localhost:3000/dashboard';
const REFUSED = 'http://localhost:3000/sign-in?error=sso_failed';

type Browser = ReturnType<TestInstance['newBrowser']>;

const epoch = () => Math.floor(Date.now() / 1000);

// PostgreSQL only: these checks live in the OIDC adapter, above the store; sso.test.ts runs the
// same flow's store work on every driver.
describe.each(DRIVERS.filter((d) => d === 'postgres'))(
  'OIDC ID-token and callback tampering (%s)',
  (driver) => {
    const clock = manualClock();
    /** One provider account per case: a refusal must leave its email unknown here. */
    const accounts: Record<string, { email: string; email_verified: boolean; name: string }> = {};
    const account = (sub: string) =>
      (accounts[sub] ??= { email: uniqueEmail(sub), email_verified: true, name: sub });
    for (const sub of ['control', 'victim', 'attacker', 'state', 'mixup', 'mfa']) account(sub);

    let idp: Awaited<ReturnType<typeof startOidcProvider>>;
    let proxy: TamperProxy;
    let t: TestInstance;

    /** ID tokens the app must refuse (openid-client's checks, as oidc-idp.ts configures them). */
    const FORGED: Array<[string, IdTokenTampering]> = [
      ['an audience that is another client', { claims: (c) => ({ ...c, aud: 'another-client' }) }],
      [
        'an extra, untrusted audience (no azp)',
        { claims: ({ azp: _azp, ...c }) => ({ ...c, aud: [String(c.aud), 'another-client'] }) },
      ],
      ['another issuer', { claims: (c) => ({ ...c, iss: 'https://attacker.example' }) }],
      [
        "the provider's own issuer (not the configured one)",
        { claims: (c) => ({ ...c, iss: idp.issuer }) },
      ],
      [
        'an expired token (exp in the past)',
        { claims: (c) => ({ ...c, iat: epoch() - 900, exp: epoch() - 300 }) },
      ],
      ['no nonce', { claims: ({ nonce: _nonce, ...c }) => c }],
      ['another nonce', { claims: (c) => ({ ...c, nonce: 'n'.repeat(43) }) }],
      ['an unsigned token (alg: none)', { signature: 'none' }],
      // The signature is checked against the provider's keys (enableNonRepudiationChecks), and
      // a token from the future is refused by oidc-idp.ts itself.
      ['a token signed by a key not in the JWKS (same kid)', { signature: 'unpublished' }],
      [
        'a token issued in the future (iat an hour ahead)',
        { claims: (c) => ({ ...c, iat: epoch() + 3600, exp: epoch() + 7200 }) },
      ],
    ];

    for (const [i] of FORGED.entries()) account(`case-${i}`);

    beforeAll(async () => {
      idp = await startOidcProvider({ redirectUri: CALLBACK, accounts });
      proxy = await startTamperProxy({ upstream: idp.issuer });
      t = await instanceOn(driver, {
        oidc: { issuer: proxy.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
        idpTimeoutSeconds: 2,
        clock,
      });
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      await proxy?.close();
      await idp?.close();
    });

    /** `/sso/oidc/start` in `browser`: the provider URL it redirects to. */
    async function start(browser: Browser, returnTo = '/dashboard') {
      const res = await browser.fetch(
        `${API}/sso/oidc/start?returnTo=${encodeURIComponent(returnTo)}`,
        { redirect: 'manual' },
      );
      expect(res.status).toBe(302);
      return new URL(res.headers.get('location')!);
    }

    /** The provider's redirect back for `sub`, signed in there from `browser`'s flow. */
    async function atProvider(browser: Browser, sub: string) {
      return new URL(proxy.fromProvider(await idp.login((await start(browser)).href, sub)));
    }

    const callback = (browser: Browser, url: URL | string) =>
      browser.fetch(String(url), { redirect: 'manual' });

    /** A whole sign-in as `sub` with the proxy tampering; how many codes reached the provider. */
    async function attempt(sub: string, tampering: IdTokenTampering) {
      const browser = t.newBrowser();
      const back = await atProvider(browser, sub);
      proxy.tamper(tampering);
      const before = proxy.issued.length;
      try {
        const res = await callback(browser, back);
        return { browser, res, redeemed: proxy.issued.length - before };
      } finally {
        proxy.tamper({});
      }
    }

    const sessionOf = async (browser: Browser) =>
      (
        (await (await browser.fetch(`${API}/session`)).json()) as {
          user: { id: string; email: string } | null;
        }
      ).user;

    /** Nothing of `sub` here: no user with its email, no identity for it, no session in `browser`. */
    async function nothingWritten(browser: Browser, sub: string) {
      expect(browser.jar.get('catalyst_access')).toBeUndefined();
      expect(browser.jar.get('catalyst_refresh')).toBeUndefined();
      expect(await sessionOf(browser)).toBeNull();
      const store = await t.authkit.api.store();
      expect(await store.users.findByEmail(account(sub).email)).toBeNull();
      expect(await store.identities.find(proxy.issuer, sub)).toBeNull();
      expect(await store.identities.find(idp.issuer, sub)).toBeNull();
    }

    it('signs in with the ID token re-signed honestly by the proxy (the control)', async () => {
      const { browser, res, redeemed } = await attempt('control', {});
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(DASHBOARD);
      expect(redeemed).toBe(1);
      expect(proxy.issued.at(-1)).toMatchObject({ iss: proxy.issuer, aud: idp.clientId });
      expect(await sessionOf(browser)).toMatchObject({ email: account('control').email });
      const store = await t.authkit.api.store();
      const user = await store.users.findByEmail(account('control').email);
      expect(user).not.toBeNull();
      expect(await store.identities.find(proxy.issuer, 'control')).toMatchObject({
        userId: user!.id,
      });
    });

    it.each(FORGED.map(([name, tampering], i) => [name, tampering, `case-${i}`] as const))(
      'refuses an ID token with %s',
      async (_, tampering, sub) => {
        const { browser, res, redeemed } = await attempt(sub, tampering);
        // The code was redeemed (the proxy handed out the forged token): the refusal is the token's.
        expect(redeemed).toBe(1);
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe(REFUSED);
        await nothingWritten(browser, sub);
      },
    );

    it('refuses an authorization response from another issuer (RFC 9207 mix-up)', async () => {
      const browser = t.newBrowser();
      const back = await atProvider(browser, 'mixup');
      back.searchParams.set('iss', idp.issuer);
      const before = proxy.issued.length;
      const res = await callback(browser, back);
      expect(res.headers.get('location')).toBe(REFUSED);
      // Refused before the code was sent anywhere.
      expect(proxy.issued.length).toBe(before);
      await nothingWritten(browser, 'mixup');
    });

    it('refuses an oversized state, without using up the flow it was put in', async () => {
      const browser = t.newBrowser();
      const back = await atProvider(browser, 'state');
      const oversized = new URL(back);
      oversized.searchParams.set('state', 'A'.repeat(513));
      const res = await callback(browser, oversized);
      // The query schema refuses it (at most 512 characters) before anything is looked up.
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { errors?: Array<{ field: string }> }).errors).toEqual([
        expect.objectContaining({ field: 'state' }),
      ]);
      await nothingWritten(browser, 'state');
      // The real state still finishes this browser's flow: the refusal was the state's length.
      expect((await callback(browser, back)).headers.get('location')).toBe(DASHBOARD);

      // At the limit the schema lets it through, and no flow has it.
      const other = t.newBrowser();
      const atLimit = await atProvider(other, 'state');
      atLimit.searchParams.set('state', 'A'.repeat(512));
      expect((await callback(other, atLimit)).headers.get('location')).toBe(REFUSED);
      expect(await sessionOf(other)).toBeNull();
    });

    it("refuses a code injected from another browser's flow into the attacker's own", async () => {
      // The victim signs in at the provider; the attacker gets hold of the redirect back (its code).
      const victim = t.newBrowser();
      const victimBack = await atProvider(victim, 'victim');
      // The attacker's browser has its own flow (state and binding cookie are the attacker's, so
      // those checks pass) and presents the victim's code in it, hoping to sign in as the victim.
      const attacker = t.newBrowser();
      const attackerBack = await atProvider(attacker, 'attacker');
      const injected = new URL(attackerBack);
      injected.searchParams.set('code', victimBack.searchParams.get('code')!);
      const before = proxy.issued.length;
      const res = await callback(attacker, injected);
      expect(res.headers.get('location')).toBe(REFUSED);
      // The provider refused the code (PKCE: the attacker's verifier is not the victim's).
      expect(proxy.issued.length).toBe(before);
      expect(await sessionOf(attacker)).toBeNull();
      await nothingWritten(attacker, 'victim');
      await nothingWritten(attacker, 'attacker');

      // The code was good, only not for that flow: the victim's own browser finishes with it.
      const own = await callback(victim, victimBack);
      expect(own.headers.get('location')).toBe(DASHBOARD);
      expect(await sessionOf(victim)).toMatchObject({ email: account('victim').email });
    });

    // Last in the block: it moves the app's clock a TOTP step ahead.
    it('asks for the second factor of a user with TOTP, and the code gives the session', async () => {
      const { email } = account('mfa');
      const totpAt = (secret: string, offsetSeconds: number) =>
        generateSync({ secret, epoch: Math.floor(clock.now().getTime() / 1000) + offsetSeconds });
      const totp = (secret: string) => totpAt(secret, 0);
      const owner = t.newBrowser();
      const up = await owner.client.signUp({ email, password: PASSWORD });
      if (!up.ok) throw new Error(up.error.message);
      // The owner proved the address (the emailed link): a provider's word may link to it.
      await (await t.authkit.api.store()).users.markEmailVerified(up.data.user.id, new Date());
      const enrolment = await owner.client.mfa.enrolTotp();
      if (!enrolment.ok) throw new Error(enrolment.error.message);
      const { secret } = enrolment.data;
      expect((await owner.client.mfa.confirmTotp(totp(secret))).ok).toBe(true);
      clock.advance(30); // the confirming code's time step is used up

      // The provider vouches for the address: the identity links to this user, whose TOTP is due.
      const browser = t.newBrowser();
      const res = await callback(browser, await atProvider(browser, 'mfa'));
      expect(res.status).toBe(302);
      const to = new URL(res.headers.get('location')!);
      expect(to.origin + to.pathname).toBe('http://localhost:3000/sign-in');
      expect(to.searchParams.get('mfa')).toBe('required');
      expect(to.searchParams.get('redirect_url')).toBe(DASHBOARD);
      expect(to.searchParams.get('error')).toBeNull();
      expect(browser.jar.get('catalyst_pending')).toBeTruthy();
      expect(browser.jar.get('catalyst_access')).toBeUndefined();
      expect(browser.jar.get('catalyst_refresh')).toBeUndefined();
      expect(await sessionOf(browser)).toBeNull();
      // The sign-in page asks the pending sign-in what is due: this user's factors.
      const pending = await browser.client.pendingSignIn();
      expect(pending.ok && pending.data).toMatchObject({
        mfaRequired: true,
        methods: ['totp', 'recovery_code'],
        enrolmentRequired: false,
      });
      const none = await t.newBrowser().client.pendingSignIn();
      expect(none.ok || none.error).toMatchObject({ status: 401, code: 'unauthenticated' });

      // A wrong code does not finish it; the right one does.
      const near = new Set([-30, 0, 30].map((d) => totpAt(secret, d)));
      let guess = 0;
      while (near.has(String(guess).padStart(6, '0'))) guess += 1;
      const wrong = await browser.client.secondFactor({ code: String(guess).padStart(6, '0') });
      expect(!wrong.ok && wrong.error.code).toBe('invalid_code');
      const done = await browser.client.secondFactor({ code: totp(secret) });
      if (!done.ok) throw new Error(done.error.message);
      expect(done.data.user.email).toBe(email);
      expect(done.data.session.amr).toEqual(expect.arrayContaining(['fed', 'mfa']));
      expect(browser.jar.get('catalyst_pending')).toBeUndefined();
      const claims = await t.authkit.api.verifyAccessToken(browser.jar.get('catalyst_access')!);
      expect(claims.amr).toEqual(expect.arrayContaining(['fed', 'mfa']));
      expect(await sessionOf(browser)).toMatchObject({ email });
      // The identity is linked to the user who has the factor, not to a new one.
      const store = await t.authkit.api.store();
      const user = await store.users.findByEmail(email);
      expect(await store.identities.find(proxy.issuer, 'mfa')).toMatchObject({ userId: user!.id });
      // The session remembers the provider through the second-factor step ("SSO required").
      const session = await store.sessions.findById(claims.sid as string);
      expect(session?.ssoConnectionId).toEqual(expect.any(String));
    });
  },
);
