import { OrgAdminPanel } from '@catalyst/react';

/** One org administered at platform scope: every tab an owner has, for a platform admin. */
export default async function AdminOrgPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return (
    <>
      <h1>Organization</h1>
      <OrgAdminPanel orgId={orgId} />
    </>
  );
}
