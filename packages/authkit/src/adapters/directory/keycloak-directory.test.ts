import { HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryError } from '../../ports/directory.js';
import { createKeycloakDirectory, type KeycloakDirectoryOptions } from './keycloak-directory.js';
import { iteratePages } from './shared.js';
import {
  KEYCLOAK_BASE,
  REALM,
  createKeycloakMock,
  keycloakUser,
  type KeycloakMock,
} from './testing/keycloak-mock.js';

const TOKEN = 'kc-static-token-should-never-leak';

let mock: KeycloakMock;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  mock = createKeycloakMock();
  server.resetHandlers(...mock.handlers);
  mock.users.push(
    keycloakUser('u-ada', {
      username: 'ada',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
    }),
    keycloakUser('u-bob', {
      username: 'bob',
      enabled: false,
      emailVerified: false,
      firstName: undefined,
      lastName: undefined,
    }),
    ...Array.from({ length: 3 }, (_, i) => keycloakUser(`u-${i}`)),
  );
  mock.groups.push(
    { id: 'g-eng', name: 'Engineering', path: '/Engineering', members: ['u-ada', 'u-bob', 'u-0'] },
    {
      id: 'g-platform',
      name: 'Platform',
      path: '/Engineering/Platform',
      parentId: 'g-eng',
      members: ['u-ada'],
    },
    {
      id: 'g-sre',
      name: 'SRE',
      path: '/Engineering/Platform/SRE',
      parentId: 'g-platform',
      members: [],
    },
    { id: 'g-sales', name: 'Sales', path: '/Sales', members: ['u-1'] },
  );
});

function directory(overrides: Partial<KeycloakDirectoryOptions> = {}) {
  return createKeycloakDirectory({
    baseUrl: KEYCLOAK_BASE,
    realm: REALM,
    credentials: { accessToken: TOKEN },
    timeoutMs: 2_000,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<DirectoryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DirectoryError);
  return error as DirectoryError;
}

describe('keycloak directory: reading', () => {
  it('maps users and pages with first/max until a short page', async () => {
    const dir = directory();
    const first = await dir.listUsers({ limit: 2 });
    expect(first).toEqual({
      items: [
        {
          externalId: 'u-ada',
          username: 'ada',
          email: 'ada@example.com',
          emailVerified: true,
          name: 'Ada Lovelace',
          active: true,
          groupIds: null,
        },
        {
          externalId: 'u-bob',
          username: 'bob',
          email: 'u-bob@example.com',
          emailVerified: false,
          name: null,
          active: false,
          groupIds: null,
        },
      ],
      nextCursor: '2',
    });
    const ids = [];
    for await (const user of iteratePages((r) => dir.listUsers(r), { limit: 2 }))
      ids.push(user.externalId);
    expect(ids).toEqual(['u-ada', 'u-bob', 'u-0', 'u-1', 'u-2']);
    const sent = mock.calls.slice(1).map((c) => Object.fromEntries(c.url.searchParams));
    expect(sent).toEqual([
      { first: '0', max: '2', briefRepresentation: 'false' },
      { first: '2', max: '2', briefRepresentation: 'false' },
      { first: '4', max: '2', briefRepresentation: 'false' },
    ]);
    expect(mock.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('lists top-level groups page by page, each followed by its subtree', async () => {
    const dir = directory();
    expect(await dir.listGroups({ limit: 1 })).toEqual({
      items: [
        { externalId: 'g-eng', name: 'Engineering', parentIds: [], memberIds: null },
        { externalId: 'g-platform', name: 'Platform', parentIds: ['g-eng'], memberIds: null },
        { externalId: 'g-sre', name: 'SRE', parentIds: ['g-platform'], memberIds: null },
      ],
      nextCursor: '1',
    });
    const second = await dir.listGroups({ limit: 1, cursor: '1' });
    expect(second.items.map((g) => g.externalId)).toEqual(['g-sales']);
    expect((await dir.listGroups({ limit: 1, cursor: '2' })).nextCursor).toBeNull();
  });

  it('lists a group’s members by page', async () => {
    const dir = directory();
    expect(await dir.listGroupMembers('g-eng', { limit: 2 })).toEqual({
      items: ['u-ada', 'u-bob'],
      nextCursor: '2',
    });
    expect(await dir.listGroupMembers('g-eng', { limit: 2, cursor: '2' })).toEqual({
      items: ['u-0'],
      nextCursor: null,
    });
  });

  it('gets a token with client_credentials and reuses it', async () => {
    const dir = directory({
      credentials: { clientId: 'catalyst-sync', clientSecret: 'sync-secret' },
    });
    await dir.listUsers();
    await dir.listGroupMembers('g-sales');
    expect(mock.issuedToken).not.toBeNull();
    expect(mock.calls.map((c) => c.authorization)).toEqual([
      `Bearer ${mock.issuedToken}`,
      `Bearer ${mock.issuedToken}`,
    ]);
  });
});

describe('keycloak directory: failures', () => {
  it('401 / 403 are invalid_config with the failure named; the token never appears', async () => {
    for (const [status, failureName] of [
      [401, 'credentials_rejected'],
      [403, 'permission_denied'],
    ] as const) {
      mock.override = () =>
        HttpResponse.json(
          { error: status === 401 ? 'HTTP 401 Unauthorized' : 'unknown_error' },
          { status },
        );
      const error = await failure(directory().listUsers());
      expect(error).toMatchObject({
        code: 'invalid_config',
        failure: failureName,
        upstreamStatus: status,
        provider: 'keycloak',
      });
      expect(`${error.message}${error.stack}`).not.toContain(TOKEN);
    }
    const bad = await failure(
      directory({ credentials: { clientId: 'catalyst-sync', clientSecret: 'wrong' } }).listUsers(),
    );
    expect(bad).toMatchObject({ failure: 'credentials_rejected', upstreamStatus: 401 });
  });

  it('an unknown group is not_found; 500 and network failure are idp_unavailable', async () => {
    expect(await failure(directory().listGroupMembers('g-missing'))).toMatchObject({
      code: 'not_found',
      status: 404,
    });

    mock.override = () => HttpResponse.json({ error: 'unknown_error' }, { status: 500 });
    expect(await failure(directory().listGroups())).toMatchObject({
      code: 'idp_unavailable',
      status: 502,
      upstreamStatus: 500,
    });

    mock.override = () => HttpResponse.error();
    expect(await failure(directory().listUsers())).toMatchObject({
      code: 'idp_unavailable',
      failure: 'unreachable',
    });
  });

  it('times out with a clear error instead of hanging; a caller abort wins immediately', async () => {
    mock.override = async () => {
      await delay('infinite');
      return undefined;
    };
    const started = Date.now();
    const error = await failure(directory({ timeoutMs: 150 }).listUsers());
    expect(error).toMatchObject({ code: 'idp_unavailable', failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);

    const aborted = await directory({ timeoutMs: 60_000 })
      .listUsers({ signal: AbortSignal.timeout(50) })
      .catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(DirectoryError);
  });

  it('a malformed body is idp_unavailable (malformed_response)', async () => {
    mock.override = () =>
      new HttpResponse('<html>proxy error page</html>', {
        headers: { 'content-type': 'text/html' },
      });
    expect(await failure(directory().listUsers())).toMatchObject({
      code: 'idp_unavailable',
      failure: 'malformed_response',
    });

    mock.override = () => HttpResponse.json({ users: [] });
    expect(await failure(directory().listGroups())).toMatchObject({
      failure: 'malformed_response',
    });

    mock.override = () => HttpResponse.json([{ username: 'no-id' }]);
    expect(await failure(directory().listUsers())).toMatchObject({ failure: 'malformed_response' });
  });
});
