import { requireAuth } from '@catalyst/next';

// A server component: the session is read on the server, before any HTML is sent.
export default async function Dashboard() {
  const { user, session } = await requireAuth();
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
      </dl>
    </>
  );
}
