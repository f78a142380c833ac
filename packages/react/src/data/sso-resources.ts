import type {
  ClaimMapping,
  ClaimRuleInput,
  MappingPreview,
  OrgSsoClient,
  OrgSsoConnection,
  SsoConnectionInput,
} from '@catalyst/authkit';
import { retryRequest, unwrap } from './core.js';
import { orgOf, type OrgScope } from './org-resources.js';

/** Claim rules as sent: the rules in order (their indexes name errors), and `deprovision`. */
export interface ClaimMappingInput {
  rules: ClaimRuleInput[];
  deprovision: boolean;
}

/**
 * An org's own provider and its claim rules (`/orgs/{orgId}/sso`, `sso:manage`: owners), over
 * `createSsoClient(client).org`. The connection and the rules are one small document each.
 */
export const ssoQueries = {
  all: ['catalyst', 'org-sso'] as const,
  connection: (sso: OrgSsoClient, scope: OrgScope) => ({
    queryKey: ['catalyst', 'org-sso', 'connection', scope.userId, scope.orgId] as const,
    queryFn: async (): Promise<OrgSsoConnection | null> =>
      unwrap(await sso.get(orgOf(scope))).connection,
    retry: retryRequest,
  }),
  /** `404 not_found` while no provider is connected: ask only once one is. */
  mapping: (sso: OrgSsoClient, scope: OrgScope) => ({
    queryKey: ['catalyst', 'org-sso', 'mapping', scope.userId, scope.orgId] as const,
    queryFn: async (): Promise<ClaimMapping> => unwrap(await sso.mapping(orgOf(scope))),
    retry: retryRequest,
  }),
};

const connectionKeys = ['catalyst', 'org-sso', 'connection'] as const;
const mappingKeys = ['catalyst', 'org-sso', 'mapping'] as const;

/** Saving or removing the provider, saving its rules, and previewing them (writes nothing). */
export const ssoMutations = {
  /** `clientSecret` omitted keeps the stored one, null clears it (a public client). */
  put: (sso: OrgSsoClient) => ({
    mutationKey: ['catalyst', 'org-sso', 'put'] as const,
    mutationFn: async (input: {
      orgId: string;
      connection: SsoConnectionInput;
    }): Promise<OrgSsoConnection> => unwrap(await sso.put(input.orgId, input.connection)),
    invalidates: [connectionKeys],
  }),
  /** The rules go with the provider. */
  remove: (sso: OrgSsoClient) => ({
    mutationKey: ['catalyst', 'org-sso', 'delete'] as const,
    mutationFn: async (input: { orgId: string }): Promise<null> =>
      unwrap(await sso.delete(input.orgId)),
    invalidates: [ssoQueries.all],
  }),
  /** Errors name the rule part at fault: `rules.2.roles.0`. */
  setMapping: (sso: OrgSsoClient) => ({
    mutationKey: ['catalyst', 'org-sso', 'set-mapping'] as const,
    mutationFn: async (input: { orgId: string } & ClaimMappingInput): Promise<ClaimMapping> =>
      unwrap(
        await sso.setMapping(input.orgId, { rules: input.rules, deprovision: input.deprovision }),
      ),
    invalidates: [mappingKeys],
  }),
  /** What a sign-in with `claims` would get under `mapping` (else the saved rules). */
  preview: (sso: OrgSsoClient) => ({
    mutationKey: ['catalyst', 'org-sso', 'preview'] as const,
    mutationFn: async (input: {
      orgId: string;
      claims: Record<string, unknown>;
      mapping?: ClaimMappingInput;
    }): Promise<MappingPreview> =>
      unwrap(await sso.preview(input.orgId, input.claims, input.mapping)),
    invalidates: [] as const,
  }),
};
