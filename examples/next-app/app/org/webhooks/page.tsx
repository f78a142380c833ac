import { requireAuth } from '@catalyst/next';
import { WebhookManager } from '@catalyst/react';
import Link from 'next/link';

/** The active org's webhook endpoints; managing them needs `webhooks:manage` (the component says so). */
export default async function OrgWebhooks() {
  const { org } = await requireAuth();
  if (!org) {
    return (
      <>
        <h1>No active organization</h1>
        <p role="status">Webhooks belong to an organization: there is no active one.</p>
        <p>
          Pick one in the switcher above, or <Link href="/orgs/new">create an organization</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{org.name} webhooks</h1>
      <p className="muted">
        Endpoints that receive {org.name}&apos;s events as signed POST requests (Standard Webhooks).
        Each endpoint&apos;s signing secret is shown once, when it is registered or rotated.
      </p>
      <WebhookManager orgId={org.id} />
    </>
  );
}
