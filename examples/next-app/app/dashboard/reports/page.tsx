import { requireAuth } from '@catalyst/next';
import { redirect } from 'next/navigation';

// Made-up numbers: the point is who may see them.
const ROWS = [
  ['Sign-ins', '1,284', '+12%'],
  ['New members', '37', '+4%'],
  ['Active sessions', '402', '−3%'],
] as const;

/**
 * Guarded twice: the proxy admits only tokens whose `plan` claim is `pro` (proxy.ts), and the page
 * asks `has()` again against the database, since a proxy matcher is only a first line.
 */
export default async function Reports() {
  const { org, has } = await requireAuth();
  if (!org || !has({ plan: ['pro'] })) redirect('/upgrade?reasons=wrong_plan');
  return (
    <>
      <h1>Reports</h1>
      <p className="muted">{org.name}, last 30 days.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Value</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([metric, value, change]) => (
            <tr key={metric}>
              <th scope="row">{metric}</th>
              <td>{value}</td>
              <td>{change}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
