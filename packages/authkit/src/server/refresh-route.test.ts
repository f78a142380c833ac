import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';
import { PASSWORD, manualClock, uniqueEmail } from '../../test/instances.js';
import { createAuthkit } from './create-authkit.js';
import { safeRedirect } from '../domain/redirect-target.js';

describe('safeRedirect', () => {
  const origin = 'https://app.example.com';
  it.each([
    ['/dashboard?tab=1', 'https://app.example.com/dashboard?tab=1'],
    ['https://app.example.com/x', 'https://app.example.com/x'],
    ['//evil.example/x', 'https://app.example.com/'],
    ['https://evil.example/', 'https://app.example.com/'],
    ['javascript:alert(1)', 'https://app.example.com/'],
    ['', 'https://app.example.com/'],
    [null, 'https://app.example.com/'],
  ])('%s → %s', (input, expected) => {
    expect(safeRedirect(input, origin)).toBe(expected);
  });
});

describe('safeRedirect with allowed hosts (domain-level forward-auth)', () => {
  const origin = 'https://auth.example.com';
  const hosts = ['*.example.com', 'tools.example.org'];
  it.each([
    ['https://grafana.example.com/d/1', 'https://grafana.example.com/d/1'],
    ['https://a.b.example.com/', 'https://a.b.example.com/'],
    ['https://tools.example.org/x', 'https://tools.example.org/x'],
    // Not below the pattern, a look-alike, a downgrade to http, or credentials in the URL.
    ['https://example.com/', 'https://auth.example.com/'],
    ['https://evilexample.com/', 'https://auth.example.com/'],
    ['https://example.com.evil.net/', 'https://auth.example.com/'],
    ['http://grafana.example.com/', 'https://auth.example.com/'],
    ['https://user:pw@grafana.example.com/', 'https://auth.example.com/'],
    ['https://x.tools.example.org/', 'https://auth.example.com/'],
  ])('%s → %s', (input, expected) => {
    expect(safeRedirect(input, origin, '/', hosts)).toBe(expected);
  });
});

describe('cookie domain (one sign-in for every subdomain)', () => {
  it('sets and clears both session cookies on the parent domain', async () => {
    const t = await createTestInstance({ cookieDomain: 'example.com' });
    try {
      const res = await t.fetch('/api/auth/sign-up', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: uniqueEmail(), password: PASSWORD }),
      });
      const cookies = res.headers.getSetCookie();
      expect(cookies.filter((c) => /^catalyst_(access|refresh)=/.test(c))).toHaveLength(2);
      for (const c of cookies.filter((c) => /^catalyst_(access|refresh)=/.test(c))) {
        expect(c).toMatch(/; Domain=example\.com/i);
      }
      const out = await t.fetch('/api/auth/sign-out', { method: 'POST' });
      const cleared = out.headers.getSetCookie().filter((c) => /^catalyst_access=/.test(c));
      expect(cleared[0]).toMatch(/Domain=example\.com/i);
    } finally {
      await t.close();
    }
  });
});

describe('GET /refresh (the page-guard bounce)', () => {
  const clock = manualClock();
  let t: TestInstance;
  beforeAll(async () => {
    t = await createTestInstance({ clock });
  });
  afterAll(() => t.close());

  it('rotates from the refresh cookie and redirects back with new cookies', async () => {
    const browser = t.newBrowser();
    await browser.client.signUp({ email: uniqueEmail(), password: PASSWORD });
    const before = browser.jar.get('catalyst_refresh');
    clock.advance(400);
    const res = await browser.fetch('/api/auth/refresh?redirect_url=%2Fdashboard%3Fx%3D1', {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://localhost:3000/dashboard?x=1');
    expect(browser.jar.get('catalyst_refresh')).not.toBe(before);
    const session = await browser.client.getSession();
    expect(session.ok && session.data.user).not.toBeNull();
  });

  it('sends a browser without a valid refresh cookie to sign-in with the return URL, never off-site', async () => {
    const res = await t
      .newBrowser()
      .fetch('/api/auth/refresh?redirect_url=https%3A%2F%2Fevil.example%2F', {
        redirect: 'manual',
      });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://localhost:3000/sign-in');
    expect(location.searchParams.get('redirect_url')).toBe('http://localhost:3000/');
  });
});

describe('api helpers and process sharing', () => {
  it('getSession returns the payload for a live token and null once revoked', async () => {
    const t = await createTestInstance();
    try {
      const user = await t.authkit.api.createUser({
        email: uniqueEmail('seed'),
        password: PASSWORD,
      });
      expect(await t.authkit.api.countUsers()).toBe(1);
      const signedIn = await t.client.signIn({ email: user.email, password: PASSWORD });
      expect(signedIn.ok).toBe(true);
      const token = t.jar.get('catalyst_access')!;
      const payload = await t.authkit.api.getSession(token);
      expect(payload?.user.id).toBe(user.id);
      expect(payload?.session.current).toBe(true);
      await t.authkit.api.revokeSession(payload!.session.id);
      expect(await t.authkit.api.getSession(token)).toBeNull();
      expect(await t.authkit.api.getSession('not-a-jwt')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('two instances on one data directory share one embedded database in a process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalyst-shared-'));
    const config = { dataDir: join(dir, 'db'), secret: 'y'.repeat(40) };
    const a = createAuthkit(config);
    const b = createAuthkit(config);
    try {
      await a.api.createUser({ email: 'shared@example.com', password: PASSWORD });
      expect(await b.api.countUsers()).toBe(1);
      expect(await a.api.store()).toBe(await b.api.store());
      await a.api.close();
      expect(await b.api.countUsers()).toBe(1); // b still holds it
    } finally {
      await b.api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
