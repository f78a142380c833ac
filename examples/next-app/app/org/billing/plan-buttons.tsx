'use client';
import { useAuthClient } from '@catalyst/react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { PlanName } from '../../../lib/authkit';
import { changePlan } from './actions';

/**
 * Calls the server action, then re-selects the active org: that mints a new access token whose
 * `plan` and `ent` claims carry the change (the proxy guard and `<PlanGate>` read those claims)
 * and updates the session store. `router.refresh()` re-renders the server components.
 */
export function PlanButtons({ current }: { current: PlanName | null }) {
  const client = useAuthClient();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  const switchTo = (plan: PlanName) =>
    startTransition(async () => {
      setMessage(null);
      const result = await changePlan(plan);
      if (!result.ok) {
        setMessage(result.message);
        return;
      }
      const refreshed = await client.setActiveOrg(result.orgId);
      if (!refreshed.ok) setMessage(refreshed.error.message);
      router.refresh();
    });

  return (
    <div className="actions">
      {current === 'pro' ? (
        <button type="button" disabled={pending} onClick={() => switchTo('free')}>
          Back to Free
        </button>
      ) : (
        <button type="button" disabled={pending} onClick={() => switchTo('pro')}>
          Switch to Pro (demo billing)
        </button>
      )}
      {message && <p role="alert">{message}</p>}
    </div>
  );
}
