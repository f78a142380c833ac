import { requireAuth } from '@catalyst/next';
import Link from 'next/link';
import { Fragment } from 'react';
import { isPlan, PLANS } from '../../../lib/authkit';
import { PlanButtons } from './plan-buttons';

const TITLES = { free: 'Free', pro: 'Pro' } as const;

export default async function Billing() {
  const { org, has } = await requireAuth();
  if (!org) {
    return (
      <>
        <h1>Billing</h1>
        <p>
          No active organization. <Link href="/orgs/new">Create one</Link> or pick one above.
        </p>
      </>
    );
  }
  // Checked on the server against the database; the nav link shows for everyone.
  if (!has({ roles: ['owner'] })) {
    return (
      <>
        <h1>Billing</h1>
        <p role="status">Only an owner of {org.name} can manage its plan.</p>
      </>
    );
  }
  const plan = isPlan(org.plan) ? org.plan : null;
  return (
    <>
      <h1>{org.name} billing</h1>
      <p data-testid="current-plan">
        Current plan: <strong>{plan ? TITLES[plan] : 'none'}</strong>
      </p>
      <dl>
        {Object.entries(PLANS).map(([name, details]) => (
          <Fragment key={name}>
            <dt>{TITLES[name as keyof typeof TITLES]}</dt>
            <dd>
              Up to {details.limits.members} members
              {details.features.length > 0 ? `; ${details.features.join(', ')}` : ''}
            </dd>
          </Fragment>
        ))}
      </dl>
      <PlanButtons current={plan} />
      <p className="muted">
        Demo billing: no payment; the plan changes at once through{' '}
        <code>authkit.api.setOrgPlan</code>.
      </p>
    </>
  );
}
