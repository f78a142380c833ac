import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn } from '../../test/instances.js';
import { startOidcProvider, type ProviderAccount } from '../../test/oidc-provider.js';
import { member, ok, orgOf, type Browser } from '../../test/tenancy-fixtures.js';
import { createSsoClient } from '../client/sso-client.js';
import type { TestInstance } from '../testing/create-test-instance.js';

// Claim mapping on an org's provider: the provider's `groups` claim becomes roles, group
// memberships and labels at each sign-in, and what it stops granting is taken back at the next.
const API = 'http://localhost:3000/api/auth';
const CALLBACK = `${API}/sso/callback`;
const JSON_HEADERS = { 'content-type': 'application/json' };

describe.each(DRIVERS)('claim mapping (%s)', (driver) => {
  const domain = `map${Date.now().toString(36)}.example.org`;
  const txt = new Map<string, string[]>();
  const dnsResolver = { resolveTxt: async (name: string) => txt.get(name) ?? [] };
  // Changed between sign-ins: the provider's view of the person.
  const accounts: Record<string, ProviderAccount> = {
    'dev-sub': { email: `dev@${domain}`, groups: ['engineering', 'oncall'] },
    'temp-sub': { email: `temp@${domain}`, groups: ['contractors'] },
  };
  let idp: Awaited<ReturnType<typeof startOidcProvider>>;
  let t: TestInstance;
  let owner: Browser;
  let orgId: string;
  let connectionId: string;
  let oncallGroup: string;

  beforeAll(async () => {
    idp = await startOidcProvider({ redirectUri: CALLBACK, accounts });
    t = await instanceOn(driver, { dnsResolver, ssoAllowedNetworks: ['127.0.0.1/32'] });
    owner = await member(t, 'owner');
    orgId = (await orgOf(owner, 'Mapped Org')).id;
    // Auto-join on: a deprovisioned member must not come back through it.
    const claimed = ok(await owner.client.domains.add(orgId, { domain, mode: 'auto_join' }));
    txt.set(claimed.verification.name, [claimed.verification.value]);
    ok(await owner.client.domains.verify(orgId, claimed.id));
    oncallGroup = ok(await owner.client.groups.create(orgId, { name: 'On call' })).id;
    const res = await owner.fetch(`${API}/orgs/${orgId}/sso`, {
      method: 'PUT',
      headers: JSON_HEADERS,
      body: JSON.stringify({
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
      }),
    });
    connectionId = (await res.json()).id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  const call = (method: string, path: string, body?: unknown) =>
    owner.fetch(`${API}/orgs/${orgId}/sso${path}`, {
      method,
      headers: JSON_HEADERS,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const rules = () => [
    { claim: 'groups', value: 'engineering', roles: ['admin'], labels: ['team:eng'] },
    { claim: 'groups', value: 'oncall', groups: [oncallGroup] },
    { claim: 'groups', value: 'contractors', labels: ['kind:contractor'] },
  ];
  async function signIn(sub: string) {
    const browser = t.newBrowser();
    const started = await browser.fetch(`${API}/sso/${connectionId}/start`, { redirect: 'manual' });
    const back = await browser.fetch(await idp.login(started.headers.get('location')!, sub), {
      redirect: 'manual',
    });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).not.toContain('error=');
  }
  const memberOf = async (email: string) => {
    const { members } = ok(await owner.client.orgs.listMembers(orgId, { limit: 100 }));
    const found = members.find((m) => m.email === email);
    // Label order is the store's; what matters is the set.
    return found ? { ...found, labelsDelta: [...found.labelsDelta].sort() } : null;
  };

  it('saves rules, previews them without writing, and refuses bad ones naming the field', async () => {
    expect(await (await call('GET', '/mapping')).json()).toEqual({ rules: [], deprovision: false });
    const preview = await call('POST', '/mapping/preview', {
      claims: { groups: ['engineering'] },
      mapping: { rules: rules(), deprovision: true },
    });
    expect(await preview.json()).toEqual({
      roles: ['admin', 'member'],
      groups: [],
      labels: ['team:eng'],
      matched: [0],
      member: true,
    });
    // Unsaved: the saved rules are still none.
    expect((await (await call('GET', '/mapping')).json()).rules).toEqual([]);

    const bad: Array<[unknown, number, string]> = [
      [[{ claim: 'groups', value: 'x', roles: ['owner'] }], 400, 'rules.0.roles'],
      [[{ claim: 'groups', value: 'x', roles: ['ghost'] }], 400, 'rules.0.roles.0'],
      [[{ claim: 'groups', value: 'x', groups: ['grp_nope'] }], 404, 'rules.0.groups.0'],
      [[{ claim: 'a..b', value: 'x', roles: ['admin'] }], 400, 'rules.0.claim'],
      [[{ claim: 'groups', value: 'x' }], 400, 'rules.0'],
      [[{ claim: 'groups', value: 'x', labels: ['-team'] }], 400, 'rules.0.labels.0'],
    ];
    for (const [r, status, field] of bad) {
      const res = await call('PUT', '/mapping', { rules: r, deprovision: false });
      expect(res.status, JSON.stringify(r)).toBe(status);
      expect((await res.json()).field, JSON.stringify(r)).toBe(field);
    }
    expect((await (await call('GET', '/mapping')).json()).rules).toEqual([]);

    const saved = await call('PUT', '/mapping', { rules: rules(), deprovision: true });
    expect(saved.status).toBe(200);
    expect((await saved.json()).rules).toHaveLength(3);
  });

  it('grants roles, groups and labels at sign-in, and takes back what the provider stops granting', async () => {
    await signIn('dev-sub');
    const dev = await memberOf(`dev@${domain}`);
    expect(dev).toMatchObject({
      roles: ['admin', 'member'],
      groups: [oncallGroup],
      labelsDelta: ['team:eng'],
    });
    // An admin grants something by hand; the provider's changes leave it alone.
    ok(
      await owner.client.orgs.updateMember(orgId, dev!.userId, {
        labelsDelta: ['team:eng', 'region:eu'],
      }),
    );
    accounts['dev-sub']!.groups = ['engineering'];
    await signIn('dev-sub');
    expect(await memberOf(`dev@${domain}`)).toMatchObject({
      roles: ['admin', 'member'],
      groups: [],
      labelsDelta: ['region:eu', 'team:eng'],
    });
    accounts['dev-sub']!.groups = ['oncall'];
    await signIn('dev-sub');
    expect(await memberOf(`dev@${domain}`)).toMatchObject({
      roles: ['member'],
      groups: [oncallGroup],
      labelsDelta: ['region:eu'],
    });
  });

  it('deprovisions a member no rule matches at their next sign-in; their account stays', async () => {
    await signIn('temp-sub');
    expect((await memberOf(`temp@${domain}`))?.labelsDelta).toEqual(['kind:contractor']);
    accounts['temp-sub']!.groups = [];
    await signIn('temp-sub');
    expect(await memberOf(`temp@${domain}`)).toBeNull();
    const store = await t.authkit.api.store();
    expect(await store.users.findByEmail(`temp@${domain}`)).not.toBeNull();
    const audit = await (await owner.fetch(`${API}/orgs/${orgId}/audit?limit=50`)).json();
    expect(JSON.stringify(audit)).toContain('no claim rule matched');

    // An owner is never removed by a provider.
    const dev = await memberOf(`dev@${domain}`);
    ok(await owner.client.orgs.updateMember(orgId, dev!.userId, { roles: ['owner'] }));
    accounts['dev-sub']!.groups = [];
    await signIn('dev-sub');
    expect((await memberOf(`dev@${domain}`))?.roles).toContain('owner');
  });

  it('is for the org owner only (the client namespace, then an admin refused)', async () => {
    const sso = createSsoClient(owner.client).org;
    expect(ok(await sso.mapping(orgId)).deprovision).toBe(true);
    expect(ok(await sso.get(orgId)).connection).toMatchObject({ id: connectionId });
    expect(ok(await sso.preview(orgId, { groups: ['oncall'] }))).toMatchObject({
      groups: [oncallGroup],
      member: true,
    });
    const admin = await member(t, 'adm');
    ok(await owner.client.orgs.addMember(orgId, { userId: admin.userId, roles: ['admin'] }));
    for (const [method, path, body] of [
      ['GET', '/mapping', undefined],
      ['PUT', '/mapping', { rules: [], deprovision: false }],
      ['POST', '/mapping/preview', { claims: {} }],
    ] as const) {
      const res = await admin.fetch(`${API}/orgs/${orgId}/sso${path}`, {
        method,
        headers: JSON_HEADERS,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });
});
