import { keyMutations, keyQueries } from './key-resources.js';
import { orgMutations, orgQueries } from './org-resources.js';
import { sessionMutations, sessionQueries } from './session-resources.js';
import { webhookMutations, webhookQueries } from './webhook-resources.js';
import { auditQueries } from './audit-resources.js';
import { accountMutations, accountQueries } from './account-resources.js';
import { profileMutations, profileQueries } from './profile-resources.js';
import { domainMutations, domainQueries } from './domain-resources.js';
import { orgPlanMutations, orgPlanQueries } from './org-plan-resources.js';

export * from './core.js';
export type { OrgScope, PageOf } from './org-resources.js';
export { PAGE_SIZE } from './org-resources.js';
export type { KeyOwnerRef, KeysScope, KeyStatusFilter } from './key-resources.js';
export type { WebhookOwnerRef, WebhooksScope } from './webhook-resources.js';
export type {
  AuditEvent,
  AuditFilterValues,
  AuditLogScope,
  AuditScopeRef,
} from './audit-resources.js';

/**
 * Every resource the components read: query keys and fetchers over `createAuthClient`, defined
 * once. Works with TanStack Query as it is (`useQuery(catalystQueries.sessions.list(client))`),
 * and `@catalyst/react/swr` builds its hooks from the same definitions. No library is imported here.
 */
export const catalystQueries = {
  /** Every query of ours starts with this key. */
  all: ['catalyst'] as const,
  ...sessionQueries,
  ...orgQueries,
  ...keyQueries,
  ...webhookQueries,
  ...auditQueries,
  ...accountQueries,
  ...profileQueries,
  ...domainQueries,
  ...orgPlanQueries,
};

/** Writes, and the query keys each one makes stale (invalidate exactly these afterwards). */
export const catalystMutations = {
  ...sessionMutations,
  ...orgMutations,
  ...keyMutations,
  ...webhookMutations,
  ...accountMutations,
  ...profileMutations,
  ...domainMutations,
  ...orgPlanMutations,
};
