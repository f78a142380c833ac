'use client';
import { CreateOrg, useAuthClient } from '@catalyst/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { startOnFreePlan } from './actions';

/**
 * `<CreateOrg>`, then: the free plan (server), the new org made active (which mints a token with
 * its claims, plan included) and on to its settings.
 */
export function NewOrg() {
  const client = useAuthClient();
  const router = useRouter();
  const [settingUp, setSettingUp] = useState<string | null>(null);
  if (settingUp) return <p role="status">Setting up {settingUp}…</p>;
  return (
    <CreateOrg
      activate={false}
      onCreated={async (org) => {
        setSettingUp(org.name);
        await startOnFreePlan(org.id);
        await client.setActiveOrg(org.id);
        router.push('/org/settings');
      }}
    />
  );
}
