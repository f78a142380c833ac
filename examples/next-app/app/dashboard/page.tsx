import { requireAuth } from '@catalyst/next';
import { PlanGate } from '@catalyst/react';
import Link from 'next/link';

// A server component: the session is read on the server, before any HTML is sent.
export default async function Dashboard() {
  const { user, session, org } = await requireAuth();
  return (
    <>
      <h1>Welcome, {user.name ?? user.email}</h1>
      <dl>
        <dt>User id</dt>
        <dd data-testid="user-id">{user.id}</dd>
        <dt>Email</dt>
        <dd data-testid="user-email">{user.email}</dd>
        <dt>This session</dt>
        <dd>
          {session.device ?? 'Unknown device'} since {new Date(session.createdAt).toLocaleString()}
        </dd>
        <dt>Organization</dt>
        <dd data-testid="active-org">
          {org ? (
            <>
              <strong>{org.name}</strong> ({org.roles.join(', ')}, {org.plan ?? 'no'} plan)
            </>
          ) : (
            <>
              None. <Link href="/orgs/new">Create an organization</Link> or pick one above.
            </>
          )}
        </dd>
      </dl>
      {org && (
        <section aria-labelledby="reports-teaser">
          <h2 id="reports-teaser">Reports</h2>
          {/* Client-side, from the session's claims: hides UI only. The proxy guards the page. */}
          <PlanGate
            plan="pro"
            fallback={
              <p className="muted">
                Reports come with the Pro plan.{' '}
                {org.roles.includes('owner') ? (
                  <Link href="/org/billing">Upgrade {org.name}</Link>
                ) : (
                  'Ask an owner to upgrade.'
                )}
              </p>
            }
          >
            <p>
              Your team is on Pro. <Link href="/dashboard/reports">Open the reports</Link>
            </p>
          </PlanGate>
        </section>
      )}
    </>
  );
}
