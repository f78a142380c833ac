/** Guards for `proxy.ts` / `middleware.ts`: Web APIs and `next/server` only, edge-safe. */
export { withAuthRoute } from './with-auth-route.js';
export type { AuthRouteOptions } from './with-auth-route.js';
export type { GuardContext, ProxyHandler } from './guard-context.js';
export { withApiGuard } from './with-api-guard.js';
export type { ApiGuardOptions } from './with-api-guard.js';
export { makeNextTokenDecoder } from './token-decoder.js';
export type { TokenDecision } from './token-decoder.js';
export type { GuardOptions, ProtectedRoute, RequirementOptions } from './guard-options.js';
export type { DenyReason, Requirement } from '@catalyst/authkit/edge';
export type { RoutePattern } from './route-match.js';
