/**
 * Test helpers for the account-security components: a real server whose emails land in a list,
 * people signed up in their own browsers, TOTP codes computed with `otpauth`, and clients for
 * `<AuthProvider client>` that start with the browser's session.
 */
import {
  createAuthClient,
  isMfaChallenge,
  type AuthClient,
  type MfaChallenge,
} from '@catalyst/authkit';
import { createTestInstance, type TestInstance } from '@catalyst/authkit/testing';
import { Secret, TOTP } from 'otpauth';

export const PASSWORD = 'correct horse battery staple';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  kind: string;
}

export interface AccountWorld {
  t: TestInstance;
  mail: Mail[];
}

export async function accountWorld(
  options: Parameters<typeof createTestInstance>[0] = {},
): Promise<AccountWorld> {
  const mail: Mail[] = [];
  const t = await createTestInstance({
    ...options,
    email: {
      send: async (message) => {
        mail.push(message);
      },
    },
  });
  return { t, mail };
}

export interface Person {
  email: string;
  /** The browser's own fetch (its cookie jar) and a client over it. */
  fetch: typeof globalThis.fetch;
  client: AuthClient;
  browser: ReturnType<TestInstance['newBrowser']>;
}

let n = 0;

/** Signs a new person up in a browser of their own. */
export async function signUp(t: TestInstance, prefix = 'person'): Promise<Person> {
  const email = `${prefix}-${n++}-${Date.now()}@example.com`;
  const browser = t.newBrowser();
  const result = await browser.client.signUp({ email, password: PASSWORD, name: prefix });
  if (!result.ok) throw new Error(result.error.message);
  return { email, fetch: browser.fetch, client: browser.client, browser };
}

/** A client for `<AuthProvider client>`: this browser's cookies, its session known at once. */
export async function clientOf(
  t: TestInstance,
  fetch: typeof globalThis.fetch,
): Promise<AuthClient> {
  const base = createAuthClient({ baseUrl: t.baseUrl, fetch });
  const session = await base.getSession();
  return createAuthClient({
    baseUrl: t.baseUrl,
    fetch,
    initialSession: session.ok && session.data.user ? session.data : null,
  });
}

/**
 * The code of a base32 TOTP secret, `steps` periods of 30 s from now. The server takes one step
 * of drift either way and refuses a step at or before the last one used, so a secret gives three
 * codes a test can use in a row: -1 (the enrolment), 0, then +1.
 */
export const totpCode = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + steps * 30_000,
  });

/** Turns TOTP on for a signed-in client; returns the secret and the ten recovery codes. */
export async function enableTotp(client: AuthClient) {
  const enrolled = await client.mfa.enrolTotp();
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  const confirmed = await client.mfa.confirmTotp(totpCode(enrolled.data.secret, -1));
  if (!confirmed.ok) throw new Error(confirmed.error.message);
  return { secret: enrolled.data.secret, recoveryCodes: confirmed.data.recoveryCodes };
}

/** A fresh browser where the password sign-in stopped at the second factor. */
export async function pendingSignIn(t: TestInstance, email: string) {
  const browser = t.newBrowser();
  const result = await browser.client.signIn({ email, password: PASSWORD });
  if (!result.ok || !isMfaChallenge(result.data)) throw new Error('expected an MFA challenge');
  const challenge: MfaChallenge = result.data;
  return {
    challenge,
    fetch: browser.fetch,
    client: createAuthClient({ baseUrl: t.baseUrl, fetch: browser.fetch, initialSession: null }),
  };
}

export type MailKind = 'verifyEmail' | 'magicLink' | 'passwordReset';

/**
 * The last email of `kind` to `to`, once it is there: the server sends after answering (the
 * answer must not take longer for an address that has an account), so it may come a moment later.
 */
async function lastMail(mail: Mail[], to: string, kind: MailKind): Promise<Mail> {
  for (let waited = 0; waited < 5_000; waited += 20) {
    const found = [...mail].reverse().find((m) => m.to === to && m.kind === kind);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${kind} email to ${to}`);
}

/** Forgets the emails to `to` (so the next `tokenFrom` waits for a new one). */
export function clearMail(mail: Mail[], to: string): void {
  for (let i = mail.length - 1; i >= 0; i -= 1) if (mail[i]!.to === to) mail.splice(i, 1);
}

/** The `token=` of the last link of `kind` mailed to `to`. */
export async function tokenFrom(mail: Mail[], to: string, kind: MailKind): Promise<string> {
  const { text } = await lastMail(mail, to, kind);
  const token = /[?&]token=([^\s&"'<>]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no link in the ${kind} email to ${to}`);
  return decodeURIComponent(token);
}

/** The 6-digit code of the last sign-in email to `to`. */
export async function codeFrom(mail: Mail[], to: string): Promise<string> {
  const { text } = await lastMail(mail, to, 'magicLink');
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no code in the email to ${to}`);
  return code;
}
