import type { TestInstance } from '../src/testing/create-test-instance.js';
import { PASSWORD, uniqueEmail } from './instances.js';

export type Browser = ReturnType<TestInstance['newBrowser']> & { userId: string; email: string };

/** A signed-up, signed-in browser of its own. */
export async function member(
  t: TestInstance,
  tag = 'ten',
  email = uniqueEmail(tag),
): Promise<Browser> {
  const browser = t.newBrowser();
  const up = await browser.client.signUp({ email, password: PASSWORD });
  if (!up.ok) throw new Error(up.error.message);
  return Object.assign(browser, { userId: up.data.user.id, email });
}

let n = 0;
/** An org owned by `owner`. */
export async function orgOf(owner: Browser, name = 'Tenancy Org') {
  const org = await owner.client.orgs.create({
    name,
    slug: `t-${Date.now().toString(36)}-${n++}`,
  });
  if (!org.ok) throw new Error(org.error.message);
  return org.data;
}

/** Domain verification by a TXT record the test's resolver answers (`dnsResolver` of the instance). */
export function txtRecords() {
  const txt = new Map<string, string[]>();
  return {
    dnsResolver: { resolveTxt: async (name: string) => txt.get(name) ?? [] },
    /** Claims `domain` for the org and verifies it. */
    async verify(owner: Browser, orgId: string, domain: string) {
      const claimed = ok(await owner.client.domains.add(orgId, { domain }));
      txt.set(claimed.verification.name, [claimed.verification.value]);
      ok(await owner.client.domains.verify(orgId, claimed.id));
    },
  };
}

/** Fails the test with the server's problem when a client call did not succeed. */
export function ok<T>(
  result: { ok: true; data: T } | { ok: false; error: { code: string; message: string } },
): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** The newest dev-mailbox message to `to`, with its text body. */
export async function lastMailTo(
  t: TestInstance,
  to: string,
): Promise<{ subject: string; text: string }> {
  const list = (await (await t.fetch('/api/auth/dev/mailbox')).json()) as {
    messages: Array<{ id: string; to: string; subject: string }>;
  };
  const entry = list.messages.find((m) => m.to === to);
  if (!entry) throw new Error(`no mail to ${to}`);
  const message = (await (await t.fetch(`/api/auth/dev/mailbox/${entry.id}`)).json()) as {
    subject: string;
    text: string;
  };
  return message;
}

/** The invitation token in an emailed link (`…?token=…`). */
export function tokenIn(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error('no token link in the message');
  return match[1]!;
}
