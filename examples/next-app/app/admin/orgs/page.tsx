import { AdminOrgList } from './admin-org-list';

/** Every org of the platform; open one to administer it as its owner would. */
export default function AdminOrgsPage() {
  return (
    <>
      <h1>Organizations</h1>
      <AdminOrgList />
    </>
  );
}
