import type { OrgDomain } from '@catalyst/authkit';
import { http, HttpResponse } from 'msw';
import { pendingDomain, txtRecord, verifiedDomain } from '../org-admin-fixtures';
import {
  hang,
  noContent,
  notAllowed,
  problem,
  route,
  unavailable,
  type RequestBody,
  type ResponseBody,
} from './api';

type List = ResponseBody<'/orgs/{orgId}/domains', 'get', 200>;
type AddBody = RequestBody<'/orgs/{orgId}/domains', 'post'>;
type ModeBody = RequestBody<'/orgs/{orgId}/domains/{domainId}', 'patch'>;

const LIST = route('/orgs/{orgId}/domains');
const ONE = route('/orgs/{orgId}/domains/{domainId}');
const VERIFY = route('/orgs/{orgId}/domains/{domainId}/verify');
const NOW = '2025-03-04T10:30:00.000Z';

const list = (domains: OrgDomain[]) =>
  http.get(LIST, () => HttpResponse.json({ domains, nextCursor: null } satisfies List));

/**
 * `/orgs/{orgId}/domains` with state (fresh per call): adding answers a pending domain and its
 * TXT record; verifying answers `409 domain_not_verified` until `published` says the record is
 * in the DNS (`'never'`: it never is; `'always'`: at once; `'second-try'`: from the second ask).
 */
function world(initial: OrgDomain[], published: 'never' | 'always' | 'second-try' = 'always') {
  let domains = [...initial];
  let asked = 0;
  const answer = (id: string, change: (d: OrgDomain) => OrgDomain) => {
    const found = domains.find((d) => d.id === id);
    if (!found) return problem(404, 'not_found', 'no such domain', { field: 'domainId' });
    const next = change(found);
    domains = domains.map((d) => (d.id === id ? next : d));
    return HttpResponse.json(
      next satisfies ResponseBody<'/orgs/{orgId}/domains/{domainId}', 'patch', 200>,
    );
  };
  return [
    http.get(LIST, () => HttpResponse.json({ domains, nextCursor: null } satisfies List)),
    http.post<never, AddBody>(LIST, async ({ request }) => {
      const body = await request.json();
      const domain = body.domain.trim().toLowerCase();
      if (domains.some((d) => d.domain === domain)) {
        return problem(409, 'domain_taken', 'this org already added that domain', {
          field: 'domain',
        });
      }
      const added: OrgDomain = {
        ...pendingDomain,
        id: `dom_${domains.length + 1}`,
        domain,
        mode: body.mode ?? 'suggest',
        verification: txtRecord(domain, `story${domains.length + 1}token`),
        createdAt: NOW,
      };
      domains = [...domains, added];
      return HttpResponse.json(added satisfies ResponseBody<'/orgs/{orgId}/domains', 'post', 201>, {
        status: 201,
      });
    }),
    http.post<{ domainId: string }>(VERIFY, ({ params }) => {
      asked += 1;
      const found = domains.find((d) => d.id === params.domainId);
      if (published === 'never' || (published === 'second-try' && asked < 2)) {
        const record = found?.verification;
        return problem(
          409,
          'domain_not_verified',
          `no TXT record ${record?.name} with the value ${record?.value} was found yet`,
          { field: 'domain' },
        );
      }
      return answer(params.domainId, (d) => ({ ...d, status: 'verified', verifiedAt: NOW }));
    }),
    http.patch<{ domainId: string }, ModeBody>(ONE, async ({ params, request }) => {
      const { mode } = await request.json();
      return answer(params.domainId, (d) => ({ ...d, mode }));
    }),
    http.delete<{ domainId: string }>(ONE, ({ params }) => {
      domains = domains.filter((d) => d.id !== params.domainId);
      return noContent();
    }),
  ];
}

/** `/orgs/{orgId}/domains` for each state of `<DomainManager>`. */
export const domainHandlers = {
  /** One verified, one pending; verifying succeeds at once. */
  editable: (initial: OrgDomain[] = [verifiedDomain, pendingDomain]) => world(initial),
  /** No domains yet; an added one verifies on the second try (publish, then verify again). */
  empty: () => world([], 'second-try'),
  /** The record is never found: verifying answers `409 domain_not_verified`. */
  unpublished: () => world([pendingDomain], 'never'),
  populated: [list([verifiedDomain, pendingDomain])],
  verifyPending: [list([pendingDomain]), http.post(VERIFY, hang)],
  loading: [http.get(LIST, hang)],
  error: [http.get(LIST, unavailable)],
  forbidden: [http.get(LIST, () => notAllowed('domains:manage'))],
};
