import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn, PASSWORD, uniqueEmail } from '../../test/instances.js';
import { startOidcProvider } from '../../test/oidc-provider.js';
import { createSsoClient } from '../client/sso-client.js';
import type { TestInstance } from '../testing/create-test-instance.js';

// Sign-in through a real OpenID provider (oidc-provider) on a loopback port: the redirect, the
// callback, linking rules, and each way a callback can be forged or replayed.
const API = 'http://localhost:3000/api/auth';
const CALLBACK = `${API}/sso/callback`;

type Browser = ReturnType<TestInstance['newBrowser']>;

describe.each(DRIVERS)('OIDC sign-in (%s)', (driver) => {
  const ada = uniqueEmail('ada');
  const bob = uniqueEmail('bob');
  const eve = uniqueEmail('eve');
  let idp: Awaited<ReturnType<typeof startOidcProvider>>;
  let t: TestInstance;

  beforeAll(async () => {
    idp = await startOidcProvider({
      redirectUri: CALLBACK,
      accounts: {
        'ada-sub': { email: ada, email_verified: true, name: 'Ada Lovelace' },
        'bob-sub': { email: bob, email_verified: true, name: 'Bob' },
        // Claims an address that belongs to someone here, without the provider vouching for it.
        'eve-sub': { email: eve, email_verified: false, name: 'Eve' },
        'nomail-sub': { name: 'No Mail' },
      },
    });
    t = await instanceOn(driver, {
      oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
      idpTimeoutSeconds: 2,
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  /** `/sso/oidc/start` in `browser`: the provider URL it redirects to. */
  async function start(browser: Browser, returnTo = '/dashboard') {
    const res = await browser.fetch(
      `${API}/sso/oidc/start?returnTo=${encodeURIComponent(returnTo)}`,
      {
        redirect: 'manual',
      },
    );
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  const callback = (browser: Browser, url: string) => browser.fetch(url, { redirect: 'manual' });

  async function signIn(browser: Browser, account: string) {
    const at = await start(browser);
    return callback(browser, await idp.login(at.href, account));
  }

  const sessionOf = async (browser: Browser) =>
    (await (await browser.fetch(`${API}/session`)).json()) as {
      user: { email: string; emailVerified: boolean } | null;
    };

  it('lists the provider, and redirects to it with PKCE (S256), state and nonce', async () => {
    const listed = await (await t.fetch(`${API}/sso/providers`)).json();
    expect(listed).toEqual({ providers: [{ id: 'oidc', name: 'Single sign-on' }] });
    const at = await start(t.newBrowser());
    expect(at.origin).toBe(idp.issuer);
    expect(at.searchParams.get('code_challenge_method')).toBe('S256');
    expect(at.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(at.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(at.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(at.searchParams.get('redirect_uri')).toBe(CALLBACK);
  });

  it('signs a new user in (just in time), then the same user again by the provider subject', async () => {
    const browser = t.newBrowser();
    const res = await signIn(browser, 'ada-sub');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://localhost:3000/dashboard');
    const first = await sessionOf(browser);
    expect(first.user).toMatchObject({ email: ada, emailVerified: true });
    const identities = await (await browser.fetch(`${API}/me/identities`)).json();
    expect(identities.identities).toEqual([
      expect.objectContaining({ connectionId: 'oidc', issuer: idp.issuer, email: ada }),
    ]);

    const again = t.newBrowser();
    expect((await signIn(again, 'ada-sub')).status).toBe(302);
    const second = await sessionOf(again);
    expect(second.user?.email).toBe(ada);
    expect((await (await again.fetch(`${API}/me/identities`)).json()).identities).toHaveLength(1);
  });

  it('links an existing account by email only when the provider vouches for it', async () => {
    // Bob has a password here and has not proved his address yet: whoever registered it first
    // may not be Bob, so the provider's word does not link it.
    const up = await t.newBrowser().client.signUp({ email: bob, password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    const early = await signIn(t.newBrowser(), 'bob-sub');
    expect(early.headers.get('location')).toContain('error=link_confirmation_required');
    // Once he has (the emailed link), the provider's verified address makes it one account.
    const store = await t.authkit.api.store();
    await store.users.markEmailVerified(up.data.user.id, new Date());
    const browser = t.newBrowser();
    expect((await signIn(browser, 'bob-sub')).headers.get('location')).toBe(
      'http://localhost:3000/dashboard',
    );
    expect((await sessionOf(browser)).user?.email).toBe(bob);

    // Eve's provider names an address that has an account here, unverified: refused, nothing written.
    await t.newBrowser().client.signUp({ email: eve, password: PASSWORD });
    const attacker = t.newBrowser();
    const refused = await signIn(attacker, 'eve-sub');
    expect(refused.headers.get('location')).toBe(
      'http://localhost:3000/sign-in?error=link_confirmation_required',
    );
    expect((await sessionOf(attacker)).user).toBeNull();

    // The owner links it while signed in (the confirmation step), and may sign in with it after.
    const owner = t.newBrowser();
    expect((await owner.client.signIn({ email: eve, password: PASSWORD })).ok).toBe(true);
    const linked = await owner.fetch(`${API}/me/identities/oidc/link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ returnTo: '/settings' }),
    });
    expect(linked.status).toBe(200);
    const { url } = (await linked.json()) as { url: string };
    const back = await callback(owner, await idp.login(url, 'eve-sub'));
    expect(back.headers.get('location')).toBe('http://localhost:3000/settings');
    const later = t.newBrowser();
    await signIn(later, 'eve-sub');
    expect((await sessionOf(later)).user?.email).toBe(eve);
  });

  it('refuses a forged, replayed or foreign callback, and a tampered nonce', async () => {
    const browser = t.newBrowser();
    const at = await start(browser);
    const back = new URL(await idp.login(at.href, 'ada-sub'));

    // Another browser (no binding cookie) presenting this callback: refused.
    const elsewhere = await callback(t.newBrowser(), back.href);
    expect(elsewhere.headers.get('location')).toContain('error=sso_failed');

    // The flow was used up by that attempt: the real browser cannot finish it either.
    expect((await callback(browser, back.href)).headers.get('location')).toContain(
      'error=sso_failed',
    );

    // A state this browser never started.
    const forged = new URL(back);
    forged.searchParams.set('state', 'A'.repeat(43));
    expect((await callback(browser, forged.href)).headers.get('location')).toContain(
      'error=sso_failed',
    );

    // A nonce changed on the way to the provider: the ID token carries it, the check refuses it.
    const tampered = t.newBrowser();
    const url = await start(tampered);
    url.searchParams.set('nonce', 'n'.repeat(43));
    const res = await callback(tampered, await idp.login(url.href, 'ada-sub'));
    expect(res.headers.get('location')).toContain('error=sso_failed');
    expect((await sessionOf(tampered)).user).toBeNull();
  });

  it("refuses another flow's code (PKCE binds each code to its own flow)", async () => {
    const victim = t.newBrowser();
    const victimAt = await start(victim);
    const attacker = t.newBrowser();
    const attackerBack = new URL(await idp.login((await start(attacker)).href, 'bob-sub'));
    // The victim's own state, the attacker's code: the verifier does not match its challenge.
    const injected = new URL(CALLBACK);
    injected.searchParams.set('code', attackerBack.searchParams.get('code')!);
    injected.searchParams.set('state', victimAt.searchParams.get('state')!);
    injected.searchParams.set('iss', idp.issuer);
    const res = await callback(victim, injected.href);
    expect(res.headers.get('location')).toContain('error=sso_failed');
    expect((await sessionOf(victim)).user).toBeNull();
  });

  it('refuses a provider that shares no email, and unlinks never the last way in', async () => {
    const browser = t.newBrowser();
    expect((await signIn(browser, 'nomail-sub')).headers.get('location')).toContain(
      'error=sso_failed',
    );

    // Bob has a password: his identity can go.
    const bobs = t.newBrowser();
    await signIn(bobs, 'bob-sub');
    const [identity] = (await (await bobs.fetch(`${API}/me/identities`)).json()).identities;
    const gone = await bobs.fetch(`${API}/me/identities/${identity.id}`, { method: 'DELETE' });
    expect(gone.status).toBe(204);
    expect((await (await bobs.fetch(`${API}/me/identities`)).json()).identities).toEqual([]);
    const again = await bobs.fetch(`${API}/me/identities/${identity.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('works through createSsoClient: providers, start URL, identities, unlink', async () => {
    const browser = t.newBrowser();
    const sso = createSsoClient(browser.client, { baseUrl: 'http://localhost:3000' });
    const listed = await sso.providers();
    expect(listed.ok && listed.data.providers.map((p) => p.id)).toEqual(['oidc']);
    expect(sso.startUrl('oidc', { returnTo: '/x' })).toBe(`${API}/sso/oidc/start?returnTo=%2Fx`);
    const res = await callback(browser, await idp.login((await start(browser)).href, 'ada-sub'));
    expect(res.status).toBe(302);
    const mine = await sso.identities.list();
    if (!mine.ok) throw new Error(mine.error.message);
    // No password or passkey, but email sign-in links reach her verified address: allowed.
    expect((await sso.identities.unlink(mine.data.identities[0]!.id)).ok).toBe(true);
  });

  it('signs out here and at the provider (RP-initiated logout)', async () => {
    const browser = t.newBrowser();
    await signIn(browser, 'ada-sub');
    const res = await browser.fetch(`${API}/sso/oidc/logout?returnTo=/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe('http://localhost:3000/');
    expect(to.searchParams.get('client_id')).toBe(idp.clientId);
    expect((await sessionOf(browser)).user).toBeNull();
  });
});

describe('OIDC sign-in: bad configuration and outages', () => {
  it('answers 502 idp_unavailable, without hanging, when the provider does not answer', async () => {
    const t = await instanceOn('pglite', {
      // A port nothing listens on.
      oidc: { issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' },
      idpTimeoutSeconds: 1,
    });
    try {
      const res = await t.fetch(`${API}/sso/oidc/start`, { redirect: 'manual' });
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'idp_unavailable' });
      const unknown = await t.fetch(`${API}/sso/nope/start`, { redirect: 'manual' });
      expect(unknown.status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('limits sign-in starts per client address (each one stores a flow row)', async () => {
    const t = await instanceOn('pglite', {
      oidc: { issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' },
      idpTimeoutSeconds: 1,
      rateLimits: { ssoStartsPerIp: { points: 2, durationSeconds: 60 } },
    });
    try {
      const flood = t.newBrowser({ ip: '198.51.100.7' });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await flood.fetch(`${API}/sso/oidc/start`, { redirect: 'manual' })).status);
      }
      // Two reach the (unreachable) provider; the third is refused before any network call.
      expect(statuses).toEqual([502, 502, 429]);
      const other = t.newBrowser({ ip: '198.51.100.8' });
      expect((await other.fetch(`${API}/sso/oidc/start`, { redirect: 'manual' })).status).toBe(502);
    } finally {
      await t.close();
    }
  });

  it('never unlinks the last way in (no password, no passkey, email links off)', async () => {
    const idp = await startOidcProvider({
      redirectUri: CALLBACK,
      accounts: { only: { email: uniqueEmail('only'), email_verified: true } },
    });
    const t = await instanceOn('pglite', {
      oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
      magicLinks: false,
    });
    try {
      const browser = t.newBrowser();
      const sso = createSsoClient(browser.client);
      const at = new URL(
        (await browser.fetch(`${API}/sso/oidc/start`, { redirect: 'manual' })).headers.get(
          'location',
        )!,
      );
      await browser.fetch(await idp.login(at.href, 'only'), { redirect: 'manual' });
      const mine = await sso.identities.list();
      if (!mine.ok) throw new Error(mine.error.message);
      const refused = await sso.identities.unlink(mine.data.identities[0]!.id);
      expect(!refused.ok && refused.error.code).toBe('last_sign_in_method');
      expect((await sso.identities.list()).ok && mine.data.identities).toHaveLength(1);
    } finally {
      await t.close();
      await idp.close();
    }
  });

  it('refuses an issuer that is not a URL, or one without its client id, naming the key', async () => {
    await expect(
      instanceOn('pglite', { oidc: { issuer: 'not a url', clientId: 'x' } }),
    ).rejects.toThrow(/oidc\.issuer \(CATALYST_OIDC_ISSUER\)/);
    await expect(
      instanceOn('pglite', { oidc: { issuer: 'https://idp.example' } as never }),
    ).rejects.toThrow(/oidc\.clientId \(CATALYST_OIDC_CLIENT_ID\)/);
  });
});
