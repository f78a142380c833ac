import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn, PASSWORD } from '../../test/instances.js';
import { startOidcProvider } from '../../test/oidc-provider.js';
import { member, ok, orgOf, txtRecords, type Browser } from '../../test/tenancy-fixtures.js';
import type { TestInstance } from '../testing/create-test-instance.js';

// An org connects its own OpenID provider (oidc-provider on a loopback port, allowed through
// ssoAllowedNetworks): routing by verified domain, just-in-time membership, "SSO required",
// and what an org's provider may not do (speak for other domains, take over an operator).
const API = 'http://localhost:3000/api/auth';
const CALLBACK = `${API}/sso/callback`;
const JSON_HEADERS = { 'content-type': 'application/json' };

describe.each(DRIVERS)('org sign-in providers (%s)', (driver) => {
  const domain = `sso${Date.now().toString(36)}.example.org`;
  const { dnsResolver, verify } = txtRecords();
  let idp: Awaited<ReturnType<typeof startOidcProvider>>;
  let t: TestInstance;
  let owner: Browser;
  let orgId: string;

  beforeAll(async () => {
    idp = await startOidcProvider({
      redirectUri: CALLBACK,
      accounts: {
        'ann-sub': { email: `ann@${domain}`, name: 'Ann' },
        'kim-sub': { email: `kim@${domain}`, email_verified: false, name: 'Kim' },
        // An org's provider naming an address outside the org's domains.
        'out-sub': { email: 'outsider@elsewhere.example.com', email_verified: true },
        'op-sub': { email: `ops@${domain}`, email_verified: true },
      },
    });
    t = await instanceOn(driver, {
      dnsResolver,
      ssoAllowedNetworks: ['127.0.0.1/32'],
      adminEmail: `ops@${domain}`,
      adminPassword: PASSWORD,
      idpTimeoutSeconds: 2,
      magicLinks: true,
    });
    owner = await member(t, 'owner');
    orgId = (await orgOf(owner, 'SSO Org')).id;
    await verify(owner, orgId, domain);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const put = (browser: Browser, id: string, body: Record<string, unknown>) =>
    browser.fetch(`${API}/orgs/${id}/sso`, {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: JSON.stringify(body),
    });
  const connect = (extra: Record<string, unknown> = {}) =>
    put(owner, orgId, {
      name: 'Acme Okta',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      ...extra,
    });
  const route = async (email: string) =>
    (await (
      await t.fetch(`${API}/sso/route`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ email }),
      })
    ).json()) as { connection: { id: string; name: string; required: boolean } | null };

  async function signIn(browser: ReturnType<TestInstance['newBrowser']>, id: string, sub: string) {
    const started = await browser.fetch(`${API}/sso/${id}/start`, { redirect: 'manual' });
    expect(started.status).toBe(302);
    return browser.fetch(await idp.login(started.headers.get('location')!, sub), {
      redirect: 'manual',
    });
  }

  it('connects a provider (owners only), never shows its secret, and routes the domain to it', async () => {
    expect(await route(`ann@${domain}`)).toEqual({ connection: null });
    const res = await connect();
    expect(res.status).toBe(200);
    const saved = await res.json();
    expect(saved).toMatchObject({
      id: expect.stringMatching(/^ssoc_/),
      orgId,
      issuer: idp.issuer,
      hasClientSecret: true,
      defaultRole: 'member',
      required: false,
      redirectUri: CALLBACK,
    });
    expect(JSON.stringify(saved)).not.toContain(idp.clientSecret);
    const read = await (await owner.fetch(`${API}/orgs/${orgId}/sso`)).json();
    expect(read.connection.id).toBe(saved.id);
    expect(JSON.stringify(read)).not.toContain(idp.clientSecret);
    expect(await route(`Someone@${domain.toUpperCase()}`)).toEqual({
      connection: { id: saved.id, name: 'Acme Okta', required: false },
    });
    expect(await route('someone@unrelated.example.com')).toEqual({ connection: null });
    // Org providers are routed to by domain, not listed to everyone.
    expect(await (await t.fetch(`${API}/sso/providers`)).json()).toEqual({ providers: [] });

    // An admin (not an owner) and an outsider may not read or change it.
    const admin = await member(t, 'adm');
    ok(await owner.client.orgs.addMember(orgId, { userId: admin.userId, roles: ['admin'] }));
    expect((await admin.fetch(`${API}/orgs/${orgId}/sso`)).status).toBe(403);
    expect((await put(admin, orgId, { issuer: idp.issuer, clientId: 'x' })).status).toBe(403);
    const outsider = await member(t, 'out');
    expect((await outsider.fetch(`${API}/orgs/${orgId}/sso`)).status).toBe(404);
    expect((await put(outsider, orgId, { issuer: idp.issuer, clientId: 'x' })).status).toBe(404);
  });

  it('signs a new person at the domain in and makes them a member (just in time)', async () => {
    const { connection } = await route(`ann@${domain}`);
    const browser = t.newBrowser();
    const back = await signIn(browser, connection!.id, 'ann-sub');
    expect(back.headers.get('location')).toBe('http://localhost:3000/');
    const session = await (await browser.fetch(`${API}/session`)).json();
    // The org verified the domain: its provider is the authority for the address.
    expect(session.user).toMatchObject({ email: `ann@${domain}`, emailVerified: true });
    const orgs = await (await browser.fetch(`${API}/orgs`)).json();
    expect(JSON.stringify(orgs)).toContain(orgId);
    const again = t.newBrowser();
    await signIn(again, connection!.id, 'ann-sub');
    expect((await (await again.fetch(`${API}/session`)).json()).user.email).toBe(`ann@${domain}`);
  });

  it('refuses an address outside the org domains, and never takes over an operator', async () => {
    const { connection } = await route(`ann@${domain}`);
    const outside = t.newBrowser();
    const refused = await signIn(outside, connection!.id, 'out-sub');
    expect(refused.headers.get('location')).toContain('error=sso_domain_mismatch');
    expect((await (await outside.fetch(`${API}/session`)).json()).user).toBeNull();
    const store = await t.authkit.api.store();
    expect(await store.users.findByEmail('outsider@elsewhere.example.com')).toBeNull();

    // The platform admin's address is at the domain: the org's provider cannot sign in as them.
    const operator = t.newBrowser();
    const denied = await signIn(operator, connection!.id, 'op-sub');
    expect(denied.headers.get('location')).toContain('error=link_confirmation_required');
    expect((await (await operator.fetch(`${API}/session`)).json()).user).toBeNull();
  });

  it('never links an account whose owner did not prove the address (registered first by someone else)', async () => {
    // An attacker registers the address before its owner arrives through the org's provider.
    const { connection } = await route(`ann@${domain}`);
    const early = await t
      .newBrowser()
      .client.signUp({ email: `kim@${domain}`, password: PASSWORD });
    expect(early.ok).toBe(true);
    const victim = t.newBrowser();
    const res = await signIn(victim, connection!.id, 'kim-sub');
    expect(res.headers.get('location')).toContain('error=link_confirmation_required');
    expect((await (await victim.fetch(`${API}/session`)).json()).user).toBeNull();
    const store = await t.authkit.api.store();
    const kim = await store.users.findByEmail(`kim@${domain}`);
    expect(await store.identities.listForUser(kim!.id)).toEqual([]);
  });

  it('keeps the stored secret only for the issuer and client it was given for', async () => {
    const moved = await put(owner, orgId, {
      issuer: 'https://93.184.215.14',
      clientId: idp.clientId,
    });
    expect(moved.status).toBe(400);
    expect(await moved.json()).toMatchObject({ code: 'invalid_request', field: 'clientSecret' });
    // The same issuer and client keep it without sending it again.
    const same = await put(owner, orgId, { issuer: idp.issuer, clientId: idp.clientId });
    expect((await same.json()).hasClientSecret).toBe(true);
  });

  it('with SSO required, refuses password and email-link sign-in at the domain', async () => {
    const colleague = `lee@${domain}`;
    await t.newBrowser().client.signUp({ email: colleague, password: PASSWORD });
    expect((await connect({ required: true })).status).toBe(200);
    expect((await route(colleague)).connection?.required).toBe(true);
    const refused = await t.newBrowser().client.signIn({ email: colleague, password: PASSWORD });
    expect(refused.ok || refused.error).toMatchObject({
      status: 403,
      code: 'sso_required',
      field: 'email',
    });
    // No new password accounts at the domain either.
    const signUp = await t.newBrowser().client.signUp({
      email: `new-${Date.now().toString(36)}@${domain}`,
      password: PASSWORD,
    });
    expect(signUp.ok || signUp.error).toMatchObject({ status: 403, code: 'sso_required' });
    const link = await t.newBrowser().fetch(`${API}/magic-link`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ email: colleague }),
    });
    expect(link.status).toBe(403);
    expect((await link.json()).code).toBe('sso_required');
    // The platform operator keeps their own way in.
    const operator = await t.newBrowser().client.signIn({
      email: `ops@${domain}`,
      password: PASSWORD,
    });
    expect(operator.ok).toBe(true);
    // Elsewhere nothing changes.
    expect((await owner.client.signIn({ email: owner.email, password: PASSWORD })).ok).toBe(true);
    expect((await connect({ required: false })).status).toBe(200);
    expect((await t.newBrowser().client.signIn({ email: colleague, password: PASSWORD })).ok).toBe(
      true,
    );
  });

  it('turning SSO required on ends the sessions at its domains that did not come through it', async () => {
    const signedInAs = async (browser: Browser | ReturnType<TestInstance['newBrowser']>) =>
      ((await (await browser.fetch(`${API}/session`)).json()) as { user: { email: string } | null })
        .user?.email ?? null;
    const byPassword = async (email: string) => {
      const browser = t.newBrowser();
      const made = await browser.client.signUp({ email, password: PASSWORD });
      if (!made.ok) ok(await browser.client.signIn({ email, password: PASSWORD }));
      expect(await signedInAs(browser)).toBe(email);
      return browser;
    };
    const max = await byPassword(`max@${domain}`);
    const operator = t.newBrowser();
    ok(await operator.client.signIn({ email: `ops@${domain}`, password: PASSWORD }));
    const elsewhere = await byPassword(`someone-${Date.now().toString(36)}@example.com`);
    const { connection } = await route(`ann@${domain}`);
    const ann = t.newBrowser();
    await signIn(ann, connection!.id, 'ann-sub');
    const annClaims = await t.authkit.api.verifyAccessToken(ann.jar.get('catalyst_access')!);
    const store = await t.authkit.api.store();
    expect((await store.sessions.findById(annClaims.sid as string))?.ssoConnectionId).toBe(
      connection!.id,
    );
    const maxToken = max.jar.get('catalyst_access');
    const maxRefresh = max.jar.get('catalyst_refresh');
    expect(maxToken && maxRefresh).toBeTruthy();

    expect((await connect({ required: true })).status).toBe(200);
    // The password session at the domain is over, access token and refresh token alike.
    expect(await signedInAs(max)).toBeNull();
    expect(await t.authkit.api.getSession(maxToken!)).toBeNull();
    const refresh = await t.fetch(`${API}/token`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: maxRefresh }),
    });
    expect(refresh.status).toBe(400);
    expect((await refresh.json()).error).toBe('invalid_grant');
    // The provider's own sign-in, the operator and people elsewhere keep theirs; so does the owner.
    expect(await signedInAs(ann)).toBe(`ann@${domain}`);
    expect(await signedInAs(operator)).toBe(`ops@${domain}`);
    expect(await signedInAs(elsewhere)).not.toBeNull();
    expect(await signedInAs(owner)).toBe(owner.email);
    // Saving again while it stays required ends nothing more.
    const again = await byPassword(`ops-helper-${Date.now().toString(36)}@example.com`);
    expect((await connect({ required: true })).status).toBe(200);
    expect(await signedInAs(again)).not.toBeNull();

    // A domain verified while the provider is required: its password sessions end too.
    const second = `two-${domain}`;
    const zed = await byPassword(`zed@${second}`);
    await verify(owner, orgId, second);
    expect(await signedInAs(zed)).toBeNull();
    expect(await signedInAs(owner)).toBe(owner.email);

    const events = await store.audit.list({ limit: 50 });
    const ended = events.filter((e) => e.action === 'sso_connection.sessions_ended');
    // Newest first: zed's at the new domain; before it max's and the earlier test's lee's.
    expect(ended.slice(0, 2).map((e) => e.data['count'])).toEqual([1, 2]);
    expect(ended[0]!.data['domains']).toEqual(expect.arrayContaining([domain, second]));
    expect((await connect({ required: false })).status).toBe(200);
  });

  it('refuses internal and malformed issuers, bad scopes and roles, with nothing saved', async () => {
    const before = await (await owner.fetch(`${API}/orgs/${orgId}/sso`)).json();
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ issuer: 'http://10.0.0.8' }, 400, 'invalid_issuer', 'issuer'],
      [{ issuer: 'http://[::1]:9' }, 400, 'invalid_issuer', 'issuer'],
      [{ issuer: 'https://169.254.169.254' }, 400, 'invalid_issuer', 'issuer'],
      [{ issuer: 'ftp://example.com' }, 400, 'invalid_request', 'issuer'],
      [{ issuer: 'https://example.com/?x=1' }, 400, 'invalid_request', 'issuer'],
      [{ scopes: ['email'] }, 400, 'invalid_request', 'scopes'],
      [{ defaultRole: 'owner' }, 400, 'invalid_request', 'defaultRole'],
      [{ defaultRole: 'nope' }, 400, 'unknown_role', 'defaultRole.0'],
      [{ clientId: 'a\u0000b' }, 400, 'invalid_request', 'clientId'],
      [{ clientId: 'x'.repeat(300) }, 400, 'invalid_request', 'clientId'],
      [{ extra: true }, 400, 'invalid_request', ''],
    ];
    for (const [change, status, code, field] of cases) {
      const res = await connect(change);
      expect(res.status, JSON.stringify(change)).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = await res.json();
      expect(body.code, JSON.stringify(change)).toBe(code);
      if (field) expect(body.field, JSON.stringify(change)).toBe(field);
    }
    expect(await (await owner.fetch(`${API}/orgs/${orgId}/sso`)).json()).toEqual(before);
  });

  it('a provider that does not answer is a 502, and a deleted connection routes nowhere', async () => {
    const other = await member(t, 'o2');
    const otherOrg = (await orgOf(other, 'Quiet Org')).id;
    // Unreachable: a closed port on an allowed network.
    const saved = await (
      await put(other, otherOrg, { issuer: 'http://127.0.0.1:9', clientId: 'quiet' })
    ).json();
    const started = await t.newBrowser().fetch(`${API}/sso/${saved.id}/start`, {
      redirect: 'manual',
    });
    expect(started.status).toBe(502);
    expect((await started.json()).code).toBe('idp_unavailable');

    const { connection } = await route(`ann@${domain}`);
    const del = await owner.fetch(`${API}/orgs/${orgId}/sso`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await route(`ann@${domain}`)).toEqual({ connection: null });
    const gone = await t.newBrowser().fetch(`${API}/sso/${connection!.id}/start`, {
      redirect: 'manual',
    });
    expect(gone.status).toBe(404);
    expect((await owner.fetch(`${API}/orgs/${orgId}/sso`, { method: 'DELETE' })).status).toBe(404);
    // Its members keep their accounts (and their passwords, if any).
    const store = await t.authkit.api.store();
    expect(await store.users.findByEmail(`ann@${domain}`)).not.toBeNull();
  });
});
