import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startMailbox, type Mailbox } from './mailbox.js';
import { nextBuild, nextStart, type RunningApp } from './next-server.js';

let app: RunningApp | undefined;
let mailbox: Mailbox | undefined;

/**
 * Builds the example once and serves it (`next build && next start`) for the browser tests, with
 * an SMTP server that keeps what the app sends (invitations) for the tests to read.
 */
export async function setup(project: TestProject): Promise<void> {
  const dir = fileURLToPath(new URL('..', import.meta.url));
  nextBuild(dir);
  mailbox = await startMailbox();
  // A 30 s access-token lifetime lets one test watch a token expire for real.
  app = await nextStart(dir, {
    CATALYST_ACCESS_TOKEN_TTL: '30',
    CATALYST_SMTP_URL: mailbox.smtpUrl,
  });
  project.provide('appUrl', app.url);
  project.provide('adminPassword', app.adminPassword);
  project.provide('mailboxUrl', mailbox.url);
}

export async function teardown(): Promise<void> {
  try {
    await app?.stop();
  } finally {
    await mailbox?.stop();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    adminPassword: string;
    /** `GET <mailboxUrl>?to=<address>` lists the messages sent to that address (see mailbox.ts). */
    mailboxUrl: string;
  }
}
