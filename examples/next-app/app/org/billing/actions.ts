'use server';
import { auth } from '@catalyst/next';
import { appAuthkit, isPlan } from '../../../lib/authkit';

export type ChangePlanResult = { ok: true; orgId: string } | { ok: false; message: string };

/**
 * Demo billing: switches the active org's plan at once. A real app would do this in its payment
 * provider's webhook. A Server Function is reachable by a direct POST, so it checks the caller
 * itself: signed in, an active org, and its owner (read from the database, not the token).
 */
export async function changePlan(plan: unknown): Promise<ChangePlanResult> {
  if (!isPlan(plan)) return { ok: false, message: 'Unknown plan.' };
  const state = await auth();
  if (!state) return { ok: false, message: 'Sign in first.' };
  if (!state.orgId) return { ok: false, message: 'No active organization.' };
  if (!state.has({ roles: ['owner'] })) {
    return { ok: false, message: 'Only an owner can change the plan.' };
  }
  await appAuthkit().api.setOrgPlan(state.orgId, plan);
  return { ok: true, orgId: state.orgId };
}
