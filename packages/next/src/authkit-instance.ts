import { createAuthkit, settingsFromEnv, type Authkit } from '@catalyst/authkit/server';

const KEY = Symbol.for('catalyst-next.authkit');
type WithInstance = typeof globalThis & { [KEY]?: Authkit };

/**
 * The process's Authkit: the one registered with `setAuthkit` / `createRouteHandler(authkit)`, else
 * one built from the environment. Kept on globalThis because Next evaluates modules per bundle layer.
 */
export function getAuthkit(): Authkit {
  const g = globalThis as WithInstance;
  g[KEY] ??= createAuthkit(settingsFromEnv());
  return g[KEY];
}

export function setAuthkit(authkit: Authkit): void {
  (globalThis as WithInstance)[KEY] = authkit;
}
