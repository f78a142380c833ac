import { SignOutButton, UserButton } from '@catalyst/react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { OrgNav } from './org-nav';

/** The signed-in page shell: the nav (with the org switcher) above one wide card. */
export function Shell({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <nav aria-label="Main">
        <OrgNav />
        <Link href="/dashboard">Overview</Link>
        <Link href="/dashboard/sessions">Sessions</Link>
        <Link href="/dashboard/reports">Reports</Link>
        <Link href="/dashboard/keys">API keys</Link>
        <Link href="/dashboard/security">Security</Link>
        <Link href="/dashboard/profile">Profile</Link>
        <Link href="/org/settings">Organization</Link>
        <Link href="/org/keys">Org keys</Link>
        <Link href="/org/webhooks">Webhooks</Link>
        <Link href="/org/audit">Audit log</Link>
        <Link href="/org/billing">Billing</Link>
        <Link href="/admin">Admin</Link>
        <SignOutButton />
        <UserButton profileUrl="/dashboard/profile" afterStopImpersonatingUrl="/admin" />
      </nav>
      <main className="card wide">{children}</main>
    </div>
  );
}
