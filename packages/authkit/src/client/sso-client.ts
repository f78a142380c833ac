/** The client's upstream sign-in namespace (issue 13): providers, your linked identities. */
import type { ClaimRule, MappedGrants } from '../domain/claim-mapping.js';
import type { SsoConnectionInput, SsoConnectionView } from '../services/sso-connection-service.js';
import type { IdentityView } from '../services/sso-service.js';
import type { AuthClient, Result } from './create-auth-client.js';

export type { IdentityView, ClaimRule, SsoConnectionInput };

/** An org's provider as its owner sees it: never the secret; the redirect URI to register. */
export interface OrgSsoConnection extends SsoConnectionView {
  redirectUri: string;
}

export interface ClaimMapping {
  rules: ClaimRule[];
  /** A sign-in that matches no rule takes the member out of the org (never an owner). */
  deprovision: boolean;
}

/** A rule as sent: lists left out are empty. */
export type ClaimRuleInput = Pick<ClaimRule, 'claim' | 'value'> &
  Partial<Pick<ClaimRule, 'roles' | 'groups' | 'labels'>>;

export interface MappingPreview extends MappedGrants {
  /** Whether a sign-in with these claims would be (or stay) a member. */
  member: boolean;
}

/** An org's own provider and its claim rules (`sso:manage`, owners). */
export interface OrgSsoClient {
  get(orgId: string): Promise<Result<{ connection: OrgSsoConnection | null }>>;
  put(orgId: string, input: SsoConnectionInput): Promise<Result<OrgSsoConnection>>;
  delete(orgId: string): Promise<Result<null>>;
  mapping(orgId: string): Promise<Result<ClaimMapping>>;
  setMapping(
    orgId: string,
    mapping: { rules: ClaimRuleInput[]; deprovision?: boolean },
  ): Promise<Result<ClaimMapping>>;
  /** What a sign-in with `claims` would get, under the saved rules or `mapping`; writes nothing. */
  preview(
    orgId: string,
    claims: Record<string, unknown>,
    mapping?: { rules: ClaimRuleInput[]; deprovision?: boolean },
  ): Promise<Result<MappingPreview>>;
}

export interface SsoProvider {
  id: string;
  name: string;
}

/** An org's own provider, found from an email's verified domain. */
export interface SsoRoute {
  id: string;
  name: string;
  /** The org signs its domain's users in only through this provider (no passwords). */
  required: boolean;
}

export interface SsoClient {
  /** The providers this instance offers on its sign-in page. */
  providers(): Promise<Result<{ providers: SsoProvider[] }>>;
  /** The org provider for this address's domain, if an org verified the domain and connected one. */
  route(email: string): Promise<Result<{ connection: SsoRoute | null }>>;
  /** Where a sign-in at `connectionId` starts: navigate the browser there (a full page load). */
  startUrl(connectionId: string, options?: { returnTo?: string; loginHint?: string }): string;
  /** Signs out here and, when the provider offers it, there too: navigate the browser there. */
  logoutUrl(connectionId: string, options?: { returnTo?: string }): string;
  identities: {
    list(): Promise<Result<{ identities: IdentityView[] }>>;
    /** Links a provider account to the signed-in user: answers the URL to navigate to. */
    link(connectionId: string, options?: { returnTo?: string }): Promise<Result<{ url: string }>>;
    /** Refused with `last_sign_in_method` when it is the only way left to sign in. */
    unlink(identityId: string): Promise<Result<null>>;
  };
  /** An org's own provider: `/orgs/{orgId}/sso`. */
  org: OrgSsoClient;
}

const seg = encodeURIComponent;

/**
 * The sign-in-provider namespace over an existing client (a separate factory, so bundles that
 * never show providers do not carry it). `baseUrl`/`basePath` as given to `createAuthClient`.
 */
export function createSsoClient(
  client: AuthClient,
  options: { baseUrl?: string; basePath?: string } = {},
): SsoClient {
  const call: AuthClient['request'] = (method, path, body) => client.request(method, path, body);
  const root = (options.baseUrl ?? '').replace(/\/$/, '') + (options.basePath ?? '/api/auth');
  const url = (path: string, query: Record<string, string | undefined>) => {
    const params = new URLSearchParams(
      Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    return `${root}${path}${params ? `?${params}` : ''}`;
  };
  return {
    providers: () => call('GET', '/sso/providers'),
    route: (email) => call('POST', '/sso/route', { email }),
    startUrl: (id, o = {}) =>
      url(`/sso/${seg(id)}/start`, { returnTo: o.returnTo, loginHint: o.loginHint }),
    logoutUrl: (id, o = {}) => url(`/sso/${seg(id)}/logout`, { returnTo: o.returnTo }),
    identities: {
      list: () => call('GET', '/me/identities'),
      link: (id, o = {}) => call('POST', `/me/identities/${seg(id)}/link`, o),
      unlink: (id) => call('DELETE', `/me/identities/${seg(id)}`),
    },
    org: {
      get: (orgId) => call('GET', `/orgs/${seg(orgId)}/sso`),
      put: (orgId, input) => call('PUT', `/orgs/${seg(orgId)}/sso`, input),
      delete: (orgId) => call('DELETE', `/orgs/${seg(orgId)}/sso`),
      mapping: (orgId) => call('GET', `/orgs/${seg(orgId)}/sso/mapping`),
      setMapping: (orgId, mapping) => call('PUT', `/orgs/${seg(orgId)}/sso/mapping`, mapping),
      preview: (orgId, claims, mapping) =>
        call('POST', `/orgs/${seg(orgId)}/sso/mapping/preview`, { claims, mapping }),
    },
  };
}
