import { AcceptInvitation } from './accept-invitation';

/**
 * The page invitation emails and invite links point to (`<CATALYST_BASE_URL>/invitations/accept
 * ?token=…`, the server's `invitationPath`). Public in proxy.ts: it previews the invitation
 * signed out and sends the visitor to sign in or sign up and back.
 */
export default async function AcceptInvitationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <main className="card">
      <AcceptInvitation token={typeof token === 'string' ? token : ''} />
    </main>
  );
}
