import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { housekeeping } from '../services/housekeeping.js';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn } from '../../test/instances.js';
import { member, orgOf, type Browser } from '../../test/tenancy-fixtures.js';
import { githubClaims, startWorkloadIssuer } from '../../test/workload-issuer.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import type { CliIo } from '../cli/io.js';
import { tokenCommand } from '../cli/token-command.js';

const AUDIENCE = 'https://auth.example.com';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

describe.each(DRIVERS)('workload identity exchange (%s)', (driver) => {
  let t: TestInstance;
  let ci: Awaited<ReturnType<typeof startWorkloadIssuer>>;
  // Issuers of their own for the key rotation and the outage, so neither disturbs the others.
  let rotating: typeof ci;
  let flaky: typeof ci;
  let owner: Browser;
  let orgId: string;
  beforeAll(async () => {
    [ci, rotating, flaky] = await Promise.all([
      startWorkloadIssuer(),
      startWorkloadIssuer(),
      startWorkloadIssuer(),
    ]);
    t = await instanceOn(driver, {
      workloadIssuers: [ci.issuer, rotating.issuer, flaky.issuer],
      workloadAllowedNetworks: ['127.0.0.1/32'],
    });
    owner = await member(t, 'wl-owner');
    orgId = (await orgOf(owner, 'Workload Org')).id;
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([ci.close(), rotating.close(), flaky.close()]);
  });

  const send = (b: Browser, method: string, path: string, body?: unknown) =>
    b.fetch(`/api/auth${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });

  async function policy(body: Record<string, unknown>, org = orgId, as = owner) {
    const res = await send(as, 'POST', `/orgs/${org}/workload-policies`, {
      name: 'deploy',
      issuer: ci.issuer,
      audience: AUDIENCE,
      conditions: { repository: 'octo-org/octo-repo', ref: 'refs/heads/main' },
      scopes: ['members:read'],
      ...body,
    });
    const json = (await res.json()) as { id: string; code?: string; field?: string };
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  const exchange = (subjectToken: string, extra: Record<string, string> = {}) =>
    t.fetch('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: subjectToken,
        subject_token_type: JWT_TYPE,
        ...extra,
      }),
    });

  async function jwks(): Promise<JSONWebKeySet> {
    return (await (await t.fetch('/api/auth/.well-known/jwks.json')).json()) as JSONWebKeySet;
  }

  it('exchanges a GitHub-shaped token for an org token that verifies with the JWKS', async () => {
    const created = await policy({ name: 'main deploys', roles: ['member'] });
    const token = await ci.sign(githubClaims({ aud: AUDIENCE }));
    const res = await exchange(token);
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({
      token_type: 'Bearer',
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      scope: 'members:read',
    });
    expect(body.expires_in).toBeLessThanOrEqual(300);
    const { payload } = await jwtVerify(
      String(body.access_token),
      createLocalJWKSet(await jwks()),
      {
        issuer: 'http://localhost:3000/api/auth',
      },
    );
    expect(payload).toMatchObject({
      sub: orgId,
      org: orgId,
      client_id: created.id,
      roles: ['member'],
      permissions: ['members:read', 'org:read'],
      scopes: ['members:read'],
      amr: ['workload'],
      act: { sub: 'repo:octo-org/octo-repo:ref:refs/heads/main', iss: ci.issuer },
    });
    // It is a token for services, not a session: session APIs refuse it.
    const me = await t.fetch('/api/auth/session', {
      headers: { authorization: `Bearer ${String(body.access_token)}` },
    });
    expect(me.status).toBe(403);
    expect(await me.json()).toMatchObject({ code: 'key_token_not_accepted' });
    // The same upstream token cannot be exchanged twice.
    const again = await exchange(token);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
    // The exchange is in the org's audit log, with the workload named and no token.
    const audit = (await (
      await send(owner, 'GET', `/orgs/${orgId}/audit?action=workload.*`)
    ).json()) as { events: Array<{ action: string; actor: { type: string }; data: object }> };
    const issued = audit.events.find((e) => e.action === 'workload.token_issued');
    expect(issued?.actor.type).toBe('workload');
    expect(issued?.data).toMatchObject({
      repository: 'octo-org/octo-repo',
      scopes: ['members:read'],
    });
    expect(JSON.stringify(audit)).not.toContain(token);

    // Deleting the policy revokes what was exchanged under it: the revocation list that
    // forward-auth and other verifiers poll names the policy (the tokens' `sid`).
    const listed = async () =>
      ((await (await t.fetch('/api/auth/revocations')).json()) as { revoked: string[] }).revoked;
    expect(await listed()).not.toContain(created.id);
    const removed = await send(owner, 'DELETE', `/orgs/${orgId}/workload-policies/${created.id}`);
    expect(removed.status).toBe(204);
    expect(await listed()).toContain(created.id);
    const store = await t.authkit.api.store();
    expect(await store.tokenRevocations.revokedSince(new Date(Date.now() - 60_000))).toContain(
      created.id,
    );
    // Housekeeping forgets it once a day has passed (no token it names is alive then).
    const later = { now: () => new Date(Date.now() + 25 * 3600_000) };
    expect((await housekeeping(store, later, { outboxRetentionDays: 7 })).tokenRevocations).toBe(1);
    expect(await store.tokenRevocations.revokedSince(new Date(0))).not.toContain(created.id);
  });

  it('refuses another repository, branch, audience, an expired token, a foreign key and an untrusted issuer', async () => {
    const created = await policy({});
    const cases: Array<[string, Promise<string>, string?]> = [
      ['other repository', ci.sign(githubClaims({ aud: AUDIENCE, repository: 'evil/octo-repo' }))],
      ['other branch', ci.sign(githubClaims({ aud: AUDIENCE, ref: 'refs/heads/dev' }))],
      ['GitHub default audience', ci.sign(githubClaims({ aud: 'https://github.com/octo-org' }))],
      [
        'expired',
        ci.sign(githubClaims({ aud: AUDIENCE }), {
          iat: Math.floor(Date.now() / 1000) - 900,
          expiresIn: 300,
        }),
        'expired',
      ],
      [
        'signed by a key the issuer does not publish',
        ci.sign(githubClaims({ aud: AUDIENCE }), { key: 'foreign' }),
      ],
      [
        'untrusted issuer',
        ci.sign({
          ...githubClaims({ aud: AUDIENCE }),
          iss: 'https://token.actions.githubusercontent.com',
        }),
      ],
      ['not a JWT', Promise.resolve('not-a-jwt')],
    ];
    for (const [name, pending, reason] of cases) {
      const res = await exchange(await pending);
      const body = (await res.json()) as { error: string; reason?: string };
      expect(res.status, name).toBe(400);
      expect(body.error, name).toBe('invalid_grant');
      if (reason) expect(body.reason, name).toBe(reason);
    }
    // A wider scope than the policy grants, and an audience not served here.
    const wide = await exchange(await ci.sign(githubClaims({ aud: AUDIENCE })), {
      scope: 'members:read members:manage',
    });
    expect(await wide.json()).toMatchObject({ error: 'invalid_scope' });
    const target = await exchange(await ci.sign(githubClaims({ aud: AUDIENCE })), {
      audience: 'https://elsewhere.example.com',
    });
    expect(await target.json()).toMatchObject({ error: 'invalid_target' });
    // A disabled policy trusts nothing.
    await send(owner, 'PATCH', `/orgs/${orgId}/workload-policies/${created.id}`, {
      enabled: false,
    });
    const disabled = await exchange(await ci.sign(githubClaims({ aud: AUDIENCE })));
    expect(disabled.status).toBe(400);
    await send(owner, 'DELETE', `/orgs/${orgId}/workload-policies/${created.id}`);
  });

  // Network behaviour, the same whatever stores the policies: PostgreSQL only (it waits ~10 s).
  it.runIf(driver === 'postgres')(
    'follows a key rotation, and answers 502 when the issuer is down or hangs',
    async () => {
      const exchangeFrom = async (issuer: typeof ci) =>
        exchange(await issuer.sign(githubClaims({ aud: AUDIENCE })));
      const rotation = await policy({ issuer: rotating.issuer });
      expect((await exchangeFrom(rotating)).status).toBe(200);
      // The issuer rotates: a token with the new kid makes the keys be fetched again, once the
      // 5 s cooldown after the last fetch has passed.
      await rotating.rotate();
      await new Promise((resolve) => setTimeout(resolve, 5200));
      expect((await exchangeFrom(rotating)).status).toBe(200);

      // An issuer whose keys are not known yet: its discovery fails, then hangs.
      const outage = await policy({ issuer: flaky.issuer });
      flaky.failDiscovery(503);
      const failed = await exchangeFrom(flaky);
      expect(failed.status).toBe(502);
      expect(await failed.json()).toMatchObject({ error: 'temporarily_unavailable' });
      flaky.failDiscovery(200);
      flaky.hang(true);
      const started = Date.now();
      const hung = await exchangeFrom(flaky);
      expect(hung.status).toBe(502);
      // The fetch timeout (5 s) ends it, not the test's.
      expect(Date.now() - started).toBeLessThan(9000);
      flaky.hang(false);
      expect((await exchangeFrom(flaky)).status).toBe(200);
      for (const id of [rotation.id, outage.id]) {
        await send(owner, 'DELETE', `/orgs/${orgId}/workload-policies/${id}`);
      }
    },
    60_000,
  );

  it('needs client_id when two orgs trust the same workload, and each org sees only its own', async () => {
    const mine = await policy({});
    const rival = await member(t, 'wl-rival');
    const rivalOrg = (await orgOf(rival, 'Rival')).id;
    const theirs = await policy({}, rivalOrg, rival);
    const ambiguous = await exchange(await ci.sign(githubClaims({ aud: AUDIENCE })));
    expect(await ambiguous.json()).toMatchObject({ error: 'invalid_grant' });
    const chosen = await exchange(await ci.sign(githubClaims({ aud: AUDIENCE })), {
      client_id: mine.id,
    });
    expect(chosen.status).toBe(200);
    const claims = decodeJwt(((await chosen.json()) as { access_token: string }).access_token);
    expect(claims.org).toBe(orgId);
    // Another org's policy is a 404 to this owner, whatever the id.
    expect((await send(owner, 'GET', `/orgs/${orgId}/workload-policies/${theirs.id}`)).status).toBe(
      404,
    );
    expect(
      (await send(owner, 'GET', `/orgs/${rivalOrg}/workload-policies/${theirs.id}`)).status,
    ).toBe(404);
    const listed = (await (
      await send(owner, 'GET', `/orgs/${orgId}/workload-policies`)
    ).json()) as {
      policies: Array<{ id: string }>;
    };
    expect(listed.policies.map((p) => p.id)).toEqual([mine.id]);
    await send(owner, 'DELETE', `/orgs/${orgId}/workload-policies/${mine.id}`);
    await send(rival, 'DELETE', `/orgs/${rivalOrg}/workload-policies/${theirs.id}`);
  });

  it('`catalyst token --github-actions` asks the runner for the job token and exchanges it', async () => {
    const created = await policy({});
    const asked: string[] = [];
    // The runner's token service (ACTIONS_ID_TOKEN_REQUEST_URL) and our server, in one fetch.
    const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      if (url.host === 'runner.invalid') {
        asked.push(
          `${new Headers(init?.headers).get('authorization')} ${url.searchParams.get('audience')}`,
        );
        const aud = url.searchParams.get('audience') ?? '';
        return Response.json({ value: await ci.sign(githubClaims({ aud })) });
      }
      return t.fetch(`${url.pathname}${url.search}`, init);
    }) as typeof fetch;
    const lines: string[] = [];
    const errors: string[] = [];
    const io: CliIo = {
      out: (line: string) => lines.push(line),
      err: (line: string) => errors.push(line),
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://runner.invalid/token?api-version=2.0',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
        CATALYST_BASE_URL: 'http://localhost:3000',
      },
    };
    const code = await tokenCommand(
      io,
      { githubAudience: AUDIENCE, policy: created.id },
      fetchImpl,
    );
    expect(code, errors.join('\n')).toBe(0);
    expect(asked).toEqual([`Bearer runner-request-token ${AUDIENCE}`]);
    expect(decodeJwt(lines[0]!)).toMatchObject({ org: orgId, client_id: created.id });
    // Outside Actions (no id-token permission) it says what is missing.
    const bare: CliIo = { ...io, env: { CATALYST_BASE_URL: 'http://localhost:3000' } };
    expect(await tokenCommand(bare, { githubAudience: AUDIENCE }, fetchImpl)).toBe(2);
    expect(errors.at(-1)).toMatch(/id-token: write/);
    await send(owner, 'DELETE', `/orgs/${orgId}/workload-policies/${created.id}`);
  });

  it('refuses bad policies with a 400 naming the field, and writes nothing', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ issuer: 'https://token.actions.githubusercontent.com' }, 'issuer'],
      [{ subject: '**' }, 'subject'],
      [{ conditions: { repository: '*' } }, 'conditions.repository'],
      [{ conditions: { aud: 'x', repository: 'octo-org/x' } }, 'conditions.aud'],
      [{ scopes: [], roles: [] }, 'scopes'],
      [{ scopes: ['no:such-scope'] }, 'scopes.0'],
      [{ roles: ['no-such-role'] }, 'roles.0'],
      [{ name: 'a\u0000b' }, 'name'],
      [{ tokenTtlSeconds: 99999 }, 'tokenTtlSeconds'],
    ];
    for (const [body, field] of bad) {
      const res = await send(owner, 'POST', `/orgs/${orgId}/workload-policies`, {
        name: 'bad',
        issuer: ci.issuer,
        audience: AUDIENCE,
        conditions: { repository: 'octo-org/octo-repo' },
        scopes: ['members:read'],
        ...body,
      });
      const problem = (await res.json()) as { code: string; field?: string };
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(problem.field, JSON.stringify(body)).toBe(field);
    }
    const listed = (await (
      await send(owner, 'GET', `/orgs/${orgId}/workload-policies`)
    ).json()) as {
      policies: unknown[];
    };
    expect(listed.policies).toEqual([]);
    // An oversized subject_token is a clear 400, not a crash.
    const huge = await exchange('a'.repeat(9000));
    expect(huge.status).toBe(400);
    expect(await huge.json()).toMatchObject({ error: 'invalid_request' });
  });
});
