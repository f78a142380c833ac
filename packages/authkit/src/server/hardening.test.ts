import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, manualClock, uniqueEmail } from '../../test/instances.js';

type Browser = ReturnType<TestInstance['newBrowser']>;

const tokenRequest = (browser: Browser, refreshToken: string) =>
  browser.fetch('/api/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });

describe.each(DRIVERS)('refresh grace window, sign-out and password change (%s)', (driver) => {
  const clock = manualClock();
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver, { clock });
  });
  afterAll(() => t.close());

  async function signedIn(email = uniqueEmail()) {
    const browser = t.newBrowser();
    const up = await browser.client.signUp({ email, password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    return { browser, email, user: up.data.user };
  }

  it('answers replays inside the window with the one successor already issued, never a new family', async () => {
    const { browser } = await signedIn();
    const stolen = browser.jar.get('catalyst_refresh')!;
    const first = await tokenRequest(t.newBrowser(), stolen);
    const successor = ((await first.json()) as { refresh_token: string }).refresh_token;
    // Five sequential replays and twenty concurrent ones inside the window: all get that successor.
    const replays: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await tokenRequest(t.newBrowser(), stolen);
      expect(res.status).toBe(200);
      replays.push(((await res.json()) as { refresh_token: string }).refresh_token);
    }
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, () => tokenRequest(t.newBrowser(), stolen)),
    );
    for (const res of concurrent) {
      expect(res.status).toBe(200);
      replays.push(((await res.json()) as { refresh_token: string }).refresh_token);
    }
    expect(new Set(replays)).toEqual(new Set([successor]));

    // After the window the stolen token revokes the family, successor included.
    clock.advance(11);
    expect((await tokenRequest(t.newBrowser(), stolen)).status).toBe(400);
    const after = await tokenRequest(t.newBrowser(), successor);
    expect(await after.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('gives twenty concurrent refreshes from one browser one successor, and the browser stays signed in', async () => {
    const { browser, user } = await signedIn();
    const token = browser.jar.get('catalyst_refresh')!;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => tokenRequest(t.newBrowser(), token)),
    );
    const bodies = (await Promise.all(results.map((r) => r.json()))) as Array<{
      refresh_token: string;
    }>;
    expect(new Set(bodies.map((b) => b.refresh_token)).size).toBe(1);
    // The browser's own cookie-based refresh also lands on that successor and keeps going.
    expect((await browser.client.refresh()).ok).toBe(true);
    const session = await browser.client.getSession();
    expect(session.ok && session.data.user?.id).toBe(user.id);
    clock.advance(30);
    expect((await browser.client.refresh()).ok).toBe(true);
  });

  it('signs out with an expired access token: the refresh cookie finds the session and revokes it', async () => {
    const { browser } = await signedIn();
    const refresh = browser.jar.get('catalyst_refresh')!;
    clock.advance(301); // the access token has expired
    const out = await browser.fetch('/api/auth/sign-out', { method: 'POST' });
    expect(out.status).toBe(200);
    const replay = await tokenRequest(t.newBrowser(), refresh);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it("a password change rotates this session's refresh tokens, ending a copied one", async () => {
    const { browser } = await signedIn();
    const copied = browser.jar.get('catalyst_refresh')!;
    const changed = await browser.client.changePassword({
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase 7',
    });
    expect(changed.ok).toBe(true);
    expect(browser.jar.get('catalyst_refresh')).not.toBe(copied);
    const stolen = await tokenRequest(t.newBrowser(), copied);
    expect(await stolen.json()).toMatchObject({ error: 'invalid_grant' });
    // The browser that changed it stays signed in and can still refresh.
    expect((await browser.client.refresh()).ok).toBe(true);
    const session = await browser.client.getSession();
    expect(session.ok && session.data.user).not.toBeNull();
  });
});

describe('credential abuse', () => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn('pglite');
  });
  afterAll(() => t.close());

  it('limits wrong current-password guesses on change-password per user', async () => {
    const browser = t.newBrowser();
    await browser.client.signUp({ email: uniqueEmail('cp'), password: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const r = await browser.client.changePassword({
        currentPassword: `guess number ${i}`,
        newPassword: 'a brand new passphrase 7',
      });
      statuses.push(r.ok ? 200 : r.error.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // The right password is refused too until the window passes.
    const right = await browser.client.changePassword({
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase 7',
    });
    expect(!right.ok && right.error.code).toBe('rate_limited');
  });

  it('lets a browser that signed in before through a password spray that locks the account for others', async () => {
    const email = uniqueEmail('owner');
    const owner = t.newBrowser({ ip: '192.0.2.10' });
    await owner.client.signUp({ email, password: PASSWORD });
    expect(owner.jar.get('catalyst_device')).toBeTruthy();
    await owner.client.signOut();
    // The attacker sprays 30 wrong passwords from many addresses: the per-email ceiling is reached.
    for (let i = 0; i < 30; i += 1) {
      await t
        .newBrowser({ ip: `198.51.100.${i}` })
        .client.signIn({ email, password: `wrong ${i}` });
    }
    const stranger = await t
      .newBrowser({ ip: '192.0.2.99' })
      .client.signIn({ email, password: PASSWORD });
    expect(!stranger.ok && stranger.error.code).toBe('rate_limited');
    // The owner's browser, with its device cookie, still signs in.
    const back = await owner.client.signIn({ email, password: PASSWORD });
    expect(back.ok).toBe(true);
  });

  it('does not honour a device cookie issued for another account, or a forged one', async () => {
    const victim = uniqueEmail('victim');
    await t.newBrowser().client.signUp({ email: victim, password: PASSWORD });
    const attacker = t.newBrowser({ ip: '192.0.2.50' });
    await attacker.client.signUp({ email: uniqueEmail('attacker'), password: PASSWORD });
    const own = attacker.jar.get('catalyst_device')!;
    for (let i = 0; i < 30; i += 1) {
      await t.newBrowser({ ip: `203.0.113.${i}` }).client.signIn({ email: victim, password: 'x' });
    }
    const [header, payload] = own.split('.');
    for (const cookie of [own, `${header}.${payload}.forged-signature`]) {
      const r = await t.newBrowser({ ip: '192.0.2.51' }).fetch('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `catalyst_device=${cookie}` },
        body: JSON.stringify({ email: victim, password: PASSWORD }),
      });
      expect(r.status).toBe(429);
    }
  });

  it.each([
    ['12345678', /most used/],
    ['password', /most used/],
    ['        ', /repeated/],
    ['qwertyuiop', /most used|rows of keys|keyboard/],
    ['short', /at least 8/],
  ])('refuses the weak password %j with a message that says why', async (password, why) => {
    const r = await t.client.signUp({ email: uniqueEmail('weak'), password });
    expect(!r.ok && r.error).toMatchObject({ code: 'weak_password', field: 'password' });
    expect(!r.ok && r.error.message).toMatch(why);
  });

  it('says "at most 256 characters" for a 257-character password, and accepts 256', async () => {
    const long = 'correct horse battery staple '.repeat(9);
    const tooLong = await t.client.signUp({
      email: uniqueEmail('long'),
      password: long.slice(0, 257),
    });
    expect(!tooLong.ok && tooLong.error.message).toMatch(/at most 256 characters/);
    const max = await t.newBrowser().client.signUp({
      email: uniqueEmail('long'),
      password: long.slice(0, 256),
    });
    expect(max.ok).toBe(true);
  });

  it("refuses a password made of the account's own email", async () => {
    const email = uniqueEmail('selfref');
    const r = await t.client.signUp({ email, password: email });
    expect(!r.ok && r.error.code).toBe('weak_password');
  });
});
