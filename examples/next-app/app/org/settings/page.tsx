import { requireAuth } from '@catalyst/next';
import {
  ClaimMappingEditor,
  DirectorySettings,
  DomainManager,
  GroupManager,
  InviteMember,
  MemberList,
  OrgProfileForm,
  RoleManager,
  SsoSettings,
} from '@catalyst/react';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { appAuthkit } from '../../../lib/authkit';

const SECTIONS = [
  ['profile', 'Profile'],
  ['members', 'Members'],
  ['invitations', 'Invitations'],
  ['groups', 'Groups'],
  ['roles', 'Roles'],
  ['domains', 'Domains'],
  ['sso', 'Single sign-on'],
  ['directory', 'Directory'],
] as const;

/**
 * Whether this browser's access token still names an org that the session no longer has: the
 * member was removed (or the org deleted) since the token was minted. `auth()` reads the
 * membership from the database, so it already says "no org"; this only picks the wording.
 */
async function lostAccess(): Promise<boolean> {
  const token = (await cookies()).get('catalyst_access')?.value;
  if (!token) return false;
  try {
    return Boolean((await appAuthkit().api.verifyAccessToken(token)).org);
  } catch {
    return false;
  }
}

export default async function OrgSettings() {
  const { org } = await requireAuth();
  if (!org) {
    return (
      <>
        <h1>No active organization</h1>
        <p role="status">
          {(await lostAccess())
            ? 'You no longer have access to that organization.'
            : 'Organization settings need an active organization.'}
        </p>
        <p>
          Pick one in the switcher above, or <Link href="/orgs/new">create an organization</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{org.name} settings</h1>
      <p className="muted">
        You are {org.roles.join(', ')} here. Plan: {org.plan ?? 'none'}.
      </p>
      <nav aria-label="Settings sections" className="sections">
        {SECTIONS.map(([id, title]) => (
          <a key={id} href={`#${id}`}>
            {title}
          </a>
        ))}
      </nav>
      {/* Each component follows the session's active org and hides what the caller may not do. */}
      <section id="profile" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        <OrgProfileForm />
      </section>
      <section id="members" aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <MemberList />
      </section>
      <section id="invitations" aria-labelledby="invitations-title">
        <h2 id="invitations-title">Invitations</h2>
        <InviteMember />
      </section>
      <section id="groups" aria-labelledby="groups-title">
        <h2 id="groups-title">Groups</h2>
        <GroupManager />
      </section>
      <section id="roles" aria-labelledby="roles-title">
        <h2 id="roles-title">Roles</h2>
        <RoleManager />
      </section>
      <section id="domains" aria-labelledby="domains-title">
        <h2 id="domains-title">Domains</h2>
        <DomainManager />
      </section>
      {/* SSO and the directory are owners' settings: others see why they cannot change them. */}
      <section id="sso" aria-labelledby="sso-title">
        <h2 id="sso-title">Single sign-on</h2>
        <p className="muted">
          People at a verified domain are offered this provider on the sign-in page.
        </p>
        <SsoSettings />
        <h3>Claim mapping</h3>
        <ClaimMappingEditor />
      </section>
      <section id="directory" aria-labelledby="directory-title">
        <h2 id="directory-title">Directory</h2>
        <p className="muted">
          Sync people at the verified domains, and their groups, from Authentik or Keycloak.
        </p>
        <DirectorySettings />
      </section>
    </>
  );
}
