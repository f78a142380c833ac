import type { AuthkitErrorCode } from '@catalyst/authkit';
import { http, HttpResponse } from 'msw';
import {
  AUTH_BASE_PATH,
  hang,
  noContent,
  problem,
  route,
  unauthenticated,
  unavailable,
  type ResponseBody,
  type Schemas,
} from './api';

type Providers = ResponseBody<'/sso/providers', 'get', 200>;
type Identities = ResponseBody<'/me/identities', 'get', 200>;
type LinkBody = ResponseBody<'/me/identities/{connectionId}/link', 'post', 200>;
export type Identity = Schemas['Identity'];

/**
 * `POST /sso/route` (the org provider of an email's domain) is newer than the generated API
 * types: its body is typed here until `generate:api-types` picks it up.
 */
interface SsoRouteBody {
  connection: { id: string; name: string; required: boolean } | null;
}
const SSO_ROUTE = `${AUTH_BASE_PATH}/sso/route`;

/** The instance's provider, and Acme's own (for addresses at `acme.test`). */
export const instanceProvider = { id: 'oidc', name: 'Single sign-on' };
export const acmeProvider = { id: 'acme-okta', name: 'Acme Okta' };
export const githubProvider = { id: 'github', name: 'GitHub' };

export const linkedIdentity: Identity = {
  id: 'idn_oidc',
  connectionId: instanceProvider.id,
  provider: instanceProvider.name,
  issuer: 'https://auth.example.com/application/o/catalyst',
  email: 'ada@example.com',
  createdAt: '2025-02-01T09:00:00.000Z',
  lastUsedAt: '2025-03-01T08:00:00.000Z',
};

/** `sso_required` is the server's new refusal of a password; the code list may not have it yet. */
export const ssoRequiredProblem = () =>
  problem(403, 'sso_required' as AuthkitErrorCode, 'your organization signs in through Acme Okta', {
    field: 'email',
  });

/** GET /sso/providers and POST /sso/route (group `sso`). */
export const ssoHandlers = {
  /** `providers` offered; emails at `acme.test` route to Acme's provider (`required` or not). */
  world: (
    providers: Providers['providers'] = [instanceProvider],
    acme: { required: boolean } | null = null,
  ) => [
    http.get(route('/sso/providers'), () => HttpResponse.json({ providers } satisfies Providers)),
    http.post<never, { email: string }>(SSO_ROUTE, async ({ request }) => {
      const { email } = await request.json();
      const connection =
        acme && email.toLowerCase().endsWith('@acme.test') ? { ...acmeProvider, ...acme } : null;
      return HttpResponse.json({ connection } satisfies SsoRouteBody);
    }),
  ],
  /** The provider list fails (the password form still works). */
  providersFailing: [
    http.get(route('/sso/providers'), unavailable),
    http.post(SSO_ROUTE, () => HttpResponse.json({ connection: null } satisfies SsoRouteBody)),
  ],
};

/** GET /me/identities, link and unlink (group `identities`). */
export const identityHandlers = {
  linked: (identities: Identity[] = [linkedIdentity]) => {
    let current = identities;
    return [
      http.get(route('/me/identities'), () =>
        HttpResponse.json({ identities: current } satisfies Identities),
      ),
      http.delete(route('/me/identities/{identityId}'), ({ params }) => {
        current = current.filter((identity) => identity.id !== params.identityId);
        return noContent();
      }),
      http.post(route('/me/identities/{connectionId}/link'), ({ params }) =>
        HttpResponse.json({
          url: `https://idp.example.test/authorize?client=${String(params.connectionId)}`,
        } satisfies LinkBody),
      ),
    ];
  },
  loading: [http.get(route('/me/identities'), hang)],
  forbidden: [http.get(route('/me/identities'), unauthenticated)],
  error: [http.get(route('/me/identities'), unavailable)],
  /** The identity is the account's only way in: the server refuses to unlink it. */
  unlinkRefused: [
    http.delete(route('/me/identities/{identityId}'), () =>
      problem(
        409,
        'last_sign_in_method',
        'this is your only way to sign in: set a password or add a passkey first',
        { field: 'identityId' },
      ),
    ),
  ],
};
