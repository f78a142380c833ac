import { SignOutButton } from '@catalyst/react';
import Link from 'next/link';
import type { ReactNode } from 'react';

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <nav>
        <Link href="/dashboard">Overview</Link>
        <Link href="/dashboard/sessions">Sessions</Link>
        <SignOutButton />
      </nav>
      <main className="card wide">{children}</main>
    </div>
  );
}
