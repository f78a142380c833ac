import { requireAuth } from '@catalyst/next';
import { AuditViewer } from '@catalyst/react';
import Link from 'next/link';

/** The active org's audit log; reading it needs `audit:read` (the component says so). */
export default async function OrgAudit() {
  const { org } = await requireAuth();
  if (!org) {
    return (
      <>
        <h1>No active organization</h1>
        <p role="status">The audit log belongs to an organization: there is no active one.</p>
        <p>
          Pick one in the switcher above, or <Link href="/orgs/new">create an organization</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{org.name} audit log</h1>
      <p className="muted">
        Who did what in {org.name}, newest first: filter by actor, action or target, follow new
        events live, and export what you see as NDJSON or CSV.
      </p>
      <AuditViewer orgId={org.id} />
    </>
  );
}
