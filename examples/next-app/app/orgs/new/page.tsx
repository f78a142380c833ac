import { requireAuth } from '@catalyst/next';
import { NewOrg } from './new-org';

export default async function NewOrgPage() {
  await requireAuth();
  return (
    <>
      <h1>New organization</h1>
      <p className="muted">
        You will be its owner. It starts on the Free plan (up to 5 members); invite people from its
        settings.
      </p>
      <NewOrg />
    </>
  );
}
