import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  clientFor,
  createOrg,
  problem,
  signUp,
  type Person,
} from '../test/org-world.js';
import { SWRConfig } from 'swr';
import { AuthProvider, catalystMutations, catalystQueries, KeyManager } from './index.js';
import { useKeys as useKeysSWR } from './swr.js';

let t: TestInstance;
let ada: Person;
let grace: Person;
let alan: Person;

beforeAll(async () => {
  t = await createTestInstance({ scopes: ['reports:read'] });
  [ada, grace, alan] = await Promise.all([signUp(t, 'Ada'), signUp(t, 'Grace'), signUp(t, 'Alan')]);
});
afterAll(() => t.close());
afterEach(cleanup);

const root = () => document.querySelector('[data-catalyst="key-manager"]')!;

describe('KeyManager', () => {
  it("manages an org's keys for an admin: scopes are app scopes and held permissions", async () => {
    const user = userEvent.setup();
    const org = await createOrg(ada, 'Keys Org');
    await addMember(ada, org, grace, ['admin']);
    const queryClient = new QueryClient();
    render(
      <AuthProvider client={await clientFor(grace, { org })} queryClient={queryClient}>
        <KeyManager orgId={org.id} />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('empty'));
    expect(root().getAttribute('data-owner')).toBe('org');
    const form = await screen.findByRole('form', { name: 'New API key' });
    const scopes = within(form).getByRole('group', { name: 'Scopes' });
    await waitFor(() => expect(scopes.getAttribute('data-state')).toBe('ready'));
    const offered = within(scopes)
      .getAllByRole('checkbox')
      .map((box) => (box as HTMLInputElement).value);
    expect(offered).toContain('reports:read');
    expect(offered).toContain('members:read');
    // An admin does not hold org:transfer: a key of theirs cannot carry it.
    expect(offered).not.toContain('org:transfer');

    // The caller's own keys are cached too; an org key must leave them alone.
    const mine = catalystQueries.keys.list(await clientFor(grace), {
      userId: grace.id,
      owner: 'me',
    });
    await queryClient.prefetchInfiniteQuery(mine);
    await user.type(within(form).getByLabelText('Key name'), 'Deploy');
    await user.click(within(scopes).getByLabelText('members:read'));
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    await screen.findByLabelText('Your new API key');
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(queryClient.getQueryState(mine.queryKey)?.isInvalidated).toBe(false);
    const keys = await grace.client.keys.org(org.id).list();
    expect(keys.ok && keys.data.keys.map((k) => [k.name, k.scopes, k.owner])).toEqual([
      ['Deploy', ['members:read'], { type: 'org', id: org.id }],
    ]);
  });

  it('is forbidden for a plain member of the org, with no request for the keys', async () => {
    const org = await createOrg(ada, 'Member Keys Org');
    await addMember(ada, org, alan, ['member']);
    await ada.client.keys.org(org.id).create({ name: 'Hidden' });
    const asked: string[] = [];
    const record = (request: Request) => {
      asked.push(request.url);
      return problem(403, 'forbidden', 'requires the permission keys:manage');
    };
    const client = await clientFor(alan, {
      org,
      stubs: { 'GET /orgs/:orgId/keys': record, 'GET /orgs/:orgId/keys/scopes': record },
    });
    render(
      <AuthProvider client={client}>
        <KeyManager orgId={org.id} />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.getByText('You do not have permission to manage these API keys.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.queryByText('Hidden')).toBeNull();
    expect(document.querySelector('[data-catalyst="key-list"]')).toBeNull();
    expect(asked).toEqual([]);
    // The server agrees.
    const listed = await alan.client.keys.org(org.id).list();
    expect(!listed.ok && listed.error.status).toBe(403);
  });

  it("treats the server's 403 as forbidden (before the caller's permissions are known)", async () => {
    const org = await createOrg(ada, 'Unknown Keys Org');
    await addMember(ada, org, alan, ['member']);
    // Another org than the active one: its permissions come from GET /me/effective, which
    // never answers here, so only the keys request can tell.
    const client = await clientFor(alan, {
      stubs: { 'GET /me/effective': () => new Promise<Response>(() => {}) },
    });
    render(
      <AuthProvider client={client}>
        <KeyManager orgId={org.id} />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('forbidden'));
    expect(screen.queryByRole('form')).toBeNull();
  });

  it("defaults to the caller's own keys, even with an active org", async () => {
    const org = await createOrg(ada, 'Own Keys Org');
    await ada.client.keys.create({ name: 'Personal' });
    render(
      <AuthProvider client={await clientFor(ada, { org })}>
        <KeyManager />
      </AuthProvider>,
    );
    await waitFor(() => expect(root().getAttribute('data-state')).toBe('ready'));
    expect(root().getAttribute('data-owner')).toBe('me');
    await screen.findByText('Personal');
  });
});

describe('key resources', () => {
  it("key lists by owner, then user and status; writes invalidate only that owner's lists", async () => {
    const client = await clientFor(ada);
    const mine = { userId: 'usr_1', owner: 'me' as const };
    const org = { userId: 'usr_1', owner: { orgId: 'org_1' } };
    expect(catalystQueries.keys.list(client, mine).queryKey).toEqual([
      'catalyst',
      'keys',
      'me',
      'list',
      'usr_1',
      'all',
    ]);
    expect(catalystQueries.keys.list(client, { ...org, status: 'revoked' }).queryKey).toEqual([
      'catalyst',
      'keys',
      'org_1',
      'list',
      'usr_1',
      'revoked',
    ]);
    expect(catalystQueries.keys.scopes(client, org).queryKey).toEqual([
      'catalyst',
      'keys',
      'org_1',
      'scopes',
      'usr_1',
    ]);
    for (const write of ['create', 'update', 'revoke', 'reroll'] as const) {
      expect(catalystMutations.keys[write](client, org.owner).invalidates).toEqual([
        ['catalyst', 'keys', 'org_1', 'list'],
      ]);
      expect(catalystMutations.keys[write](client, 'me').invalidates).toEqual([
        catalystQueries.keys.lists('me'),
      ]);
    }
  });

  it('offers the keys through SWR too; the secret stays out of its cache', async () => {
    const user = userEvent.setup();
    const cache = new Map();
    let secret = '';
    function Keys() {
      const keys = useKeysSWR();
      return (
        <>
          <p data-testid="swr-keys">
            {keys.state === 'loading'
              ? 'loading'
              : keys.keys.map((k) => k.name).join(',') || keys.state}
          </p>
          <button
            type="button"
            onClick={async () => {
              const result = await keys.create({ name: 'From SWR' });
              if (result.ok) secret = result.data.secret;
            }}
          >
            Create
          </button>
        </>
      );
    }
    render(
      <SWRConfig value={{ provider: () => cache }}>
        <AuthProvider client={await clientFor(grace)}>
          <Keys />
        </AuthProvider>
      </SWRConfig>,
    );
    await waitFor(() => expect(screen.getByTestId('swr-keys').textContent).not.toBe('loading'));
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.getByTestId('swr-keys').textContent).toContain('From SWR'));
    expect(secret).toMatch(/^ck_test_/);
    expect(JSON.stringify([...cache.values()])).not.toContain(secret);
  });
});
