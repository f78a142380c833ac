import type * as DirectoryAdapters from '../adapters/directory/index.js';
import { AuthkitError } from '../domain/errors.js';
import { DirectoryConnectionService } from '../services/directory-connection-service.js';
import {
  DirectorySync,
  type DirectoryOpener,
  type DirectorySyncMetrics,
} from '../services/directory-sync.js';
import type { OrgMutations } from '../services/org-mutations.js';
import { createPinnedFetch } from '../adapters/http/pinned-fetch.js';
import type { OutboundUrlPolicy } from '../services/outbound-url-guard.js';
import { nodeHostLookup } from '../services/webhook-target.js';
import { createSecretBox } from '../tokens/secret-box.js';
import { compileProxyTrust } from './client-address.js';
import type { ResolvedSettings } from './config.js';

const ADAPTERS: string = '@catalyst/authkit/adapters/directory';

const missing = (pkg: string, cause: unknown) =>
  new AuthkitError('invalid_config', `directory sync needs the ${pkg} package installed`, {
    cause,
  });

/**
 * Orgs' directories: the connection API and the sync. The adapters (and the IdP clients they
 * load) are imported on a run's first use, so servers that never sync never load them. A
 * directory's address is an org owner's choice: the same network rule as their OpenID issuer.
 */
export async function createDirectoryServices(
  settings: ResolvedSettings,
  orgs: OrgMutations,
  secret: string,
  metrics: DirectorySyncMetrics,
): Promise<{ connections: DirectoryConnectionService; sync: DirectorySync }> {
  const network: OutboundUrlPolicy = {
    allowed: compileProxyTrust(settings.ssoAllowedNetworks),
    lookup: nodeHostLookup,
    setting: 'CATALYST_SSO_ALLOWED_NETWORKS',
  };
  const box = await createSecretBox(secret, 'directory-credential');
  const timeoutMs = settings.idpTimeoutSeconds * 1000;
  // Every Authentik request is checked again and connected to the checked address, so a name
  // that later resolves inside (DNS rebinding) is refused.
  const guardedFetch = createPinnedFetch(network);
  // The package's own subpath, imported by name so app bundlers (Turbopack, webpack) leave the
  // optional IdP clients alone: they are resolved only when a sync runs, on Node.
  const open: DirectoryOpener = async (connection, credential, observer) => {
    const adapters = (await import(
      /* webpackIgnore: true */ /* turbopackIgnore: true */ ADAPTERS
    ).catch((cause: unknown) => {
      throw missing(
        connection.provider === 'authentik'
          ? '@goauthentik/api'
          : '@keycloak/keycloak-admin-client',
        cause,
      );
    })) as typeof DirectoryAdapters;
    if (connection.provider === 'authentik') {
      return adapters.createAuthentikDirectory({
        baseUrl: connection.baseUrl,
        token: credential,
        timeoutMs,
        observer,
        fetch: guardedFetch,
      });
    }
    return adapters.createKeycloakDirectory({
      baseUrl: connection.baseUrl,
      realm: connection.realm ?? 'master',
      credentials: { clientId: connection.clientId ?? '', clientSecret: credential },
      timeoutMs,
      observer,
    });
  };
  return {
    connections: new DirectoryConnectionService(orgs, box, network),
    sync: new DirectorySync(orgs, box, network, open, metrics),
  };
}
