import { createAuthClient, type AuthClient } from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import {
  dehydrate,
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
  useQuery,
} from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AuthProvider,
  catalystMutations,
  catalystQueries,
  SessionList,
  useSessions,
} from '../index.js';
import { useOrgs as useOrgsSWR, useSessions as useSessionsSWR } from '../swr.js';

let t: TestInstance;
let client: AuthClient;
let fetchSpy: ReturnType<typeof vi.fn>;

beforeAll(async () => {
  t = await createTestInstance();
  const browser = t.newBrowser();
  await browser.client.signUp({ email: 'data@example.com', password: 'correct horse battery' });
  fetchSpy = vi.fn(browser.fetch);
  client = createAuthClient({ baseUrl: t.baseUrl, fetch: fetchSpy as typeof fetch });
  await client.getSession();
});
afterAll(() => t.close());
afterEach(cleanup);

function DeviceCount() {
  const { data } = useQuery(catalystQueries.sessions.list(client));
  return <p>{data ? `${data.length} device(s)` : 'loading'}</p>;
}

describe('catalystQueries', () => {
  it('works with a plain useQuery in an app that runs TanStack Query itself', async () => {
    const queryClient = new QueryClient();
    render(
      <QueryClientProvider client={queryClient}>
        <DeviceCount />
      </QueryClientProvider>,
    );
    await screen.findByText('1 device(s)');
    expect(queryClient.getQueryData(catalystQueries.sessions.list(client).queryKey)).toHaveLength(
      1,
    );
  });

  it("lets a server prefetch and the client hydrate: our hooks read the app's QueryClient without fetching", async () => {
    const server = new QueryClient();
    const userId = client.session.getSnapshot().data!.user.id;
    await server.prefetchQuery(catalystQueries.sessions.list(client, { userId }));
    const state = dehydrate(server);
    fetchSpy.mockClear();
    render(
      // As TanStack's SSR guide says: a staleTime above 0, so hydrated data is not refetched at once.
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { staleTime: 60_000 } } })}
      >
        <HydrationBoundary state={state}>
          <AuthProvider client={client}>
            <SessionList />
          </AuthProvider>
        </HydrationBoundary>
      </QueryClientProvider>,
    );
    // Ready on the first render: the data came with the page.
    expect(
      document.querySelector('[data-catalyst="session-list"]')?.getAttribute('data-state'),
    ).toBe('ready');
    expect(fetchSpy.mock.calls.some(([url]) => String(url).includes('/sessions'))).toBe(false);
  });

  it('keeps data hooks working with no QueryClient anywhere (one bound to the auth client)', async () => {
    function Count() {
      const { state, sessions } = useSessions();
      return <p>{state === 'ready' ? `${sessions.length} here` : state}</p>;
    }
    render(
      <AuthProvider client={client}>
        <Count />
      </AuthProvider>,
    );
    await screen.findByText('1 here');
  });
});

describe('@catalyst/react/swr', () => {
  it('offers the same resources as SWR hooks', async () => {
    function Count() {
      const { state, sessions } = useSessionsSWR();
      return <p>{state === 'ready' ? `${sessions.length} via swr` : state}</p>;
    }
    render(
      <SWRConfig value={{ provider: () => new Map() }}>
        <AuthProvider client={client}>
          <Count />
        </AuthProvider>
      </SWRConfig>,
    );
    expect(screen.getByText('loading')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('1 via swr')).toBeTruthy());
  });
});

describe('org resources', () => {
  it('key every org-scoped list by user and org, under one prefix per resource', () => {
    const scope = { userId: 'usr_1', orgId: 'org_1' };
    expect(catalystQueries.orgs.list(client, scope).queryKey).toEqual([
      'catalyst',
      'orgs',
      'list',
      'usr_1',
    ]);
    expect(catalystQueries.members.list(client, scope).queryKey).toEqual([
      'catalyst',
      'members',
      'list',
      'usr_1',
      'org_1',
    ]);
    expect(catalystQueries.groups.members(client, { ...scope, groupId: 'grp_1' }).queryKey).toEqual(
      ['catalyst', 'groups', 'members', 'usr_1', 'org_1', 'grp_1'],
    );
    expect(catalystQueries.me.effective(client, scope).queryKey).toEqual([
      'catalyst',
      'me',
      'effective',
      'usr_1',
      'org_1',
    ]);
    // Writes name exactly the prefixes they make stale.
    expect(catalystMutations.roles.create(client).invalidates).toEqual([catalystQueries.roles.all]);
    expect(catalystMutations.members.remove(client).invalidates).toContainEqual(
      catalystQueries.orgs.all,
    );
  });

  it('refuses an org-scoped fetch without an org', async () => {
    await expect(
      catalystQueries.roles.list(client, { userId: 'usr_1', orgId: null }).queryFn(),
    ).rejects.toMatchObject({ code: 'invalid_request', field: 'orgId' });
  });

  it('pages a list through nextCursor, and offers my orgs through SWR', async () => {
    await client.orgs.create({ name: 'Resource Org', slug: 'resource-org' });
    const { queryFn, getNextPageParam } = catalystQueries.orgs.list(client);
    const first = await queryFn({ pageParam: null });
    expect(first.items.map((o) => o.slug)).toContain('resource-org');
    expect(getNextPageParam(first)).toBeNull();
    function Orgs() {
      const { state, orgs } = useOrgsSWR();
      return <p>{state === 'ready' ? orgs.map((o) => o.slug).join(',') : state}</p>;
    }
    render(
      <SWRConfig value={{ provider: () => new Map() }}>
        <AuthProvider client={client}>
          <Orgs />
        </AuthProvider>
      </SWRConfig>,
    );
    await screen.findByText('resource-org');
  });
});
