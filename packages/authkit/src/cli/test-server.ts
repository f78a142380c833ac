/**
 * Test support (not exported by any entry): a real auth server on Node's HTTP server (`serve`,
 * an in-memory PGlite database, 127.0.0.1 on a free port) and a browser-ish caller for it.
 */
import { randomUUID } from 'node:crypto';
import type { CliIo } from './io.js';
import { serve, type RunningServer } from './serve.js';

export const STRONG_PASSWORD = 'correct-horse-battery-staple-42';

export function capture(env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  const io: CliIo = { env, out: (l) => lines.push(l), err: (l) => errors.push(l) };
  return { io, lines, errors };
}

export interface TestServer extends RunningServer {
  /** `http://localhost:<port>`: what CATALYST_BASE_URL would be. */
  origin: string;
  signUp(email?: string): Promise<SignedIn>;
}

export interface SignedIn {
  userId: string;
  /** `catalyst_access=…; catalyst_refresh=…` for a Cookie header. */
  cookie: string;
  accessToken: string;
  /** fetch under the base path with the cookies and a same-origin Origin. */
  call(path: string, init?: RequestInit): Promise<Response>;
}

export async function startTestServer(
  env: Record<string, string | undefined> = {},
): Promise<TestServer> {
  const running = await serve(
    capture({
      CATALYST_DATA_DIR: `memory://cli-${randomUUID()}`,
      CATALYST_SECRET: 'cli-test-secret-cli-test-secret-0123456789',
      ...env,
    }).io,
    0,
  );
  const origin = new URL(running.url).origin;
  return {
    ...running,
    origin,
    async signUp(email = `user-${randomUUID()}@example.com`) {
      const response = await fetch(`${running.url}/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ email, password: STRONG_PASSWORD }),
      });
      if (response.status !== 201)
        throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
      const { user } = (await response.json()) as { user: { id: string } };
      const pairs = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
      const cookie = pairs.join('; ');
      const accessToken =
        pairs.find((p) => p.startsWith('catalyst_access='))?.slice('catalyst_access='.length) ?? '';
      return {
        userId: user.id,
        cookie,
        accessToken,
        call: (path, init = {}) =>
          fetch(`${running.url}${path}`, {
            ...init,
            headers: { cookie, origin, ...(init.headers as Record<string, string>) },
          }),
      };
    },
  };
}
