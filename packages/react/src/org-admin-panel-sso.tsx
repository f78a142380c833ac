'use client';
import { ClaimMappingEditor } from './claim-mapping-editor.js';
import { SsoSettings } from './sso-settings.js';

/**
 * The single sign-on tab of `<OrgAdminPanel>`: the org's provider, then its claim rules. For
 * anyone but an owner, `SsoSettings` says why they cannot (its forbidden state), once.
 */
export function OrgSsoTab({ orgId, owner }: { orgId: string | null; owner: boolean }) {
  return (
    <>
      <SsoSettings orgId={orgId} />
      {owner && <ClaimMappingEditor orgId={orgId} />}
    </>
  );
}
