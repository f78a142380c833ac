import type { AuthClient, DomainMode, OrgDomain } from '@catalyst/authkit';
import { retryRequest, unwrap } from './core.js';
import { orgOf, orgQueries, type OrgScope } from './org-resources.js';

/**
 * An org's verified domains (`catalystQueries.domains`): the list with each domain's TXT record,
 * `domains:manage` to read or change. An org has a handful, so the list is one request.
 */
export const domainQueries = {
  domains: {
    all: ['catalyst', 'domains'] as const,
    list: (client: AuthClient, scope: OrgScope) => ({
      queryKey: ['catalyst', 'domains', 'list', scope.userId, scope.orgId] as const,
      queryFn: async (): Promise<OrgDomain[]> =>
        unwrap(await client.domains.list(orgOf(scope))).domains,
      retry: retryRequest,
    }),
  },
};

const stale = [domainQueries.domains.all] as const;

/** Adding, verifying, changing and removing a domain; each makes the list stale. */
export const domainMutations = {
  domains: {
    /** Answers the domain with its TXT record to publish; `409 domain_taken` names `domain`. */
    add: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'domains', 'add'] as const,
      mutationFn: async (input: {
        orgId: string;
        domain: string;
        mode?: DomainMode;
      }): Promise<OrgDomain> =>
        unwrap(
          await client.domains.add(input.orgId, {
            domain: input.domain,
            ...(input.mode ? { mode: input.mode } : {}),
          }),
        ),
      invalidates: stale,
    }),
    /** Looks the TXT record up now: `409 domain_not_verified` until it is published. */
    verify: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'domains', 'verify'] as const,
      mutationFn: async (input: { orgId: string; domainId: string }): Promise<OrgDomain> =>
        unwrap(await client.domains.verify(input.orgId, input.domainId)),
      invalidates: [...stale, orgQueries.orgSuggestions.all],
    }),
    update: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'domains', 'update'] as const,
      mutationFn: async (input: {
        orgId: string;
        domainId: string;
        mode: DomainMode;
      }): Promise<OrgDomain> =>
        unwrap(await client.domains.update(input.orgId, input.domainId, { mode: input.mode })),
      invalidates: stale,
    }),
    remove: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'domains', 'remove'] as const,
      mutationFn: async (input: { orgId: string; domainId: string }): Promise<null> =>
        unwrap(await client.domains.remove(input.orgId, input.domainId)),
      invalidates: [...stale, orgQueries.orgSuggestions.all],
    }),
  },
};
