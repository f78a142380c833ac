import { AuditViewer } from '@catalyst/react';

/** The whole platform's audit log, bans and impersonations included (platform roles only). */
export default function PlatformAuditPage() {
  return (
    <>
      <h1>Platform audit log</h1>
      <AuditViewer platform />
    </>
  );
}
