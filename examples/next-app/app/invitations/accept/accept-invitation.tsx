'use client';
import type { ClientError, InvitationPreview } from '@catalyst/authkit';
import {
  catalystQueries,
  SignOutButton,
  useAuthClient,
  useCatalystQueryClient,
  useSession,
} from '@catalyst/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/** What each refusal means for the person holding the link; anything else shows the server's text. */
const PROBLEMS: Partial<Record<ClientError['code'], string>> = {
  not_found:
    'This invitation link is not valid. It may have been replaced by a newer invitation: check your email.',
  invalid_request: 'This invitation link is not valid. Open the link from your email again.',
  invitation_expired: 'This invitation has expired. Ask for a new one.',
  invitation_used: 'This invitation has already been accepted.',
  invitation_revoked: 'This invitation was withdrawn.',
  invite_link_exhausted: 'This invite link has been used as many times as it allows.',
  invitation_email_mismatch:
    'This invitation was sent to another email address. Sign in with that address to accept it.',
  member_limit_reached: 'This organization has no free seats on its plan. Ask an owner to upgrade.',
  already_member: 'You are already a member of this organization.',
};

const explain = (error: ClientError) => PROBLEMS[error.code] ?? error.message;

type Preview =
  | { state: 'loading' }
  | { state: 'ready'; invitation: InvitationPreview }
  | { state: 'error'; error: ClientError };

export function AcceptInvitation({ token }: { token: string }) {
  const client = useAuthClient();
  const session = useSession();
  const queryClient = useCatalystQueryClient();
  const router = useRouter();
  const [preview, setPreview] = useState<Preview>({ state: 'loading' });
  const [accepting, setAccepting] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    if (!token) return;
    let live = true;
    void client.invitations.preview(token).then((result) => {
      if (!live) return;
      setPreview(
        result.ok
          ? { state: 'ready', invitation: result.data }
          : { state: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [client, token]);

  if (!token) {
    return (
      <>
        <h1>Invitation</h1>
        <p role="alert">This link has no invitation token. Open the link from your email again.</p>
      </>
    );
  }
  if (preview.state === 'loading') {
    return (
      <>
        <h1>Invitation</h1>
        <p className="muted">Loading the invitation…</p>
      </>
    );
  }
  if (preview.state === 'error') {
    return (
      <>
        <h1>Invitation</h1>
        <p role="alert" data-code={preview.error.code}>
          {explain(preview.error)}
        </p>
        <p>
          <Link href="/">Home</Link>
        </p>
      </>
    );
  }

  const { invitation } = preview;
  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;
  const back = `redirect_url=${encodeURIComponent(here)}`;
  const user = session.data?.user ?? null;

  const accept = async () => {
    setAccepting(true);
    setError(null);
    const joined = await client.invitations.accept(token);
    if (!joined.ok) {
      setAccepting(false);
      setError(joined.error);
      return;
    }
    // Make the org active (a token with its claims), forget cached org lists, go to the dashboard.
    await client.setActiveOrg(joined.data.id);
    await queryClient.invalidateQueries({ queryKey: catalystQueries.all });
    router.push('/dashboard');
  };

  return (
    <>
      <h1>Join {invitation.org.name}</h1>
      <p>
        You are invited to <strong data-testid="invitation-org">{invitation.org.name}</strong> as{' '}
        <strong data-testid="invitation-roles">{invitation.roles.join(', ')}</strong>
        {invitation.email ? (
          <>
            {' '}
            (sent to <strong>{invitation.email}</strong>)
          </>
        ) : null}
        .
      </p>
      {invitation.expiresAt && (
        <p className="muted">
          Valid until {new Date(invitation.expiresAt).toLocaleString('en-US', { timeZone: 'UTC' })}{' '}
          UTC.
        </p>
      )}
      {session.status === 'loading' ? null : user ? (
        <>
          <p className="muted">Signed in as {user.email}.</p>
          {error && (
            <p role="alert" data-code={error.code}>
              {explain(error)}
            </p>
          )}
          <p className="actions">
            <button type="button" onClick={() => void accept()} disabled={accepting}>
              {accepting ? 'Joining…' : 'Accept invitation'}
            </button>{' '}
            <SignOutButton />
          </p>
        </>
      ) : (
        <p className="actions">
          <Link href={`/sign-in?${back}`}>Sign in to accept</Link>{' '}
          <Link href={`/sign-up?${back}`}>Create an account</Link>
        </p>
      )}
    </>
  );
}
