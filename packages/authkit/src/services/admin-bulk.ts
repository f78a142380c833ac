import { isAuthkitError } from '../domain/errors.js';
import type { StorePort } from '../ports/store.js';
import type { AdminUserService } from './admin-users.js';
import { requirePlatform, type PlatformRolesOf } from './platform-access.js';
import type { RequestContext } from './request-context.js';

export interface BulkInput {
  action: 'ban' | 'unban' | 'label' | 'delete' | 'signOut';
  userIds: string[];
  reason?: string | null | undefined;
  expiresAt?: Date | null | undefined;
  addLabels?: string[] | undefined;
  removeLabels?: string[] | undefined;
}

export interface BulkResult {
  userId: string;
  ok: boolean;
  code?: string;
}

/**
 * Runs one admin action on each selected user in turn. Each user's change is its own transaction,
 * so one refusal (the last admin, an org owner) is reported without undoing the others.
 */
export async function runBulk(
  admin: AdminUserService,
  store: StorePort,
  rolesOf: PlatformRolesOf,
  actorId: string,
  input: BulkInput,
  context: RequestContext,
): Promise<BulkResult[]> {
  await requirePlatform(rolesOf, actorId, 'write');
  const results: BulkResult[] = [];
  for (const userId of [...new Set(input.userIds)]) {
    try {
      if (input.action === 'ban') {
        const ban = { reason: input.reason ?? null, expiresAt: input.expiresAt ?? null };
        await admin.ban(actorId, userId, ban, context);
      } else if (input.action === 'unban') await admin.unban(actorId, userId, context);
      else if (input.action === 'delete') await admin.delete(actorId, userId, context);
      else if (input.action === 'signOut') await admin.signOutEverywhere(actorId, userId, context);
      else {
        const user = await store.users.findById(userId);
        const remove = new Set(input.removeLabels ?? []);
        const labels = [...(user?.labels ?? []), ...(input.addLabels ?? [])].filter(
          (l) => !remove.has(l),
        );
        await admin.update(actorId, userId, { labels }, context);
      }
      results.push({ userId, ok: true });
    } catch (error) {
      // Anything but a refusal (a lost database) fails the request, as it would for one user.
      if (!isAuthkitError(error) || error.status >= 500) throw error;
      results.push({ userId, ok: false, code: error.code });
    }
  }
  return results;
}
