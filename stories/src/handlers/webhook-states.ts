import { http, HttpResponse } from 'msw';
import { auditHook, billingHook, deliveries, deliveryDetail, goneHook } from '../webhook-fixtures';
import {
  hang,
  notAllowed,
  problem,
  route,
  unavailable,
  type RequestBody,
  type ResponseBody,
} from './api';
import { webhookHandlers } from './webhooks';

/**
 * More states of the webhook components than `webhookHandlers` has, built on the same fixtures:
 * a second page of endpoints, a registration or an edit the server refuses or never answers, and
 * one delivery's attempt log loading, empty, failing or refused (for `DeliveryAttempts`).
 */

type List = ResponseBody<'/orgs/{orgId}/webhooks', 'get', 200>;
type Detail = ResponseBody<
  '/orgs/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}',
  'get',
  200
>;

type PatchBody = RequestBody<'/orgs/{orgId}/webhooks/{webhookId}', 'patch'>;

const LIST = route('/orgs/{orgId}/webhooks');
const ITEM = route('/orgs/{orgId}/webhooks/{webhookId}');
const DETAIL = route('/orgs/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}');

/** What the server refuses as a target (private, loopback), as in `webhookHandlers`. */
const PRIVATE = /^https?:\/\/(10\.|127\.|192\.168\.|localhost)/;

/** Two pages of endpoints: Billing and Audit, then (`?cursor=2`) the disabled Gone one. */
function paged(secondPage: 'ok' | 'pending') {
  return [
    http.get(LIST, async ({ request }) => {
      if (new URL(request.url).searchParams.get('cursor') !== '2') {
        return HttpResponse.json({
          webhooks: [billingHook, auditHook],
          nextCursor: '2',
        } satisfies List);
      }
      if (secondPage === 'pending') return hang();
      return HttpResponse.json({ webhooks: [goneHook], nextCursor: null } satisfies List);
    }),
  ];
}

/** A delivery whose only attempt has not been made yet (no attempt log). */
const unattempted = { ...deliveries[0]!, id: 'dlv_queued', attempts: 0, lastStatus: null };

export const webhookStateHandlers = {
  /** Endpoints over two pages; the second answers. */
  paged: () => paged('ok'),
  /** Endpoints over two pages; the second never answers. */
  pagedPending: () => paged('pending'),
  /** No endpoints; registering one never answers. */
  createPending: () => [http.post(LIST, hang), ...webhookHandlers.empty()],
  /**
   * Billing and Audit, every change sticks, but an edit to a private URL is refused on `url`
   * (`webhook_target_forbidden`), as a registration is.
   */
  editRefused: () => [
    http.patch<never, PatchBody>(ITEM, async ({ request }) => {
      const patch = await request.clone().json();
      if (patch.url && PRIVATE.test(patch.url)) {
        return problem(400, 'webhook_target_forbidden', 'the URL resolves to a private address', {
          field: 'url',
        });
      }
      return undefined;
    }),
    ...webhookHandlers.editable(),
  ],
  /** The attempt log never answers. */
  attemptsLoading: [http.get(DETAIL, hang)],
  /** A delivery not tried yet: no attempts. */
  attemptsEmpty: [
    http.get(DETAIL, () =>
      HttpResponse.json({ ...deliveryDetail(unattempted), attemptLog: [] } satisfies Detail),
    ),
  ],
  attemptsError: [http.get(DETAIL, unavailable)],
  /** The server refuses (no `webhooks:manage` any more). */
  attemptsForbidden: [http.get(DETAIL, () => notAllowed('webhooks:manage'))],
};
