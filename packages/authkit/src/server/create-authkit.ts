import { Hono } from 'hono';
import { AuthkitError } from '../domain/errors.js';
import type { AccessTokenClaims } from '../domain/types.js';
import type { StorePort } from '../ports/store.js';
import type { RotationResult } from '../tokens/key-ring.js';
import { buildApp } from './app.js';
import type { AppEnv } from './app-env.js';
import { resolveSettings, type AuthkitConfig, type ResolvedSettings } from './config.js';
import type { ConnectionInfo } from './request-info.js';
import { createRuntime, type Runtime } from './runtime.js';

export interface AuthkitApi {
  /** Resolves once the store is open, migrated and a signing key exists. */
  ready(): Promise<void>;
  /** Verifies an access token against this instance's keys (no revocation check). */
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
  /** Rotates the signing key (see DESIGN §3 for the overlap window). */
  rotateSigningKey(options?: { immediate?: boolean }): Promise<RotationResult>;
  /** Revokes a session everywhere this instance's cache reaches. */
  revokeSession(sessionId: string): Promise<boolean>;
  /** The underlying store, for tooling and tests. */
  store(): Promise<StorePort>;
  close(): Promise<void>;
}

export interface Authkit {
  /** Web-standard handler: mount it at `basePath` in any framework. */
  handler(request: Request, info?: ConnectionInfo): Promise<Response>;
  api: AuthkitApi;
  settings: ResolvedSettings;
}

/**
 * Builds the auth server. Config is validated now (a bad value throws, naming the key); the store
 * opens lazily on the first request or `api.ready()`, so module-level construction is cheap.
 */
export function createAuthkit(config: AuthkitConfig = {}): Authkit {
  const { store, cache, rateLimiter, passwordHasher, clock, ...plain } = config;
  const settings = resolveSettings(plain);
  let pending: Promise<Runtime> | undefined;
  const runtime = () => {
    pending ??= createRuntime(settings, { store, cache, rateLimiter, passwordHasher, clock }).catch(
      (error: unknown) => {
        pending = undefined; // let the next request retry, e.g. once the database is back
        throw error;
      },
    );
    return pending;
  };
  const app = buildApp(settings, runtime);
  // The routes are relative; mount them under the base path once, here.
  const root = new Hono<AppEnv>().route(settings.basePath, app);
  root.notFound(() => app.request('/__not_found__'));

  return {
    settings,
    handler: (request, info) => Promise.resolve(root.fetch(request, info ?? {})),
    api: {
      async ready() {
        await runtime();
      },
      async verifyAccessToken(token) {
        return (await runtime()).sessions.verify(token);
      },
      async rotateSigningKey(options) {
        return (await runtime()).keys.rotate(options);
      },
      async revokeSession(sessionId) {
        return (await runtime()).sessions.revoke(sessionId);
      },
      async store() {
        return (await runtime()).store;
      },
      async close() {
        if (!pending) return;
        const rt = await pending.catch(() => undefined);
        pending = undefined;
        if (rt && !store) await rt.store.close();
      },
    },
  };
}

export { AuthkitError };
