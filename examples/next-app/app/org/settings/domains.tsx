'use client';
import type { ClientError, OrgDomain } from '@catalyst/authkit';
import { useAuthClient, useMembership, usePermission } from '@catalyst/react';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';

const MESSAGES: Partial<Record<ClientError['code'], string>> = {
  domain_not_verified: 'The TXT record was not found yet. DNS can take a while: try again later.',
  domain_taken: 'Another organization has verified this domain, or it is already in this list.',
};

const explain = (error: ClientError) => MESSAGES[error.code] ?? error.message;

/**
 * Verified domains, built on the client's `domains.*` calls (there is no kit component for them
 * yet): add a domain, publish the TXT record it shows, then verify. Needs `domains:manage`.
 */
export function Domains() {
  const client = useAuthClient();
  const { org } = useMembership();
  const orgId = org?.id ?? null;
  const canManage = usePermission('domains:manage');
  const inputId = useId();
  const [domains, setDomains] = useState<OrgDomain[] | null>(null);
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!orgId) return;
    const result = await client.domains.list(orgId);
    if (result.ok) setDomains(result.data.domains);
    else setError(result.error);
  }, [client, orgId]);

  useEffect(() => {
    setDomains(null);
    setError(null);
    setStatus(null);
    if (canManage) void load();
  }, [canManage, load]);

  if (!orgId) return <p className="muted">No organization selected.</p>;
  if (!canManage) {
    return (
      <p className="muted" data-state="forbidden">
        Only members with the domains:manage permission can manage domains.
      </p>
    );
  }

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending('add');
    setError(null);
    setStatus(null);
    const result = await client.domains.add(orgId, { domain: draft.trim().toLowerCase() });
    setPending(null);
    if (!result.ok) return setError(result.error);
    setDraft('');
    setStatus(`Added ${result.data.domain}. Publish its TXT record, then verify.`);
    await load();
  };

  const verify = async (domain: OrgDomain) => {
    setPending(domain.id);
    setError(null);
    setStatus(null);
    const result = await client.domains.verify(orgId, domain.id);
    setPending(null);
    if (!result.ok) return setError(result.error);
    setStatus(`${result.data.domain} is verified.`);
    await load();
  };

  return (
    <div data-state={domains === null ? 'loading' : domains.length === 0 ? 'empty' : 'ready'}>
      <form onSubmit={add} className="inline-form">
        <label htmlFor={inputId}>Domain</label>
        <input
          id={inputId}
          name="domain"
          required
          placeholder="acme.example"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" disabled={pending !== null || draft.trim() === ''}>
          Add domain
        </button>
      </form>
      {error && (
        <p role="alert" className="error" data-code={error.code}>
          {explain(error)}
        </p>
      )}
      <p role="status">{status}</p>
      {domains === null ? (
        <p className="muted">Loading domains…</p>
      ) : domains.length === 0 ? (
        <p className="muted">No domains yet.</p>
      ) : (
        <ul className="domains">
          {domains.map((domain) => (
            <li key={domain.id} data-status={domain.status}>
              <strong>{domain.domain}</strong>{' '}
              <span className="badge">{domain.status === 'verified' ? 'Verified' : 'Pending'}</span>
              {domain.status === 'pending' && (
                <>
                  <dl>
                    <dt>Type</dt>
                    <dd>{domain.verification.type}</dd>
                    <dt>Name</dt>
                    <dd>
                      <code>{domain.verification.name}</code>
                    </dd>
                    <dt>Value</dt>
                    <dd>
                      <code>{domain.verification.value}</code>
                    </dd>
                  </dl>
                  <button
                    type="button"
                    disabled={pending !== null}
                    onClick={() => void verify(domain)}
                    aria-label={`Verify ${domain.domain}`}
                  >
                    {pending === domain.id ? 'Checking…' : 'Verify'}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
