import type { OrgEntitlements } from '@catalyst/authkit';
import { http, HttpResponse } from 'msw';
import { acmeEntitlements } from '../org-admin-fixtures';
import {
  hang,
  notAllowed,
  problem,
  route,
  unavailable,
  type RequestBody,
  type ResponseBody,
} from './api';

type Entitlements = ResponseBody<'/orgs/{orgId}/entitlements', 'get', 200>;
type Labels = ResponseBody<'/orgs/{orgId}/labels', 'get', 200>;
type LabelsBody = RequestBody<'/orgs/{orgId}/labels', 'put'>;

const ENTITLEMENTS = route('/orgs/{orgId}/entitlements');
const LABELS = route('/orgs/{orgId}/labels');
/** The server's label check (`key:value`, the key lower-case), in short. */
const LABEL = /^[a-z][a-z0-9_.-]{0,62}:\S.{0,199}$/;

const entitlements = (body: OrgEntitlements) =>
  http.get(ENTITLEMENTS, () => HttpResponse.json(body satisfies Entitlements));

/**
 * `GET /orgs/{orgId}/entitlements` and `GET`/`PUT /orgs/{orgId}/labels`: saved labels stick
 * (fresh state per call); a malformed one is the server's 400 naming `labels.N`.
 */
function world(plan: OrgEntitlements, initial: string[]) {
  let labels = [...initial];
  return [
    entitlements(plan),
    http.get(LABELS, () => HttpResponse.json({ labels } satisfies Labels)),
    http.put<never, LabelsBody>(LABELS, async ({ request }) => {
      const next = (await request.json()).labels;
      const bad = next.findIndex((label) => !LABEL.test(label));
      if (bad >= 0) {
        return problem(400, 'invalid_request', 'A label must look like key:value.', {
          field: `labels.${bad}`,
        });
      }
      labels = [...new Set(next)].sort();
      return HttpResponse.json({ labels } satisfies ResponseBody<
        '/orgs/{orgId}/labels',
        'put',
        200
      >);
    }),
  ];
}

/** The plan, entitlements and labels for each state of `<OrgPlanPanel>`. */
export const planHandlers = {
  /** Acme on `pro`, labelled `region:eu`; labels can be edited. */
  editable: (plan: OrgEntitlements = acmeEntitlements, labels: string[] = ['region:eu']) =>
    world(plan, labels),
  /** What a member gets: no overrides (the server keeps those for managers). */
  memberView: (plan: OrgEntitlements = acmeEntitlements) =>
    world({ ...plan, overrides: [] }, ['region:eu']),
  loading: [http.get(ENTITLEMENTS, hang), http.get(LABELS, hang)],
  error: [http.get(ENTITLEMENTS, unavailable), http.get(LABELS, unavailable)],
  forbidden: [
    http.get(ENTITLEMENTS, () => notAllowed('org:read')),
    http.get(LABELS, () => notAllowed('org:read')),
  ],
};
