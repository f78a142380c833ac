import { OidcIdp } from '../adapters/idp/oidc-idp.js';
import { AuthkitError } from '../domain/errors.js';
import type { IdpAdapterPort } from '../ports/idp.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { OrgMutations } from '../services/org-mutations.js';
import { createPinnedFetch, OutboundUrlRefused } from '../adapters/http/pinned-fetch.js';
import type { OutboundUrlPolicy } from '../services/outbound-url-guard.js';
import { SsoConnectionService } from '../services/sso-connection-service.js';
import { SsoConnections } from '../services/sso-connections.js';
import { SsoService } from '../services/sso-service.js';
import { nodeHostLookup } from '../services/webhook-target.js';
import { createSecretBox } from '../tokens/secret-box.js';
import { compileProxyTrust } from './client-address.js';
import type { ResolvedSettings } from './config.js';

/** The global OpenID provider's connection id. */
export const GLOBAL_CONNECTION_ID = 'oidc';

/**
 * The sign-in providers: the operator's own (`oidc` settings; its issuer is the operator's
 * choice, internal or not, so no network guard applies) and each org's, whose every URL must be
 * https to a public address or in `ssoAllowedNetworks`.
 */
export async function createSsoServices(
  settings: ResolvedSettings,
  orgs: OrgMutations,
  secret: string,
  startsPerIp?: RateLimiterPort,
  routesPerIp?: RateLimiterPort,
  sessionsEnded?: (sessionIds: string[]) => Promise<void>,
): Promise<{ sso: SsoService; connections: SsoConnectionService }> {
  const timeoutMs = settings.idpTimeoutSeconds * 1000;
  const platform = new Map<string, IdpAdapterPort>();
  if (settings.oidc) {
    const { issuer, clientId, clientSecret, name, scopes } = settings.oidc;
    platform.set(
      GLOBAL_CONNECTION_ID,
      new OidcIdp({
        id: GLOBAL_CONNECTION_ID,
        name,
        issuer,
        clientId,
        clientSecret,
        scopes,
        timeoutMs,
        allowHttp: issuer.startsWith('http:'),
      }),
    );
  }
  const network: OutboundUrlPolicy = {
    allowed: compileProxyTrust(settings.ssoAllowedNetworks),
    lookup: nodeHostLookup,
    setting: 'CATALYST_SSO_ALLOWED_NETWORKS',
  };
  // Each request to an org's provider is checked and connected to the checked address.
  const pinned = createPinnedFetch(network);
  const orgFetch: typeof fetch = async (input, init) => {
    try {
      return await pinned(input, init);
    } catch (error) {
      if (error instanceof OutboundUrlRefused)
        throw new AuthkitError('idp_unavailable', error.message);
      throw error;
    }
  };
  const box = await createSecretBox(secret, 'idp-client-secret');
  const registry = new SsoConnections(
    orgs.store,
    box,
    platform,
    (record, clientSecret) =>
      new OidcIdp({
        id: record.id,
        name: record.name,
        issuer: record.issuer,
        clientId: record.clientId,
        clientSecret,
        scopes: record.scopes,
        timeoutMs,
        // The pinned fetch refuses plain http outside the allowed networks.
        allowHttp: record.issuer.startsWith('http:'),
        fetch: orgFetch,
      }),
  );
  return {
    sso: new SsoService(orgs, registry, startsPerIp, routesPerIp),
    connections: new SsoConnectionService(
      orgs,
      box,
      network,
      (id) => registry.forget(id),
      sessionsEnded,
    ),
  };
}
