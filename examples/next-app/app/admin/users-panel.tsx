'use client';

import { UserAdminPanel } from '@catalyst/react';
import { useRouter } from 'next/navigation';

/** The panel takes a callback, so it lives in a client component. */
export function UsersPanel() {
  const router = useRouter();
  return (
    <UserAdminPanel
      // The browser now holds the user's session: show the app as they see it.
      onImpersonate={() => {
        router.push('/dashboard');
        router.refresh();
      }}
    />
  );
}
