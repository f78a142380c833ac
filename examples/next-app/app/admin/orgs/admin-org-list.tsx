'use client';

import { createAdminClient, type AdminOrg } from '@catalyst/authkit';
import { useAuthClient } from '@catalyst/react';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';

type State =
  | { status: 'loading' }
  | { status: 'forbidden' }
  | { status: 'error'; message: string }
  | { status: 'ready'; orgs: AdminOrg[] };

/** A plain search over `/admin/orgs` built on `createAdminClient`: the app's own markup. */
export function AdminOrgList() {
  const client = useAuthClient();
  const admin = useMemo(() => createAdminClient(client), [client]);
  const [q, setQ] = useState('');
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const res = await admin.orgs.list({ ...(q ? { q } : {}), limit: 50 });
      if (!live) return;
      if (res.ok) setState({ status: 'ready', orgs: res.data.orgs });
      else if (res.error.status === 403) setState({ status: 'forbidden' });
      else setState({ status: 'error', message: res.error.message });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [admin, q]);

  return (
    <div data-state={state.status} data-catalyst="admin-org-list">
      <label>
        Search organizations
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      {state.status === 'forbidden' && (
        <p role="alert">Only platform staff can see every organization.</p>
      )}
      {state.status === 'error' && <p role="alert">{state.message}</p>}
      {state.status === 'ready' && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Slug</th>
              <th scope="col">Owner</th>
              <th scope="col">Members</th>
              <th scope="col">Plan</th>
            </tr>
          </thead>
          <tbody>
            {state.orgs.map((org) => (
              <tr key={org.id}>
                <td>
                  <Link href={`/admin/orgs/${org.id}`}>{org.name}</Link>
                </td>
                <td>{org.slug}</td>
                <td>{org.owner?.email ?? '—'}</td>
                <td>{org.memberCount}</td>
                <td>{org.plan ?? 'free'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
