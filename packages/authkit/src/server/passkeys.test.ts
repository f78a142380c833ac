import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMfaChallenge } from '../domain/account-security.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';
import {
  softwareAuthenticator,
  type SoftwareAuthenticator,
} from '../testing/software-authenticator.js';

let now = Date.parse('2026-12-05T12:00:00Z');
const clock = { now: () => new Date(now) };
const PASSWORD = 'correct horse battery staple';
let t: TestInstance;
let n = 0;

beforeAll(async () => {
  t = await createTestInstance({ clock });
});
afterAll(() => t.close());

type Browser = ReturnType<TestInstance['newBrowser']>;

/** A signed-in user with one passkey in `device`. */
async function withPasskey(device = softwareAuthenticator(t.baseUrl)) {
  const email = `pk-${n++}@example.com`;
  const b = t.newBrowser({ ip: `10.3.${n}.1` });
  await b.client.signUp({ email, password: PASSWORD });
  const passkey = await register(b, device, 'Laptop');
  return { email, b, device, passkey };
}

async function register(b: Browser, device: SoftwareAuthenticator, name?: string) {
  const options = await b.client.passkeys.registrationOptions();
  if (!options.ok) throw new Error(options.error.message);
  const response = await device.startRegistration({ optionsJSON: options.data });
  const created = await b.client.passkeys.register({ response, ...(name ? { name } : {}) });
  if (!created.ok) throw new Error(created.error.message);
  return created.data;
}

async function assertion(b: Browser, device: SoftwareAuthenticator) {
  const options = await b.client.passkeys.authenticationOptions();
  if (!options.ok) throw new Error(options.error.message);
  return device.startAuthentication({ optionsJSON: options.data });
}

describe('passkeys', () => {
  it('registers, names, lists and signs in with the passkey alone', async () => {
    const { email, b, device, passkey } = await withPasskey();
    expect(passkey).toMatchObject({ name: 'Laptop', lastUsedAt: null });
    const renamed = await b.client.passkeys.rename(passkey.id, 'Work laptop');
    expect(renamed.ok && renamed.data.name).toBe('Work laptop');
    const second = await register(b, softwareAuthenticator(t.baseUrl));
    expect(second.name).toBe('Passkey 2');
    const list = await b.client.passkeys.list();
    expect(list.ok && list.data.passkeys.map((p) => p.name)).toEqual(['Work laptop', 'Passkey 2']);
    await b.client.signOut();

    const fresh = t.newBrowser({ ip: '10.3.200.1' });
    const signedIn = await fresh.client.passkeys.signIn(await assertion(fresh, device));
    expect(signedIn.ok && signedIn.data.user.email).toBe(email);
    expect(signedIn.ok && signedIn.data.session.amr).toEqual(['hwk', 'mfa']);
    const after = await fresh.client.passkeys.list();
    expect(after.ok && after.data.passkeys[0]?.lastUsedAt).not.toBeNull();
  });

  it('completes a password sign-in as the second factor, and only for its own account', async () => {
    const { email, device } = await withPasskey();
    const other = await withPasskey();
    const b = t.newBrowser({ ip: '10.3.201.1' });
    const pending = await b.client.signIn({ email, password: PASSWORD });
    expect(pending.ok && isMfaChallenge(pending.data) && pending.data.methods).toEqual(['passkey']);
    // The options list this user's credentials only: another account's device has none of them.
    const options = await b.client.passkeys.authenticationOptions();
    if (!options.ok) throw new Error(options.error.message);
    await expect(other.device.startAuthentication({ optionsJSON: options.data })).rejects.toThrow(
      /no credential/,
    );
    // A (valid) assertion of another account is refused for this pending sign-in.
    const stranger = await other.device.startAuthentication({
      optionsJSON: { ...options.data, allowCredentials: [] },
    });
    const refused = await b.client.secondFactor({ passkey: stranger });
    expect(!refused.ok && refused.error.code).toBe('invalid_passkey');

    // That attempt used the challenge up; the owner's device answers a fresh one.
    const done = await b.client.secondFactor({ passkey: await assertion(b, device) });
    expect(done.ok && done.data.session.amr).toEqual(expect.arrayContaining(['pwd', 'hwk', 'mfa']));
  });

  it('refuses a replayed assertion and a forged signature', async () => {
    const { device } = await withPasskey();
    const b = t.newBrowser({ ip: '10.3.202.1' });
    const response = await assertion(b, device);
    expect((await b.client.passkeys.signIn(response)).ok).toBe(true);
    const replay = await t.newBrowser().client.passkeys.signIn(response);
    expect(!replay.ok && replay.error.code).toBe('invalid_passkey');

    const forged = await assertion(b, device);
    const inner = forged.response as Record<string, string>;
    inner.signature = `${inner.signature!.slice(0, -4)}AAAA`;
    const bad = await b.client.passkeys.signIn(forged);
    expect(!bad.ok && bad.error.status).toBe(400);
  });

  it('removes a passkey after a recent sign-in, and never the last way in', async () => {
    const { b, passkey, device } = await withPasskey();
    now += 11 * 60 * 1000;
    await b.client.getSession();
    const stale = await b.client.passkeys.remove(passkey.id);
    expect(!stale.ok && stale.error.code).toBe('step_up_required');
    expect((await b.client.stepUp({ passkey: await assertion(b, device) })).ok).toBe(true);
    expect((await b.client.passkeys.remove(passkey.id)).ok).toBe(true);
    const gone = await b.client.passkeys.remove(passkey.id);
    expect(!gone.ok && gone.error.code).toBe('not_found');
    // Someone else's passkey id answers like an unknown one.
    const other = await withPasskey();
    const foreign = await b.client.passkeys.rename(other.passkey.id, 'mine now');
    expect(!foreign.ok && foreign.error.code).toBe('not_found');
  });

  it('answers 400 naming the field for malformed ceremony input', async () => {
    const { b } = await withPasskey();
    for (const body of [
      { response: { id: 'x', rawId: 'x', type: 'password', response: {} } },
      { response: 'not an object' },
      { response: { id: 'x', rawId: 'x', type: 'public-key', response: {} }, name: 'a\u0000b' },
    ]) {
      const res = await b.fetch('/api/auth/me/passkeys', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = (await res.json()) as { field?: string };
      expect(problem.field).toMatch(/^(response|name)/);
    }
    // A well-formed response to no challenge of ours.
    const res = await b.fetch('/api/auth/me/passkeys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        response: { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: 'e30' } },
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('invalid_passkey');
  });

  it('limits signed-out ceremonies per address (each stores a challenge)', async () => {
    const b = t.newBrowser({ ip: '10.3.250.1' });
    const answers = [];
    for (let i = 0; i < 31; i += 1) answers.push(await b.client.passkeys.authenticationOptions());
    expect(answers.slice(0, 30).every((a) => a.ok)).toBe(true);
    const last = answers[30]!;
    expect(!last.ok && last.error.code).toBe('rate_limited');
    // Another address is not affected.
    expect(
      (await t.newBrowser({ ip: '10.3.250.2' }).client.passkeys.authenticationOptions()).ok,
    ).toBe(true);
  });
});
