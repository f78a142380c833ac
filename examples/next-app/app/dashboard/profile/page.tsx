import { requireAuth } from '@catalyst/next';
import { UserProfile } from '@catalyst/react';

// Everyone's own profile: name, avatar, locale and time zone, security, API keys and orgs.
export default async function ProfilePage() {
  await requireAuth();
  return (
    <>
      <h1>Your profile</h1>
      <UserProfile />
    </>
  );
}
