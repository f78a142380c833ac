import type { OrgWork } from './org-mutations.js';

/**
 * While an org requires its own provider, sessions of people at its verified domains that did
 * not start through that provider end (a password sign-in from before, another provider's).
 * Platform operators keep theirs, as they keep their own way in; so does `exceptSessionId`, the
 * owner's session that made the change. `keepProviderSessions: false` ends the provider's own
 * sessions too (its issuer changed: they came from somewhere else). Runs in the change's
 * transaction; answers the ended ids, which the caller tombstones once it commits.
 */
export async function endSessionsOutsideRequiredSso(
  work: OrgWork,
  at: Date,
  exceptSessionId: string | undefined,
  keepProviderSessions = true,
): Promise<string[]> {
  const connection = await work.scoped.ssoConnection.get();
  if (!connection?.enabled || !connection.required) return [];
  const domains = (await work.scoped.domains.list())
    .filter((d) => d.verifiedAt !== null)
    .map((d) => d.domain);
  const ended = await work.tx.sessions.revokeAtDomainsExcept(
    domains,
    keepProviderSessions ? connection.id : null,
    at,
    exceptSessionId,
  );
  if (ended.length > 0) {
    await work.audit('sso_connection.sessions_ended', ['sso_connection', connection.id], {
      count: ended.length,
      domains,
    });
  }
  return ended;
}
