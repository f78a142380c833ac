/** Node server entry: the handler, config, adapters and the store. */
export { createAuthkit } from './create-authkit.js';
export type { Authkit, AuthkitApi } from './create-authkit.js';
export { resolveSettings, settingsFromEnv, settingsSchema } from './config.js';
export type {
  AuthkitAdapters,
  AuthkitConfig,
  AuthkitSettings,
  ResolvedSettings,
} from './config.js';
export type { ConnectionInfo } from './request-info.js';
export type { ProblemDetails } from './problem.js';
export { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies.js';
export { openStore } from '../adapters/store/open-store.js';
export type { OpenStoreOptions } from '../adapters/store/open-store.js';
export { runMigrations, MIGRATIONS } from '../adapters/store/migrations.js';
export { createMemoryCache } from '../adapters/cache/memory-cache.js';
export { createMemoryRateLimiter } from '../adapters/rate-limit/memory-rate-limiter.js';
export { createArgon2Hasher } from '../adapters/idp/argon2-hasher.js';
export { findBrokenAuditLink } from '../domain/audit-chain.js';
export type { RotationResult } from '../tokens/key-ring.js';
export * from '../domain/index.js';
export type * from '../ports/index.js';
export { systemClock } from '../ports/clock.js';
