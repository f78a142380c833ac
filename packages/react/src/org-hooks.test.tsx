import { createAuthClient, type SessionPayload } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMember, clientFor, createOrg, signUp, type Person } from '../test/org-world.js';
import {
  AuthProvider,
  Gate,
  PlanGate,
  useAuthClient,
  useEffectiveIdentity,
  useGate,
  useMembership,
  useOrg,
  useOrgs,
  usePermission,
  type GateRequirement,
} from './index.js';

let t: TestInstance;
let ada: Person;
let grace: Person;

beforeAll(async () => {
  t = await createTestInstance();
  [ada, grace] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace')]);
});
afterAll(() => t.close());
afterEach(cleanup);

/** A session for the gate tests (no server needed: the gate reads the session only). */
function session(org: Partial<NonNullable<SessionPayload['org']>> | null): SessionPayload {
  const now = '2025-01-01T00:00:00.000Z';
  return {
    user: {
      id: 'usr_1',
      email: 'a@example.com',
      emailVerified: true,
      name: 'A',
      createdAt: now,
      updatedAt: now,
    },
    session: {
      id: 'ses_1',
      userId: 'usr_1',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now,
      ip: null,
      userAgent: null,
      device: null,
      amr: ['pwd'],
      authTime: now,
    },
    org: org && {
      id: 'org_1',
      slug: 'acme',
      name: 'Acme',
      roles: [],
      permissions: [],
      groups: [],
      labels: [],
      plan: null,
      features: [],
      ...org,
    },
  };
}

const offline = (initialSession: SessionPayload | null) =>
  createAuthClient({
    baseUrl: 'http://localhost',
    fetch: () => Promise.reject(new TypeError('offline')),
    initialSession,
  });

describe('useOrgs / useOrg', () => {
  it('lists my orgs with my roles, and reads the active org at once and in full', async () => {
    const acme = await createOrg(ada, 'Hooks Acme');
    await ada.client.orgs.update(acme.id, { profile: { website: 'https://acme.example' } });
    const other = await createOrg(grace, 'Hooks Other');
    await addMember(grace, other, ada, ['member']);
    function Probe() {
      const orgs = useOrgs();
      const org = useOrg();
      return (
        <>
          <p data-testid="orgs">
            {orgs.state}:{orgs.items.map((o) => `${o.name}=${o.roles.join('+')}`).join(',')}
          </p>
          <p data-testid="active">{orgs.activeOrgId}</p>
          <p data-testid="org">
            {org.state}|{org.active?.name}|{org.org?.profile.website}
          </p>
        </>
      );
    }
    render(
      <AuthProvider client={await clientFor(ada, { org: acme })}>
        <Probe />
      </AuthProvider>,
    );
    // The session's view is there on the first render.
    expect(screen.getByTestId('org').textContent).toBe('loading|Hooks Acme|');
    await waitFor(() =>
      expect(screen.getByTestId('org').textContent).toBe('ready|Hooks Acme|https://acme.example'),
    );
    await waitFor(() => expect(screen.getByTestId('orgs').textContent).toMatch(/^ready:/));
    expect(screen.getByTestId('orgs').textContent).toContain('Hooks Acme=owner');
    expect(screen.getByTestId('orgs').textContent).toContain('Hooks Other=member');
    expect(screen.getByTestId('active').textContent).toBe(acme.id);
  });
});

describe('useMembership / usePermission / useEffectiveIdentity', () => {
  it('reads roles and permissions from the session, with wildcards', async () => {
    const org = await createOrg(ada, 'Membership Org');
    await addMember(ada, org, grace, ['admin']);
    function Probe() {
      const membership = useMembership();
      const canManage = usePermission('members:manage');
      const canDelete = usePermission('org:delete');
      return (
        <p>
          {membership.status} {membership.roles.join(',')} manage={String(canManage)} delete=
          {String(canDelete)} any={String(membership.can('members:manage'))} admin=
          {String(membership.hasRole('admin'))}
        </p>
      );
    }
    render(
      <AuthProvider client={await clientFor(grace, { org })}>
        <Probe />
      </AuthProvider>,
    );
    expect(
      screen.getByText('member admin manage=true delete=false any=true admin=true'),
    ).toBeTruthy();
  });

  it('follows a switch of the active org at once', async () => {
    const user = userEvent.setup();
    const a = await createOrg(ada, 'Switch A');
    function Probe() {
      const client = useAuthClient();
      const { status, org } = useMembership();
      return (
        <button onClick={() => void client.setActiveOrg(a.id)}>
          {status}:{org?.name ?? 'none'}:{String(usePermission('org:delete'))}
        </button>
      );
    }
    render(
      <AuthProvider client={await clientFor(ada)}>
        <Probe />
      </AuthProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('none:none:false');
    await user.click(screen.getByRole('button'));
    await waitFor(() =>
      expect(screen.getByRole('button').textContent).toBe('member:Switch A:true'),
    );
  });

  it('loads the effective identity for the active org or another', async () => {
    const mine = await createOrg(ada, 'Effective Mine');
    const theirs = await createOrg(grace, 'Effective Theirs');
    await addMember(grace, theirs, ada, ['member']);
    function Probe({ org }: { org?: string | null }) {
      const { state, identity } = useEffectiveIdentity(org === undefined ? {} : { org });
      return (
        <p data-testid={String(org)}>
          {state}:{identity?.orgId ?? 'none'}:{identity?.roles.join(',')}:
          {identity?.permissions.join(',')}
        </p>
      );
    }
    render(
      <AuthProvider client={await clientFor(ada, { org: mine })}>
        <Probe />
        <Probe org={theirs.id} />
        <Probe org={null} />
      </AuthProvider>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('undefined').textContent).toBe(`ready:${mine.id}:owner:*`),
    );
    await waitFor(() =>
      expect(screen.getByTestId(theirs.id).textContent).toBe(
        `ready:${theirs.id}:member:members:read,org:read`,
      ),
    );
    await waitFor(() => expect(screen.getByTestId('null').textContent).toBe('ready:none::'));
  });

  it('is forbidden signed out', async () => {
    function Probe() {
      return <p>{useEffectiveIdentity().state}</p>;
    }
    render(
      <AuthProvider
        client={createAuthClient({
          baseUrl: t.baseUrl,
          fetch: t.newBrowser().fetch,
          initialSession: null,
        })}
      >
        <Probe />
      </AuthProvider>,
    );
    await screen.findByText('forbidden');
  });
});

describe('Gate require / PlanGate', () => {
  const cases: Array<[string, SessionPayload | null, GateRequirement, boolean]> = [
    ['signed out', null, {}, false],
    ['no requirement', session(null), {}, true],
    ['any org, none active', session(null), { org: true }, false],
    ['any org', session({}), { org: true }, true],
    ['that org by slug', session({}), { org: 'acme' }, true],
    ['another org', session({}), { org: 'globex' }, false],
    ['role held', session({ roles: ['admin'] }), { role: 'admin' }, true],
    ['any of the roles', session({ roles: ['admin'] }), { role: ['owner', 'admin'] }, true],
    ['role missing', session({ roles: ['member'] }), { role: 'admin' }, false],
    [
      'permission by wildcard',
      session({ permissions: ['members:*'] }),
      { permission: 'members:manage' },
      true,
    ],
    ['permission by *', session({ permissions: ['*'] }), { permission: 'org:delete' }, true],
    [
      'every permission',
      session({ permissions: ['org:read'] }),
      { permission: ['org:read', 'org:update'] },
      false,
    ],
    ['label', session({ labels: ['region:eu'] }), { label: 'region:eu' }, true],
    ['label any value', session({ labels: ['region:eu'] }), { label: 'region:*' }, true],
    ['label missing', session({ labels: ['region:us'] }), { label: 'region:eu' }, false],
    ['plan', session({ plan: 'pro' }), { plan: 'pro' }, true],
    ['plan any of', session({ plan: 'team' }), { plan: ['pro', 'team'] }, true],
    ['plan missing', session({ plan: null }), { plan: 'pro' }, false],
    ['entitlement', session({ features: ['sso'] }), { entitlement: 'sso' }, true],
    ['scope: a session is not a scoped token', session({}), { scope: 'keys:read' }, true],
    ['mfa: unknown for a session', session({}), { mfa: true }, false],
    [
      'policy rule shape (plural keys)',
      session({ roles: ['admin'], permissions: ['members:manage'] }),
      { roles: ['admin'], permissions: ['members:manage'] },
      true,
    ],
    [
      'every key must hold',
      session({ roles: ['admin'], plan: 'free' }),
      { role: 'admin', plan: 'pro' },
      false,
    ],
  ];

  it.each(cases)('%s', (_name, payload, requirement, allowed) => {
    render(
      <AuthProvider client={offline(payload)}>
        <Gate require={requirement} fallback={<span>denied</span>}>
          <span>allowed</span>
        </Gate>
      </AuthProvider>,
    );
    expect(screen.getByText(allowed ? 'allowed' : 'denied')).toBeTruthy();
  });

  it('keeps the old props working and shows `loading` while the session loads', () => {
    function State() {
      return <span>{useGate({ role: 'admin' })}</span>;
    }
    render(
      <AuthProvider
        client={createAuthClient({
          baseUrl: 'http://localhost',
          fetch: () => new Promise(() => undefined),
        })}
      >
        <Gate loading={<span>wait</span>} fallback={<span>no</span>}>
          yes
        </Gate>
        <State />
      </AuthProvider>,
    );
    expect(screen.getByText('wait')).toBeTruthy();
    expect(screen.getByText('loading')).toBeTruthy();
  });

  it('PlanGate shows children on the plan, the fallback otherwise', () => {
    render(
      <AuthProvider client={offline(session({ plan: 'pro' }))}>
        <PlanGate plan="pro" fallback={<span>upgrade</span>}>
          <span>pro feature</span>
        </PlanGate>
        <PlanGate plan={['enterprise']} fallback={<span>talk to sales</span>}>
          <span>enterprise feature</span>
        </PlanGate>
      </AuthProvider>,
    );
    expect(screen.getByText('pro feature')).toBeTruthy();
    expect(screen.getByText('talk to sales')).toBeTruthy();
    expect(screen.queryByText('enterprise feature')).toBeNull();
  });
});
