import { http, HttpResponse } from 'msw';
import { acmeEvents, laterEvents, platformEvents, type AuditEventFixture } from '../audit-fixtures';
import { hang, notAllowed, problem, route, unavailable, type ResponseBody } from './api';

type List = ResponseBody<'/orgs/{orgId}/audit', 'get', 200>;
type AdminList = ResponseBody<'/admin/audit', 'get', 200>;

const ORG_LIST = route('/orgs/{orgId}/audit');
const ADMIN_LIST = route('/admin/audit');

/** The server's check of `action` (audit-schemas.ts): names or patterns, comma-separated. */
const ACTION_FILTER = /^[A-Za-z0-9_.:*-]+(?:,[A-Za-z0-9_.:*-]+)*$/;

const matches = (pattern: string, action: string) =>
  pattern === '*' ||
  (pattern.endsWith('.*') ? action.startsWith(pattern.slice(0, -1)) : pattern === action);

/**
 * The server's filters and cursor paging over `events` (newest first), or its 400 for a bad
 * `action` or time (with `field`, as `validationProblem` answers).
 */
function page(events: AuditEventFixture[], url: string, pageSize?: number) {
  const q = new URL(url).searchParams;
  const action = q.get('action');
  if (action !== null && !ACTION_FILTER.test(action)) {
    return problem(400, 'invalid_request', 'action: must be action names or patterns like org.*', {
      field: 'action',
    });
  }
  for (const field of ['since', 'until'] as const) {
    const value = q.get(field);
    if (value !== null && Number.isNaN(Date.parse(value)))
      return problem(400, 'invalid_request', `${field}: must be an ISO 8601 date-time`, { field });
  }
  const since = q.get('since');
  const until = q.get('until');
  const patterns = action?.split(',') ?? null;
  const after = Number(q.get('cursor') ?? Infinity);
  const matching = events.filter(
    (e) =>
      e.seq < after &&
      (!patterns || patterns.some((p) => matches(p, e.action))) &&
      (!q.get('actor') || e.actor.id === q.get('actor')) &&
      (!q.get('targetType') || e.target.type === q.get('targetType')) &&
      (!q.get('targetId') || e.target.id === q.get('targetId')) &&
      (!q.get('orgId') || e.orgId === q.get('orgId')) &&
      (!since || Date.parse(e.occurredAt) >= Date.parse(since)) &&
      (!until || Date.parse(e.occurredAt) < Date.parse(until)),
  );
  const limit = Math.min(pageSize ?? 50, Number(q.get('limit') ?? 50));
  const shown = matching.slice(0, limit);
  const last = shown.at(-1);
  return HttpResponse.json({
    events: shown,
    nextCursor: matching.length > limit && last ? String(last.seq) : null,
  } satisfies List & AdminList);
}

/** `GET /orgs/{orgId}/audit` over fixed events; `pageSize` makes "Load more" show up sooner. */
const orgLog = (events: AuditEventFixture[], pageSize?: number) => [
  http.get(ORG_LIST, ({ request }) => page(events, request.url, pageSize)),
];

/** `/orgs/{orgId}/audit` (and `/admin/audit`) for each state of `<AuditViewer>`. */
export const auditHandlers = {
  /** Acme's seven events, five a page. */
  populated: orgLog(acmeEvents, 5),
  /** Every event on one page. */
  onePage: orgLog(acmeEvents),
  empty: orgLog([]),
  loading: [http.get(ORG_LIST, hang)],
  error: [http.get(ORG_LIST, unavailable)],
  /** The server refuses: no `audit:read` in the org. */
  forbidden: [http.get(ORG_LIST, () => notAllowed('audit:read'))],
  /**
   * A log that grows: each request after the first finds one more of `laterEvents` (what a live
   * tail's polls see). Fresh state per call.
   */
  growing: () => {
    let requests = 0;
    return [
      http.get(ORG_LIST, ({ request }) => {
        const arrived = laterEvents.slice(0, Math.min(requests++, laterEvents.length));
        return page([...arrived.toReversed(), ...acmeEvents], request.url);
      }),
    ];
  },
  /** The platform's log (`/admin/audit`): forward-auth decisions and Acme's events. */
  platform: [http.get(ADMIN_LIST, ({ request }) => page(platformEvents, request.url))],
  /** No platform role: the server refuses. */
  platformForbidden: [
    http.get(ADMIN_LIST, () => problem(403, 'forbidden', 'requires a platform role')),
  ],
};
