import type { AuthClient, OrgEntitlements } from '@catalyst/authkit';
import { retryRequest, unwrap } from './core.js';
import { orgOf, orgQueries, type OrgScope } from './org-resources.js';

/**
 * An org's plan and entitlements (`GET /orgs/{orgId}/entitlements`, `org:read`; the per-member
 * overrides only for `entitlements:manage`) and its labels (`/orgs/{orgId}/labels`: `org:read`
 * to read, `labels:manage` to replace).
 */
export const orgPlanQueries = {
  entitlements: {
    all: ['catalyst', 'entitlements'] as const,
    get: (client: AuthClient, scope: OrgScope) => ({
      queryKey: ['catalyst', 'entitlements', 'get', scope.userId, scope.orgId] as const,
      queryFn: async (): Promise<OrgEntitlements> =>
        unwrap(await client.entitlements.get(orgOf(scope))),
      retry: retryRequest,
    }),
  },
  labels: {
    all: ['catalyst', 'labels'] as const,
    get: (client: AuthClient, scope: OrgScope) => ({
      queryKey: ['catalyst', 'labels', 'get', scope.userId, scope.orgId] as const,
      queryFn: async (): Promise<string[]> => unwrap(await client.labels.get(orgOf(scope))).labels,
      retry: retryRequest,
    }),
  },
};

export const orgPlanMutations = {
  labels: {
    /** Replaces the org's labels (`key:value` each); a bad one is a 400 naming `labels.N`. */
    set: (client: AuthClient) => ({
      mutationKey: ['catalyst', 'labels', 'set'] as const,
      mutationFn: async (input: { orgId: string; labels: string[] }): Promise<string[]> =>
        unwrap(await client.labels.set(input.orgId, input.labels)).labels,
      // The org record and everyone's effective identity there carry the labels too.
      invalidates: [orgPlanQueries.labels.all, orgQueries.orgs.all, orgQueries.me.all],
    }),
  },
};
