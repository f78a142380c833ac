import { HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authentikComponent, authentikResponse } from '../../../test/schemas/validate.js';
import { DirectoryError, type DirectoryObserver } from '../../ports/directory.js';
import { createAuthentikDirectory } from './authentik-directory.js';
import { iteratePages } from './shared.js';
import {
  AUTHENTIK_BASE,
  authentikGroup,
  authentikUser,
  createAuthentikMock,
  type AuthentikMock,
} from './testing/authentik-mock.js';

const TOKEN = 'ak-test-token-should-never-leak';
const ENG = '5e0b3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OPS = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

let mock: AuthentikMock;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  mock = createAuthentikMock();
  server.resetHandlers(...mock.handlers);
  mock.state.users.push(
    authentikUser(1, {
      username: 'ada',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      groups: [ENG],
    }),
    // No `email` key: the schema's `format: email` rejects the empty string.
    authentikUser(2, { username: 'bob', name: '', email: undefined, is_active: false }),
    authentikUser(3, { username: 'cy', groups: [ENG, OPS] }),
    ...Array.from({ length: 4 }, (_, i) => authentikUser(10 + i)),
  );
  mock.state.groups.push(
    authentikGroup(ENG, 'Engineering', { users: [1, 3] }),
    authentikGroup(OPS, 'Ops', { parents: [ENG], users: [3] }),
  );
});
afterEach(() => {
  mock.override = null;
});

const events: Parameters<DirectoryObserver['request']>[0][] = [];
function directory(timeoutMs = 2_000) {
  return createAuthentikDirectory({
    baseUrl: `${AUTHENTIK_BASE}/`,
    token: TOKEN,
    timeoutMs,
    observer: { request: (event) => events.push(event) },
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

describe('authentik directory: reading', () => {
  it('maps users with stable fields and walks every page to the last', async () => {
    const dir = directory();
    const first = await dir.listUsers({ limit: 3 });
    expect(first.nextCursor).toBe('2');
    expect(first.items).toEqual([
      {
        externalId: '1',
        username: 'ada',
        email: 'ada@example.com',
        emailVerified: null,
        name: 'Ada Lovelace',
        active: true,
        groupIds: [ENG],
      },
      {
        externalId: '2',
        username: 'bob',
        email: null,
        emailVerified: null,
        name: null,
        active: false,
        groupIds: [],
      },
      {
        externalId: '3',
        username: 'cy',
        email: 'user3@example.com',
        emailVerified: null,
        name: 'User 3',
        active: true,
        groupIds: [ENG, OPS],
      },
    ]);
    const all = [];
    for await (const user of iteratePages((r) => dir.listUsers(r), { limit: 3 }))
      all.push(user.externalId);
    expect(all).toEqual(['1', '2', '3', '10', '11', '12', '13']);
    const pages = mock.calls.filter((c) => c.operationId === 'core_users_list').slice(1);
    expect(pages.map((c) => c.url.searchParams.get('page'))).toEqual(['1', '2', '3']);
    expect(pages.every((c) => c.url.searchParams.get('page_size') === '3')).toBe(true);
  });

  it('lists groups with parents and members, and a group’s members by page', async () => {
    const dir = directory();
    const groups = await dir.listGroups();
    expect(groups).toEqual({
      items: [
        { externalId: ENG, name: 'Engineering', parentIds: [], memberIds: ['1', '3'] },
        { externalId: OPS, name: 'Ops', parentIds: [ENG], memberIds: ['3'] },
      ],
      nextCursor: null,
    });
    const members = await dir.listGroupMembers(ENG, { limit: 1 });
    expect(members).toEqual({ items: ['1'], nextCursor: '2' });
    expect(await dir.listGroupMembers(ENG, { limit: 1, cursor: '2' })).toEqual({
      items: ['3'],
      nextCursor: null,
    });
  });

  it('sends the token as a bearer and reports each call to the observer', async () => {
    events.length = 0;
    await directory().listGroups();
    expect(mock.calls[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(events).toEqual([
      expect.objectContaining({ provider: 'authentik', operation: 'groups.list', outcome: 'ok' }),
    ]);
  });

  it('goes through an injected fetch when given one', async () => {
    const seen: string[] = [];
    const dir = createAuthentikDirectory({
      baseUrl: AUTHENTIK_BASE,
      token: () => Promise.resolve(TOKEN),
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    await dir.listGroups();
    expect(seen).toEqual([
      expect.stringMatching(/^http:\/\/authentik\.test\/api\/v3\/core\/groups\/\?/),
    ]);
    expect(mock.calls[0]?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('rejects a cursor it did not issue without calling Authentik', async () => {
    const error = await failure(directory().listUsers({ cursor: 'abc' }));
    expect(error).toMatchObject({ code: 'invalid_request', failure: 'request_rejected' });
    expect(mock.calls).toHaveLength(0);
  });
});

describe('authentik directory: failures', () => {
  it('401 and 403 mean our credentials were refused (invalid_config), never leaking the token', async () => {
    events.length = 0;
    for (const status of [401, 403] as const) {
      const body =
        status === 403
          ? authentikResponse('core_users_list', 403, {
              detail: 'You do not have permission to perform this action.',
            })
          : authentikComponent('GenericError', { detail: 'Invalid token' });
      mock.override = () => HttpResponse.json(body, { status });
      const error = await failure(directory().listUsers());
      expect(error).toMatchObject({
        code: 'invalid_config',
        status: 500,
        failure: status === 401 ? 'credentials_rejected' : 'permission_denied',
        upstreamStatus: status,
        provider: 'authentik',
      });
      expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(TOKEN);
    }
    expect(events.map((e) => e.outcome)).toEqual(['credentials_rejected', 'permission_denied']);
  });

  it('404 is not_found; 500 and a dropped connection are idp_unavailable (502)', async () => {
    mock.override = () =>
      HttpResponse.json(authentikComponent('GenericError', { detail: 'Not found.' }), {
        status: 404,
      });
    expect(await failure(directory().listGroupMembers(ENG))).toMatchObject({
      code: 'not_found',
      status: 404,
    });

    mock.override = () =>
      new HttpResponse('<h1>Server Error (500)</h1>', {
        status: 500,
        headers: { 'content-type': 'text/html' },
      });
    expect(await failure(directory().listGroups())).toMatchObject({
      code: 'idp_unavailable',
      status: 502,
      failure: 'upstream_error',
      upstreamStatus: 500,
    });

    mock.override = () => HttpResponse.error();
    expect(await failure(directory().listUsers())).toMatchObject({
      code: 'idp_unavailable',
      failure: 'unreachable',
    });
  });

  it('times out with a clear error instead of hanging', async () => {
    mock.override = async () => {
      await delay('infinite');
      return undefined;
    };
    const started = Date.now();
    const error = await failure(directory(150).listUsers());
    expect(error).toMatchObject({ code: 'idp_unavailable', failure: 'timeout' });
    expect(error.message).toBe('authentik did not answer in time');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a malformed body is idp_unavailable, not a crash or silent empty page', async () => {
    mock.override = () =>
      new HttpResponse('{"pagination": {', { headers: { 'content-type': 'application/json' } });
    expect(await failure(directory().listUsers())).toMatchObject({
      code: 'idp_unavailable',
      failure: 'malformed_response',
    });

    mock.override = () => HttpResponse.json({ detail: 'not a list' });
    expect(await failure(directory().listGroups())).toMatchObject({
      failure: 'malformed_response',
    });

    mock.override = () =>
      HttpResponse.json({
        pagination: { next: 0 },
        results: [{ name: 'no pk' }],
        autocomplete: {},
      });
    expect(await failure(directory().listUsers())).toMatchObject({ failure: 'malformed_response' });
  });
});
