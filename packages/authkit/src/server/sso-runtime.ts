import { OidcIdp } from '../adapters/idp/oidc-idp.js';
import type { IdpAdapterPort } from '../ports/idp.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { StorePort } from '../ports/store.js';
import { SsoService } from '../services/sso-service.js';
import type { ResolvedSettings } from './config.js';

/** The global OpenID provider's connection id. */
export const GLOBAL_CONNECTION_ID = 'oidc';

/**
 * The sign-in providers this instance offers: the operator's own (`oidc` settings) for now. Its
 * issuer is the operator's choice, internal or not, so no network guard applies to it.
 */
export function createSsoService(
  settings: ResolvedSettings,
  store: StorePort,
  clock: Clock,
  startsPerIp?: RateLimiterPort,
): SsoService {
  const connections = new Map<string, IdpAdapterPort>();
  if (settings.oidc) {
    const { issuer, clientId, clientSecret, name, scopes } = settings.oidc;
    connections.set(
      GLOBAL_CONNECTION_ID,
      new OidcIdp({
        id: GLOBAL_CONNECTION_ID,
        name,
        issuer,
        clientId,
        clientSecret,
        scopes,
        timeoutMs: settings.idpTimeoutSeconds * 1000,
        allowHttp: issuer.startsWith('http:'),
      }),
    );
  }
  return new SsoService(store, clock, connections, startsPerIp);
}
