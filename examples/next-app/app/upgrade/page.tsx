import { auth } from '@catalyst/next';
import Link from 'next/link';

const EXPLAIN: Record<string, string> = {
  wrong_plan: 'needs the Pro plan',
  missing_entitlement: 'needs a feature your plan does not include',
  missing_role: 'needs a role you do not have',
  missing_permission: 'needs a permission you do not have',
  missing_label: 'needs a label you do not have',
  no_active_org: 'needs an active organization',
  wrong_org: 'belongs to another organization',
  mfa_required: 'needs a second factor in this session',
};

/**
 * Where the proxy sends a signed-in user who fails a route's requirement (`forbiddenUrl`), with
 * `reasons` (comma-separated codes) and `redirect_url` (the page they wanted).
 */
export default async function Upgrade({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const reasons = String(params.reasons ?? '')
    .split(',')
    .filter((code) => code in EXPLAIN);
  const state = await auth();
  const org = state?.org ?? null;
  const owner = state?.has({ roles: ['owner'] }) ?? false;
  return (
    <>
      <h1>{reasons.includes('wrong_plan') ? 'Not on your plan' : 'Not available'}</h1>
      <p role="status">
        That page{' '}
        {reasons.length > 0
          ? reasons.map((r) => EXPLAIN[r]).join(' and ')
          : 'is not available to you'}
        {org ? `, and ${org.name} is on the ${org.plan ?? 'no'} plan.` : '.'}
      </p>
      {org && owner ? (
        <p>
          <Link href="/org/billing">Upgrade {org.name} to Pro</Link>
        </p>
      ) : org ? (
        <p className="muted">Ask an owner of {org.name} to upgrade.</p>
      ) : (
        <p>
          <Link href="/orgs/new">Create an organization</Link> first.
        </p>
      )}
      <p>
        <Link href="/dashboard">Back to the dashboard</Link>
      </p>
    </>
  );
}
