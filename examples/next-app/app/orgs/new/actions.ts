'use server';
import { auth } from '@catalyst/next';
import { appAuthkit } from '../../../lib/authkit';

/**
 * Puts a new org on the free plan (its member limit then applies). Only the org's owner may, and
 * only while it has no plan yet: a Server Function is reachable by a direct POST, so it checks
 * everything itself.
 */
export async function startOnFreePlan(orgId: unknown): Promise<boolean> {
  if (typeof orgId !== 'string') return false;
  const state = await auth();
  if (!state) return false;
  const identity = await appAuthkit().api.effective(state.userId, orgId);
  if (!identity?.roles.includes('owner') || identity.plan !== null) return false;
  await appAuthkit().api.setOrgPlan(orgId, 'free');
  return true;
}
