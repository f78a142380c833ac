import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDecisionCookies, tokenHash } from './decision-cookie.js';
import {
  DECISION_SECRET,
  forwardRequest,
  ISSUER,
  makeHandler,
  makeKeys,
  mint,
  setCookieValue,
  TRUSTED,
  type TestKeys,
} from './test-support.js';
import type { ForwardAuthDecisionEvent } from './types.js';

let keys: TestKeys;
beforeAll(async () => {
  keys = await makeKeys('decisions');
});

describe('decision cookie', () => {
  it('is issued on an allowed request with the documented attributes and claims', async () => {
    const fa = makeHandler(keys, { decisionSecret: DECISION_SECRET });
    const token = await mint(keys);
    const res = await fa.handle(forwardRequest({ cookie: `catalyst_access=${token}` }), TRUSTED);
    expect(res.status).toBe(200);
    const header = res.headers.get('set-cookie')!;
    expect(header).toMatch(
      /^catalyst_decision=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=30; Secure$/,
    );
    const jwt = setCookieValue(res, 'catalyst_decision')!;
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'HS256', typ: 'catalyst-decision+jwt' });
    const claims = decodeJwt(jwt);
    expect(claims).toMatchObject({
      iss: ISSUER,
      sub: 'usr_alice',
      sid: 'ses_alice',
      host: 'app.example.com',
      th: await tokenHash(token),
      hv: { org: 'org_acme', labels: 'tier:gold', scopes: '', roles: 'admin', groups: 'eng,ops' },
    });
    expect(claims.exp! - claims.iat!).toBe(30);
    expect(typeof claims.rt).toBe('string');
    // The token itself never appears in the decision.
    expect(jwt).not.toContain(token.split('.')[1]!);
  });

  it('drops Secure on http, adds Domain when configured, and caps Max-Age at the token exp', async () => {
    const fa = makeHandler(keys, {
      decisionSecret: DECISION_SECRET,
      decisionTtlSeconds: 60,
      cookieDomain: 'example.com',
    });
    const now = Math.floor(Date.now() / 1000);
    const token = await mint(keys, { iat: now, exp: now + 20 });
    const res = await fa.handle(forwardRequest({ access: token, proto: 'http' }), TRUSTED);
    const header = res.headers.get('set-cookie')!;
    expect(header).not.toContain('Secure');
    expect(header).toContain('; Domain=example.com');
    expect(Number(/Max-Age=(\d+)/.exec(header)![1])).toBeLessThanOrEqual(20);
  });

  it('is neither issued nor read without decisionSecret', async () => {
    const fa = makeHandler(keys);
    const token = await mint(keys);
    const res = await fa.handle(forwardRequest({ access: token }), TRUSTED);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers a later request with no asymmetric verification and no policy evaluation', async () => {
    const counted = await makeKeys('counted-decisions');
    const events: ForwardAuthDecisionEvent[] = [];
    const options = {
      decisionSecret: DECISION_SECRET,
      routes: [{ id: 'admin', path: '/admin/*', require: { roles: ['admin'] } }],
      onDecision: (e: ForwardAuthDecisionEvent) => events.push(e),
    };
    const token = await mint(counted);
    const first = await makeHandler(counted, options).handle(
      forwardRequest({ cookie: `catalyst_access=${token}`, uri: '/admin/a' }),
      TRUSTED,
    );
    expect(counted.getKey.calls).toBe(1);
    const decision = setCookieValue(first, 'catalyst_decision')!;

    // A second instance (another replica): empty token cache, same secret.
    const replica = makeHandler(counted, options);
    const res = await replica.handle(
      forwardRequest({
        cookie: `catalyst_access=${token}; catalyst_decision=${decision}`,
        uri: '/admin/b',
        headers: { 'x-user-sub': 'admin' },
      }),
      TRUSTED,
    );
    expect(res.status).toBe(200);
    expect(counted.getKey.calls).toBe(1);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-user-sub')).toBe('usr_alice');
    expect(res.headers.get('remote-groups')).toBe('eng,ops');
    expect(events.at(-1)).toMatchObject({ status: 200, cached: 'decision', route: 'admin' });
  });

  it('is ignored, never an error, when it is garbage or signed with another secret', async () => {
    const token = await mint(keys);
    const other = createDecisionCookies({
      secret: new Uint8Array(32).fill(9),
      issuer: ISSUER,
      ttlSeconds: 30,
      now: () => new Date(),
    });
    const forged = await other.issue(
      { host: 'app.example.com', rt: 'x', th: await tokenHash(token) },
      {
        sid: 'ses_alice',
        sub: 'usr_mallory',
        values: { org: '', labels: '', scopes: '', roles: 'owner', groups: '' },
      },
      Math.floor(Date.now() / 1000) + 300,
    );
    const fa = makeHandler(keys, { decisionSecret: DECISION_SECRET });
    for (const decision of ['garbage', forged!.jwt, '']) {
      const res = await fa.handle(
        forwardRequest({ access: token, cookie: `catalyst_decision=${decision}` }),
        TRUSTED,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('x-user-sub')).toBe('usr_alice');
      expect(res.headers.get('x-roles')).toBe('admin');
    }
  });

  it('accepts a CryptoKey for HMAC as the secret', async () => {
    const key = await crypto.subtle.importKey(
      'raw',
      DECISION_SECRET,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    const fa = makeHandler(keys, { decisionSecret: key });
    const token = await mint(keys);
    const first = await fa.handle(forwardRequest({ access: token }), TRUSTED);
    const decision = setCookieValue(first, 'catalyst_decision')!;
    const events: ForwardAuthDecisionEvent[] = [];
    const again = makeHandler(keys, { decisionSecret: key, onDecision: (e) => events.push(e) });
    await again.handle(
      forwardRequest({ access: token, cookie: `catalyst_decision=${decision}` }),
      TRUSTED,
    );
    expect(events[0]?.cached).toBe('decision');
  });
});
