import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startOidcProvider } from '../../../packages/authkit/test/oidc-provider.js';
import { freePort } from '../../../test/support/free-port.js';
import { startDns, type TestDns } from './dns.js';
import { startMailbox, type Mailbox } from './mailbox.js';
import { nextBuild, nextStart, type RunningApp } from './next-server.js';

let app: RunningApp | undefined;
let mailbox: Mailbox | undefined;
let dns: TestDns | undefined;
let provider: Awaited<ReturnType<typeof startOidcProvider>> | undefined;

/** The platform-wide OpenID provider's button says "Continue with Catalyst ID". */
const PLATFORM_NAME = 'Catalyst ID';
/** Its one account; `login` (the account id) is what its login page takes, with any password. */
const PLATFORM_ACCOUNT = { login: 'pat', email: 'pat@catalyst-id.example', name: 'Pat Platform' };

/**
 * Builds the example once and serves it (`next build && next start`) for the browser tests, with
 * an SMTP server that keeps what the app sends (invitations) for the tests to read, an OpenID
 * provider the app offers as its platform-wide sign-in (`CATALYST_OIDC_*`), and a DNS server the
 * app reads TXT records from, so a test can verify an org's domain.
 */
export async function setup(project: TestProject): Promise<void> {
  const dir = fileURLToPath(new URL('..', import.meta.url));
  nextBuild(dir);
  mailbox = await startMailbox();
  dns = await startDns();
  // The provider registers the app's callback URL, so the app's port is chosen first.
  const port = await freePort();
  provider = await startOidcProvider({
    redirectUri: `http://localhost:${port}/api/auth/sso/callback`,
    accounts: {
      [PLATFORM_ACCOUNT.login]: {
        email: PLATFORM_ACCOUNT.email,
        email_verified: true,
        name: PLATFORM_ACCOUNT.name,
      },
    },
    clientId: 'catalyst-demo',
    clientSecret: randomBytes(24).toString('base64url'),
  });
  const preload = new URL('./dns-preload.mjs', import.meta.url).href;
  app = await nextStart(
    dir,
    {
      // A 30 s access-token lifetime lets one test watch a token expire for real.
      CATALYST_ACCESS_TOKEN_TTL: '30',
      CATALYST_SMTP_URL: mailbox.smtpUrl,
      CATALYST_OIDC_ISSUER: provider.issuer,
      CATALYST_OIDC_CLIENT_ID: provider.clientId,
      CATALYST_OIDC_CLIENT_SECRET: provider.clientSecret,
      CATALYST_OIDC_NAME: PLATFORM_NAME,
      // The orgs' own providers in the tests run on this machine: refused unless allowed.
      CATALYST_SSO_ALLOWED_NETWORKS: '127.0.0.1/32',
      // The server reads TXT records (domain verification) from the tests' DNS server.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`.trim(),
      E2E_DNS_SERVER: dns.server,
    },
    port,
  );
  project.provide('appUrl', app.url);
  project.provide('adminPassword', app.adminPassword);
  project.provide('mailboxUrl', mailbox.url);
  project.provide('dnsUrl', dns.url);
  project.provide('platformIdp', {
    issuer: provider.issuer,
    name: PLATFORM_NAME,
    account: PLATFORM_ACCOUNT,
  });
}

export async function teardown(): Promise<void> {
  try {
    await app?.stop();
  } finally {
    await Promise.all([mailbox?.stop(), dns?.stop(), provider?.close()]);
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    adminPassword: string;
    /** `GET <mailboxUrl>?to=<address>` lists the messages sent to that address (see mailbox.ts). */
    mailboxUrl: string;
    /** `POST <dnsUrl>` `{ name, value }` publishes a TXT record the app then finds (dns.ts). */
    dnsUrl: string;
    /** The app's platform-wide OpenID provider ("Continue with <name>") and its one account. */
    platformIdp: {
      issuer: string;
      name: string;
      account: { login: string; email: string; name: string };
    };
  }
}
