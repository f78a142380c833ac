import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMfaChallenge, type MfaChallenge } from '../domain/account-security.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';

// An independent TOTP implementation (otplib) makes the codes; the server uses otpauth.
let now = Date.parse('2026-12-05T12:00:00Z');
const clock = { now: () => new Date(now) };
const advance = (seconds: number) => {
  now += seconds * 1000;
};
const totp = (secret: string) => generateSync({ secret, epoch: Math.floor(now / 1000) });
const PASSWORD = 'correct horse battery staple';

let t: TestInstance;
let n = 0;

beforeAll(async () => {
  t = await createTestInstance({ clock });
});
afterAll(() => t.close());

type Browser = ReturnType<TestInstance['newBrowser']>;

async function post(b: Browser, path: string, body: unknown = {}) {
  return b.fetch(`/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A signed-up user with a confirmed authenticator app, signed out again. */
async function enrolled() {
  const email = `mfa-${n++}@example.com`;
  const b = t.newBrowser({ ip: `10.9.${n}.1` });
  expect((await b.client.signUp({ email, password: PASSWORD })).ok).toBe(true);
  const started = await b.client.mfa.enrolTotp();
  if (!started.ok) throw new Error(started.error.message);
  expect(started.data.uri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
  const confirmed = await b.client.mfa.confirmTotp(totp(started.data.secret));
  if (!confirmed.ok) throw new Error(confirmed.error.message);
  await b.client.signOut();
  advance(30); // the confirming code's time step is used up
  return { email, secret: started.data.secret, recoveryCodes: confirmed.data.recoveryCodes, b };
}

async function pendingSignIn(email: string, b = t.newBrowser({ ip: `10.8.${n++}.1` })) {
  const result = await b.client.signIn({ email, password: PASSWORD });
  if (!result.ok || !isMfaChallenge(result.data)) throw new Error('expected an MFA challenge');
  return { b, challenge: result.data as MfaChallenge };
}

describe('TOTP second factor', () => {
  it('enrols with codes from an independent implementation and completes a password sign-in', async () => {
    const { email, secret, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const { b, challenge } = await pendingSignIn(email);
    expect(challenge.methods).toEqual(['totp', 'recovery_code']);
    expect(b.jar.get('catalyst_access')).toBeUndefined();
    expect(b.jar.get('catalyst_pending')).toBeTruthy();
    expect((await b.client.getSession()).ok && (await b.client.getSession())).toMatchObject({
      data: { user: null },
    });

    const done = await b.client.secondFactor({ code: totp(secret) });
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(done.data.session.amr).toEqual(expect.arrayContaining(['pwd', 'otp', 'mfa']));
    expect(b.jar.get('catalyst_pending')).toBeUndefined();
    const claims = await t.authkit.api.verifyAccessToken(b.jar.get('catalyst_access')!);
    expect(claims.amr).toEqual(expect.arrayContaining(['mfa', 'otp']));
    expect(claims.auth_time).toBe(Math.floor(now / 1000));
  });

  it('refuses a replayed code, and the code of a disabled factor', async () => {
    const { email, secret } = await enrolled();
    const code = totp(secret);
    const first = await pendingSignIn(email);
    expect((await first.b.client.secondFactor({ code })).ok).toBe(true);

    const again = await pendingSignIn(email);
    const replay = await again.b.client.secondFactor({ code });
    expect(!replay.ok && replay.error.code).toBe('invalid_code');

    // Disabling needs a recent sign-in: this one is.
    expect((await first.b.client.mfa.disableTotp()).ok).toBe(true);
    advance(30);
    const stale = await again.b.client.secondFactor({ code: totp(secret) });
    expect(!stale.ok && stale.error.status).toBe(401);
    // Without a factor the password alone signs in, and step-up with the old code fails.
    const plain = t.newBrowser({ ip: '10.7.0.1' });
    const signedIn = await plain.client.signIn({ email, password: PASSWORD });
    expect(signedIn.ok && 'user' in signedIn.data && signedIn.data.user?.email).toBe(email);
    const stepUp = await plain.client.stepUp({ code: totp(secret) });
    expect(!stepUp.ok && stepUp.error.code).toBe('invalid_code');
  });

  it('answers 400 naming the field for malformed codes', async () => {
    const { email } = await enrolled();
    const { b } = await pendingSignIn(email);
    for (const body of [
      { code: '12345' },
      { code: '1234567' },
      { code: '12ab56' },
      { recoveryCode: 'not-a-code!' },
      { code: 123456 },
    ]) {
      const res = await post(b, '/sign-in/second-factor', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { errors?: Array<{ field: string }> };
      expect(problem.errors?.map((e) => e.field).join()).toMatch(/code|recoveryCode/);
    }
  });
});

describe('recovery codes', () => {
  it('each works exactly once, and regenerating ends the old set', async () => {
    const { email, recoveryCodes, secret } = await enrolled();
    const [first, second] = recoveryCodes;
    const a = await pendingSignIn(email);
    const used = await a.b.client.secondFactor({ recoveryCode: first!.toUpperCase() });
    expect(used.ok).toBe(true);
    const b = await pendingSignIn(email);
    const reused = await b.b.client.secondFactor({ recoveryCode: first! });
    expect(!reused.ok && reused.error.code).toBe('invalid_code');
    const status = await a.b.client.mfa.status();
    expect(status.ok && status.data.recoveryCodes.remaining).toBe(9);

    const fresh = await a.b.client.mfa.regenerateRecoveryCodes();
    expect(fresh.ok && fresh.data.recoveryCodes).toHaveLength(10);
    const old = await b.b.client.secondFactor({ recoveryCode: second! });
    expect(!old.ok && old.error.code).toBe('invalid_code');
    advance(30);
    expect((await b.b.client.secondFactor({ code: totp(secret) })).ok).toBe(true);
  });
});

describe('the pending state', () => {
  it('opens nothing: every route answers with the pending cookie as it does without cookies', async () => {
    const { email } = await enrolled();
    const { b } = await pendingSignIn(email);
    const anonymous = t.newBrowser({ ip: '10.6.0.1' });
    const doc = (await (await t.fetch('/api/auth/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const differences: string[] = [];
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      // The second-factor routes are the pending state's whole purpose.
      if (path.startsWith('/sign-in/') || path === '/forward') continue;
      for (const method of Object.keys(methods)) {
        const url = `/api/auth${path.replace(/\{\w+\}/g, 'x')}`;
        const init = (): RequestInit => ({
          method: method.toUpperCase(),
          ...(['get', 'delete'].includes(method)
            ? {}
            : { headers: { 'content-type': 'application/json' }, body: '{}' }),
        });
        const [withPending, without] = await Promise.all([
          b.fetch(url, init()),
          anonymous.fetch(url, init()),
        ]);
        checked += 1;
        if (withPending.status !== without.status) {
          differences.push(`${method} ${path}: ${withPending.status} vs ${without.status}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(80);
    expect(differences).toEqual([]);
    // And the signed-in-only routes answer 401 to it.
    for (const path of ['/session', '/me/mfa', '/me/passkeys', '/sessions', '/me/keys']) {
      const res = await b.fetch(`/api/auth${path}`);
      const body = (await res.json()) as { user?: unknown };
      expect(res.status === 401 || body.user === null, path).toBe(true);
    }
  });

  it('allows five guesses per pending sign-in, then a limited number per user', async () => {
    const { email, secret } = await enrolled();
    const { b } = await pendingSignIn(email);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await b.client.secondFactor({ code: '000000' });
      expect(!wrong.ok && wrong.error.code).toBe('invalid_code');
    }
    const burnt = await b.client.secondFactor({ code: totp(secret) });
    expect(!burnt.ok && burnt.error.code).toBe('unauthenticated');

    const next = await pendingSignIn(email);
    for (let i = 0; i < 5; i += 1) await next.b.client.secondFactor({ code: '000000' });
    const third = await pendingSignIn(email);
    const limited = await third.b.client.secondFactor({ code: totp(secret) });
    expect(!limited.ok && limited.error.code).toBe('rate_limited');
    expect(!limited.ok && limited.error.retryAfter).toBeGreaterThan(0);
  });
});

describe('step-up', () => {
  it('asks for a recent factor with an RFC 9470 challenge, and a second factor answers it', async () => {
    const { email, secret } = await enrolled();
    const { b } = await pendingSignIn(email);
    expect((await b.client.secondFactor({ code: totp(secret) })).ok).toBe(true);
    advance(11 * 60);
    await b.client.getSession(); // refreshes the expired access cookie
    const res = await b.fetch('/api/auth/me/mfa/totp', { method: 'DELETE' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(
      /error="insufficient_user_authentication".*max_age=600/,
    );
    expect(((await res.json()) as { code: string; maxAge: number }).maxAge).toBe(600);

    const password = await b.client.stepUp({ password: PASSWORD });
    expect(!password.ok && password.error.field).toBe('password');
    const stepped = await b.client.stepUp({ code: totp(secret) });
    expect(stepped.ok && Date.parse(stepped.data.session.authTime)).toBe(now - (now % 1000));
    expect((await b.client.mfa.disableTotp()).ok).toBe(true);
  });

  it('takes the password of an account without a second factor', async () => {
    const email = `plain-${n++}@example.com`;
    const b = t.newBrowser({ ip: '10.5.0.1' });
    await b.client.signUp({ email, password: PASSWORD });
    advance(11 * 60);
    await b.client.getSession();
    const stale = await b.client.mfa.regenerateRecoveryCodes();
    expect(!stale.ok && stale.error.code).toBe('step_up_required');
    const wrong = await b.client.stepUp({ password: 'not the password at all' });
    expect(!wrong.ok && wrong.error.code).toBe('invalid_credentials');
    const ok = await b.client.stepUp({ password: PASSWORD });
    expect(ok.ok && ok.data.session.amr).toContain('pwd');
  });
});

describe('an org that requires MFA', () => {
  it('makes its members enrol at their next sign-in, and refuses sessions without MFA', async () => {
    const owner = t.newBrowser({ ip: '10.4.0.1' });
    await owner.client.signUp({ email: `owner-${n++}@example.com`, password: PASSWORD });
    const org = await owner.client.orgs.create({ name: 'Strict', slug: `strict-${n++}` });
    if (!org.ok) throw new Error(org.error.message);
    const email = `member-${n++}@example.com`;
    const member = t.newBrowser({ ip: '10.4.0.2' });
    const up = await member.client.signUp({ email, password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    await owner.client.orgs.addMember(org.data.id, {
      userId: (up.data as { user: { id: string } }).user.id,
      roles: ['member'],
    });
    expect(
      (await owner.client.orgs.update(org.data.id, { settings: { requireMfa: true } })).ok,
    ).toBe(true);
    // The owner's own session has no second factor: the org will not become active in it.
    const refused = await owner.client.setActiveOrg(org.data.id);
    expect(!refused.ok && refused.error.code).toBe('mfa_required');

    await member.client.signOut();
    const { b, challenge } = await pendingSignIn(email);
    expect(challenge).toMatchObject({ enrolmentRequired: true, methods: [] });
    const skip = await b.client.secondFactor({ code: '123456' });
    expect(!skip.ok && skip.error.status).toBe(401);
    const started = await b.client.mfa.enrolTotpPending();
    if (!started.ok) throw new Error(started.error.message);
    const done = await b.client.mfa.confirmTotpPending(totp(started.data.secret));
    expect(done.ok && done.data.recoveryCodes).toHaveLength(10);
    expect(done.ok && done.data.session.amr).toEqual(expect.arrayContaining(['pwd', 'mfa']));
    expect((await b.client.setActiveOrg(org.data.id)).ok).toBe(true);
  });
});
