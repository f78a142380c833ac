import { requireAuth } from '@catalyst/next';
import { KeyManager } from '@catalyst/react';
import Link from 'next/link';

/** The active org's API keys; managing them needs `keys:manage` (the component says so). */
export default async function OrgKeys() {
  const { org } = await requireAuth();
  if (!org) {
    return (
      <>
        <h1>No active organization</h1>
        <p role="status">Organization keys need an active organization.</p>
        <p>
          Pick one in the switcher above, or <Link href="/orgs/new">create an organization</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{org.name} API keys</h1>
      <p className="muted">
        Keys that act for {org.name} rather than for a person: they may carry the app&apos;s scopes
        and the organization permissions you hold.
      </p>
      <KeyManager orgId={org.id} />
    </>
  );
}
