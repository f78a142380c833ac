import { UsersPanel } from './users-panel';

/** Every account of the platform: search, filters, bans, impersonation (platform roles only). */
export default function AdminUsersPage() {
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        Search every account, filter by role, ban state, org or label, and open one to see its orgs,
        sessions, keys, second factors and activity. Support staff can look; only admins can change
        anything.
      </p>
      <UsersPanel />
    </>
  );
}
