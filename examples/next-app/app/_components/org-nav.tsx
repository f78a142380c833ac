'use client';
import { OrgSwitcher } from '@catalyst/react';
import { useRouter } from 'next/navigation';

/**
 * The org switcher in the nav. Switching re-mints the access token with the new org's claims and
 * updates the session store at once; `router.refresh()` then re-renders the server components
 * (headings, billing) for the new org. "Create organization" goes to its own page.
 */
export function OrgNav() {
  const router = useRouter();
  return (
    <OrgSwitcher onCreateOrg={() => router.push('/orgs/new')} onSwitch={() => router.refresh()} />
  );
}
