/** Forward-auth on Web APIs alone: Traefik, Caddy and nginx ask it before every request. */
export { createForwardAuth } from './create-forward-auth.js';
export { ACCESS_COOKIE, DECISION_COOKIE, IDENTITY_HEADERS } from './types.js';
export type {
  ForwardAuth,
  ForwardAuthAnswer,
  HeaderReader,
  ForwardAuthConnection,
  ForwardAuthDecisionEvent,
  ForwardAuthLog,
  ForwardAuthOptions,
  ForwardAuthRoute,
  IdentityHeader,
  RevocationOptions,
} from './types.js';
