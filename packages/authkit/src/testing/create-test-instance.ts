import { createArgon2Hasher } from '../adapters/idp/argon2-hasher.js';
import { createAuthClient, type AuthClient } from '../client/create-auth-client.js';
import type { Authkit } from '../server/create-authkit.js';
import { createAuthkit } from '../server/create-authkit.js';
import type { AuthkitConfig } from '../server/config.js';
import { CookieJar } from './cookie-jar.js';

export interface TestInstance {
  authkit: Authkit;
  /** A client that talks to the in-process handler, keeping cookies like a browser. */
  client: AuthClient;
  /** The browser-like fetch behind `client`: same jar, Origin set to `baseUrl`. */
  fetch: typeof globalThis.fetch;
  jar: CookieJar;
  baseUrl: string;
  /** Another browser (its own cookie jar) on the same server. */
  newBrowser(options?: { ip?: string; userAgent?: string }): {
    client: AuthClient;
    fetch: typeof globalThis.fetch;
    jar: CookieJar;
  };
  close(): Promise<void>;
}

export interface TestInstanceOptions extends AuthkitConfig {
  /** The client IP the handler sees (for rate-limit tests). */
  ip?: string;
  userAgent?: string;
}

/**
 * A real server on an in-memory PGlite database, reached without a network. Cheap argon2
 * parameters keep suites fast; pass `passwordHasher` to test the production ones.
 */
export async function createTestInstance(options: TestInstanceOptions = {}): Promise<TestInstance> {
  const { ip, userAgent, ...config } = options;
  const baseUrl = config.baseUrl ?? 'http://localhost:3000';
  const authkit = createAuthkit({
    secret: 'test-secret-test-secret-test-secret-0123',
    dataDir: 'memory://',
    passwordHasher: createArgon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    ...config,
    // Suites sign up many users from one address; sign-in limits stay at their real defaults.
    rateLimits: { signUpPerIp: { points: 10_000, durationSeconds: 60 }, ...config.rateLimits },
    baseUrl,
  });
  await authkit.api.ready();

  const browser = (b: { ip?: string; userAgent?: string } = {}) => {
    const jar = new CookieJar();
    const fetchImpl: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(
        new URL(String(input instanceof Request ? input.url : input), baseUrl),
        init,
      );
      const headers = new Headers(request.headers);
      const cookie = jar.header(request.url);
      if (cookie) headers.set('cookie', cookie);
      if (!['GET', 'HEAD'].includes(request.method) && !headers.has('origin'))
        headers.set('origin', new URL(baseUrl).origin);
      headers.set('user-agent', b.userAgent ?? userAgent ?? 'catalyst-test');
      const response = await authkit.handler(new Request(request, { headers }), {
        ip: b.ip ?? ip ?? '127.0.0.1',
      });
      jar.store(response);
      return response;
    };
    return { jar, fetch: fetchImpl, client: createAuthClient({ baseUrl, fetch: fetchImpl }) };
  };

  const first = browser();
  return {
    authkit,
    client: first.client,
    fetch: first.fetch,
    jar: first.jar,
    baseUrl,
    newBrowser: browser,
    close: () => authkit.api.close(),
  };
}
