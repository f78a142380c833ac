import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRevocationList } from './revocation-list.js';
import {
  DECISION_SECRET,
  forwardRequest,
  makeHandler,
  makeKeys,
  mint,
  setCookieValue,
  TRUSTED,
  type TestKeys,
} from './test-support.js';

const URL_ = 'https://auth.example.test/api/auth/revocations?token=s3cret';

function clock(start = Date.parse('2030-01-01T00:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

function listServer(initial: string[] = []) {
  const state = { revoked: initial, fail: false, calls: 0 };
  const fetchSpy = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    state.calls += 1;
    if (state.fail) throw new TypeError('fetch failed');
    return Response.json({ revoked: state.revoked, ttlSeconds: 10 });
  });
  return { state, fetch: fetchSpy as unknown as typeof fetch, spy: fetchSpy };
}

describe('revocation list', () => {
  it('polls lazily: first use loads, then again only when older than pollSeconds', async () => {
    const c = clock();
    const server = listServer(['ses_1']);
    const list = createRevocationList(
      { url: URL_, pollSeconds: 10 },
      { fetch: server.fetch, log: () => {}, now: c.now },
    );
    expect(server.state.calls).toBe(0); // nothing at creation: no timers
    expect(await list.isRevoked('ses_1')).toBe(true);
    expect(await list.isRevoked('ses_2')).toBe(false);
    expect(server.state.calls).toBe(1);
    server.state.revoked = ['ses_2'];
    c.advance(9_000);
    expect(await list.isRevoked('ses_2')).toBe(false);
    c.advance(2_000);
    expect(await list.isRevoked('ses_2')).toBe(true);
    expect(server.state.calls).toBe(2);
    const [input, init] = server.spy.mock.calls[0]!;
    expect(String(input)).toBe(URL_);
    expect(new Headers(init?.headers).get('accept')).toBe('application/json');
  });

  it('keeps one fetch in flight however many requests arrive', async () => {
    const c = clock();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetchSpy = vi.fn(async () => {
      await gate;
      return Response.json({ revoked: ['ses_x'] });
    });
    const list = createRevocationList(
      { url: URL_ },
      { fetch: fetchSpy as unknown as typeof fetch, log: () => {}, now: c.now },
    );
    const answers = Promise.all([1, 2, 3, 4].map(() => list.isRevoked('ses_x')));
    release();
    expect(await answers).toEqual([true, true, true, true]);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('keeps the last list when a refresh fails, warns once, and retries on the next request', async () => {
    const c = clock();
    const server = listServer(['ses_1']);
    const log = vi.fn();
    const list = createRevocationList(
      { url: URL_, pollSeconds: 5 },
      { fetch: server.fetch, log, now: c.now },
    );
    expect(await list.isRevoked('ses_1')).toBe(true);
    server.state.fail = true;
    c.advance(6_000);
    expect(await list.isRevoked('ses_1')).toBe(true);
    expect(await list.isRevoked('ses_1')).toBe(true);
    await Promise.resolve();
    expect(server.state.calls).toBeGreaterThanOrEqual(3);
    expect(log).toHaveBeenCalledTimes(1);
    const [level, message, fields] = log.mock.calls[0]!;
    expect(level).toBe('warn');
    expect(message).toMatch(/revocation list/);
    expect(JSON.stringify(fields)).not.toContain('s3cret'); // the query string is never logged

    server.state.fail = false;
    server.state.revoked = ['ses_2'];
    await list.isRevoked('ses_2'); // starts the retry without waiting (degraded)
    await vi.waitFor(async () => expect(await list.isRevoked('ses_2')).toBe(true));
    server.state.fail = true;
    c.advance(6_000);
    await list.isRevoked('ses_2');
    expect(log).toHaveBeenCalledTimes(2); // a new outage warns again
  });

  it('fails open on a cold start whose first fetch fails', async () => {
    const server = listServer();
    server.state.fail = true;
    const list = createRevocationList(
      { url: URL_ },
      { fetch: server.fetch, log: () => {}, now: () => new Date() },
    );
    expect(await list.isRevoked('ses_1')).toBe(false);
  });

  it('takes a source function and ignores non-string entries', async () => {
    const c = clock();
    const source = vi.fn(async () => ['ses_a', 42 as unknown as string]);
    const list = createRevocationList(
      { source, pollSeconds: 1 },
      { fetch, log: () => {}, now: c.now },
    );
    expect(await list.isRevoked('ses_a')).toBe(true);
    expect(await list.isRevoked('42')).toBe(false);
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('refuses a bad configuration at creation', () => {
    const deps = { fetch, log: () => {}, now: () => new Date() };
    expect(() => createRevocationList({ url: '/relative' }, deps)).toThrow(TypeError);
    expect(() => createRevocationList({ url: URL_, pollSeconds: 0 }, deps)).toThrow(TypeError);
  });
});

describe('revocation in the handler', () => {
  let keys: TestKeys;
  beforeAll(async () => {
    keys = await makeKeys('revocation');
  });

  it('treats a revoked session as signed out, also for cached tokens and decision cookies', async () => {
    const c = clock(Date.now());
    const server = listServer([]);
    const fa = makeHandler(keys, {
      now: c.now,
      decisionSecret: DECISION_SECRET,
      revocations: { url: URL_, pollSeconds: 10 },
      fetch: server.fetch,
    });
    const token = await mint(keys, { sid: 'ses_gone' });
    const first = await fa.handle(forwardRequest({ bearer: token }), TRUSTED);
    expect(first.status).toBe(200);
    const decision = setCookieValue(first, 'catalyst_decision')!;

    server.state.revoked = ['ses_gone'];
    c.advance(11_000);
    const cached = await fa.handle(forwardRequest({ bearer: token }), TRUSTED);
    expect(cached.status).toBe(401);
    expect(cached.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const withDecision = await fa.handle(
      forwardRequest({ bearer: token, cookie: `catalyst_decision=${decision}`, browser: true }),
      TRUSTED,
    );
    expect(withDecision.status).toBe(302);
    expect(withDecision.headers.get('location')).toMatch(/\/sign-in\?/);
  });

  it('revokes API-key tokens by their key id (sid = client_id = key id)', async () => {
    const fa = makeHandler(keys, { revocations: { source: async () => ['key_7'] } });
    const keyToken = await mint(keys, { sid: 'key_7', client_id: 'key_7', amr: ['key'] });
    expect((await fa.handle(forwardRequest({ bearer: keyToken }), TRUSTED)).status).toBe(401);
    const other = await mint(keys, { sid: 'key_8', client_id: 'key_8', amr: ['key'] });
    expect((await fa.handle(forwardRequest({ bearer: other }), TRUSTED)).status).toBe(200);
  });
});
