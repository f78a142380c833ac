/** Shared by the email-flow tests: an instance mailing through a real SMTP server, HTTP calls. */
import { expect } from 'vitest';
import type { DriverName } from '../../test/drivers.js';
import { PASSWORD, instanceOn, uniqueEmail } from '../../test/instances.js';
import type { TestInstance, TestInstanceOptions } from '../testing/create-test-instance.js';
import type { SmtpCapture } from '../testing/smtp-capture.js';

export type Browser = ReturnType<TestInstance['newBrowser']>;

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

const BASE = '/api/auth';

/** An instance that sends mail to `mail`; limits that would trip a whole suite are raised. */
export function mailingInstance(
  driver: DriverName,
  mail: SmtpCapture,
  options: TestInstanceOptions = {},
) {
  return instanceOn(driver, {
    ...options,
    smtpUrl: mail.url,
    rateLimits: {
      emailPerIp: { points: 10_000, durationSeconds: 3600 },
      signInPerIp: { points: 10_000, durationSeconds: 60 },
      ...options.rateLimits,
    },
  });
}

/** A JSON request through `browser`; `raw` sends the body as is. */
export async function call(
  browser: Browser,
  method: string,
  path: string,
  body?: unknown,
  raw?: string,
): Promise<Answer> {
  const res = await browser.fetch(`${BASE}${path}`, {
    method,
    ...(body === undefined && raw === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

export const post = (browser: Browser, path: string, body?: unknown) =>
  call(browser, 'POST', path, body);

/** The user `GET /session` shows in `browser` (null when signed out). */
export async function sessionUser(browser: Browser) {
  const { body } = await call(browser, 'GET', '/session');
  return body.user as { id: string; email: string; emailVerified: boolean } | null;
}

/** What must not tell two answers apart: all but the date and the binding cookie's value. */
export function comparable(answer: Answer) {
  const headers = [...answer.headers]
    .filter(([name]) => name !== 'date' && name !== 'set-cookie')
    .sort();
  const cookies = answer.headers.getSetCookie().map((c) => c.replace(/=[^;]*/, '=…'));
  return { status: answer.status, body: answer.body, headers, cookies };
}

/** Asserts a problem+json answer with `status` and `code` (and `field` when given). */
export function expectProblem(answer: Answer, status: number, code: string, field?: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, code, ...(field ? { field } : {}) });
}

/** A new account, signed in in a browser of its own. */
export async function signUp(t: TestInstance, email = uniqueEmail()) {
  const browser = t.newBrowser();
  const res = await post(browser, '/sign-up', { email, password: PASSWORD });
  expect(res.status).toBe(201);
  return { browser, email, id: (res.body.user as { id: string } | null)?.id ?? '' };
}

export const signIn = (browser: Browser, email: string, password = PASSWORD) =>
  post(browser, '/sign-in', { email, password });

/** The token of the one `<baseUrl><path>?token=…` link in `text`; fails when there is none. */
export function linkToken(text: string, baseUrl: string, path: string): string {
  const prefix = new URL(path, baseUrl).toString();
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const links = [...text.matchAll(new RegExp(`${escaped}\\?token=([A-Za-z0-9_-]+)`, 'g'))];
  expect(links, `a ${prefix}?token=… link in:\n${text}`).toHaveLength(1);
  return links[0]![1]!;
}

/** Lets a background send that should not happen have its chance to arrive. */
export const settle = () => new Promise((r) => setTimeout(r, 300));
