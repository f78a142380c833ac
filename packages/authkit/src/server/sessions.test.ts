import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '../edge/verify-access-token.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, manualClock, uniqueEmail } from '../../test/instances.js';

describe.each(DRIVERS)('sessions and refresh tokens (%s)', (driver) => {
  const clock = manualClock();
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver, { clock });
  });
  afterAll(() => t.close());

  const tokenRequest = (
    browser: ReturnType<TestInstance['newBrowser']>,
    body: Record<string, string>,
    form = false,
  ) =>
    browser.fetch('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    });

  async function signedIn() {
    const browser = t.newBrowser();
    const up = await browser.client.signUp({ email: uniqueEmail(), password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    return { browser, user: up.data.user, session: up.data.session };
  }

  it('rotates a refresh token on every use (form-encoded and JSON)', async () => {
    const { browser } = await signedIn();
    const first = browser.jar.get('catalyst_refresh')!;
    const a = await tokenRequest(
      browser,
      { grant_type: 'refresh_token', refresh_token: first },
      true,
    );
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toBe('no-store');
    const aBody = await a.json();
    expect(aBody).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(aBody.refresh_token).not.toBe(first);
    const b = await tokenRequest(browser, {
      grant_type: 'refresh_token',
      refresh_token: aBody.refresh_token,
    });
    expect(b.status).toBe(200);
    const claims = await t.authkit.api.verifyAccessToken((await b.json()).access_token);
    expect(claims.sid).toBeTruthy();
  });

  it('revokes the whole family when a used refresh token comes back after the grace window', async () => {
    const { browser } = await signedIn();
    const stolen = browser.jar.get('catalyst_refresh')!;
    expect((await browser.client.refresh()).ok).toBe(true); // the browser rotates: `stolen` is now used
    const current = browser.jar.get('catalyst_refresh')!;
    clock.advance(11);

    const replay = await tokenRequest(t.newBrowser(), {
      grant_type: 'refresh_token',
      refresh_token: stolen,
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });

    // The legitimate holder's newer token is dead too, and so is the session.
    const legit = await tokenRequest(t.newBrowser(), {
      grant_type: 'refresh_token',
      refresh_token: current,
    });
    expect((await legit.json()).error).toBe('invalid_grant');
    const session = await browser.client.getSession();
    expect(session.ok && session.data.user).toBeNull();
  });

  it('keeps the user signed in when two tabs refresh at once inside the grace window', async () => {
    const { browser, user } = await signedIn();
    const results = await Promise.all([
      browser.client.refresh(),
      browser.client.refresh(),
      browser.client.refresh(),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const session = await browser.client.getSession();
    expect(session.ok && session.data.user?.id).toBe(user.id);
    expect((await browser.client.refresh()).ok).toBe(true);
  });

  it('signs a revoked session out at once on /session and refresh; stateless verifiers keep the token until exp', async () => {
    const a = await signedIn();
    const b = t.newBrowser({
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/130.0 Safari/537.36',
    });
    await b.client.signIn({ email: a.user.email, password: PASSWORD });
    const bAccess = b.jar.get('catalyst_access')!;

    const list = await a.browser.client.listSessions();
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.data.sessions).toHaveLength(2);
    const mine = list.data.sessions.find((s) => s.current)!;
    const theirs = list.data.sessions.find((s) => !s.current)!;
    expect(mine.id).toBe(a.session.id);
    expect(theirs.device).toBe('Chrome on macOS');

    expect((await a.browser.client.revokeSession(theirs.id)).ok).toBe(true);
    const bSession = await b.client.getSession();
    expect(bSession.ok && bSession.data).toEqual({ user: null, session: null });
    expect((await b.client.refresh()).ok).toBe(false);

    const jwks = await (await t.fetch('/api/auth/.well-known/jwks.json')).json();
    const claims = await verifyAccessToken(bAccess, {
      keys: jwks,
      issuer: 'http://localhost:3000/api/auth',
      audience: 'catalyst',
      currentDate: clock.now(),
    });
    expect(claims.sid).toBe(theirs.id);
  });

  it("answers another user's session id like an unknown one", async () => {
    const a = await signedIn();
    const b = await signedIn();
    const res = await a.browser.client.revokeSession(b.session.id);
    expect(!res.ok && res.error.status).toBe(404);
    expect(
      (await b.browser.client.getSession()).ok && b.browser.client.session.getSnapshot().status,
    ).toBe('authenticated');
  });

  it('refreshes an expired access cookie transparently when the session is read', async () => {
    const { browser, user } = await signedIn();
    const oldAccess = browser.jar.get('catalyst_access');
    clock.advance(310); // past exp plus the 5 s clock tolerance
    const session = await browser.client.getSession();
    expect(session.ok && session.data.user?.id).toBe(user.id);
    expect(browser.jar.get('catalyst_access')).not.toBe(oldAccess);
  });

  it('authenticates API calls with a bearer access token', async () => {
    const { browser } = await signedIn();
    const token = browser.jar.get('catalyst_access')!;
    const res = await t
      .newBrowser()
      .fetch('/api/auth/sessions', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).sessions).toHaveLength(1);
    const none = await t.newBrowser().fetch('/api/auth/sessions');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
  });

  it.each([
    [{}, 'invalid_request'],
    [{ grant_type: 'password' }, 'unsupported_grant_type'],
    [{ grant_type: 'refresh_token' }, 'invalid_request'],
    [{ grant_type: 'refresh_token', refresh_token: 'not-a-token' }, 'invalid_grant'],
    // A token exchange needs the API-key subject type, and then a real key.
    [
      { grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: 'ck_x' },
      'invalid_request',
    ],
    [
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: 'ck_x',
        subject_token_type: 'urn:catalyst:token-type:api-key',
      },
      'invalid_grant',
    ],
    [
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: 'ck_x',
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      },
      'invalid_request',
    ],
  ])('answers a bad token request %j with RFC 6749 error %s', async (body, error) => {
    const res = await tokenRequest(t.newBrowser(), body as Record<string, string>);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error });
  });

  it('signs out a session whose tokens are then useless', async () => {
    const { browser } = await signedIn();
    const refresh = browser.jar.get('catalyst_refresh')!;
    await browser.client.signOut();
    const res = await tokenRequest(t.newBrowser(), {
      grant_type: 'refresh_token',
      refresh_token: refresh,
    });
    expect((await res.json()).error).toBe('invalid_grant');
  });
});
