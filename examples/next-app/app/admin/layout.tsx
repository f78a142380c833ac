import type { ReactNode } from 'react';
import { Shell } from '../_components/shell';
import { AdminNav } from './admin-nav';

// Signed-in only (the proxy), then the components decide: a user without a platform role sees
// each panel's forbidden state, and the API refuses the same calls.
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <Shell>
      <AdminNav />
      {children}
    </Shell>
  );
}
