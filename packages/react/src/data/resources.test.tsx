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
import { AuthProvider, catalystQueries, SessionList, useSessions } from '../index.js';
import { useSessions as useSessionsSWR } from '../swr.js';

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
