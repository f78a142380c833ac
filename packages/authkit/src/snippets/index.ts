/**
 * Ready-to-paste proxy configuration for Catalyst forward-auth (DESIGN §5): Traefik
 * (`forwardAuth`, labels or file provider), Caddy (`forward_auth`) and nginx (`auth_request`).
 * Pure functions: they return text and touch nothing.
 */
import { caddySnippet } from './caddy.js';
import { nginxSnippet } from './nginx.js';
import { traefikSnippet } from './traefik.js';

export { caddySnippet, nginxSnippet, traefikSnippet };
export type { CaddySnippetOptions } from './caddy.js';
export type { NginxSnippetOptions } from './nginx.js';
export type { TraefikSnippetOptions } from './traefik.js';
export { NGINX_AUTH_LOCATION } from './nginx.js';
export { TRAEFIK_AUTH_REQUEST_HEADERS } from './traefik.js';
export {
  DECISION_COOKIE,
  FORWARD_AUTH_PATH,
  IDENTITY_HEADERS,
  forwardAuthEndpoint,
} from './common.js';
export type { IdentityHeader } from './common.js';

/** The snippet generators under one name: `forwardAuth.caddySnippet({ … })`. */
export const forwardAuth = { traefikSnippet, caddySnippet, nginxSnippet } as const;
