/** Server-side Next.js integration (Node runtime). Guards for proxy.ts live in `@catalyst/next/proxy`. */
export { createRouteHandler } from './route-handler.js';
export type { RouteHandlers } from './route-handler.js';
export {
  createForwardAuthRoute,
  type ForwardAuthRouteHandlers,
  type ForwardAuthRouteOptions,
} from './forward-auth-route.js';
export {
  auth,
  currentUser,
  requireAuth,
  requireStepUp,
  createServerHelpers,
} from './server-helpers.js';
export type {
  AuthState,
  RequireAuthOptions,
  RequireStepUpOptions,
  ServerHelpers,
} from './server-helpers.js';
export { AuthProvider } from './auth-provider.js';
export { getAuthkit, setAuthkit } from './authkit-instance.js';
