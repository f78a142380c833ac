import { http, HttpResponse } from 'msw';
import { acme, billingRole, builtInRoles, design, engineering } from '../fixtures';
import {
  hang,
  noContent,
  notAllowed,
  problem,
  route,
  unavailable,
  type RequestBody,
  type ResponseBody,
  type Schemas,
} from './api';

/** The schema is registered nullable (the GET answer's `connection`): one connection is not. */
export type SsoConnection = NonNullable<Schemas['SsoConnection']>;
const sorted = (values: string[]) => [...new Set(values)].sort();
/** A rule as the server keeps it: every list present (the schema's lists default to []). */
interface ClaimRule {
  claim: string;
  value: string;
  roles: string[];
  groups: string[];
  labels: string[];
}
export interface ClaimMapping {
  rules: ClaimRule[];
  deprovision: boolean;
}
type RuleInput = Pick<ClaimRule, 'claim' | 'value'> & Partial<ClaimRule>;
const complete = (rule: RuleInput): ClaimRule => ({
  claim: rule.claim,
  value: rule.value,
  roles: sorted(rule.roles ?? []),
  groups: sorted(rule.groups ?? []),
  labels: sorted(rule.labels ?? []),
});
type ConnectionAnswer = ResponseBody<'/orgs/{orgId}/sso', 'get', 200>;
type PutBody = RequestBody<'/orgs/{orgId}/sso', 'put'>;
type MappingBody = RequestBody<'/orgs/{orgId}/sso/mapping', 'put'>;
type PreviewBody = RequestBody<'/orgs/{orgId}/sso/mapping/preview', 'post'>;
type Preview = ResponseBody<'/orgs/{orgId}/sso/mapping/preview', 'post', 200>;

const ONE = route('/orgs/{orgId}/sso');
const MAPPING = route('/orgs/{orgId}/sso/mapping');
const PREVIEW = route('/orgs/{orgId}/sso/mapping/preview');
const NOW = '2025-03-04T10:30:00.000Z';

/** Acme's Okta: a confidential client, enabled, not required. */
export const acmeConnection: SsoConnection = {
  id: 'ssoc_acme',
  orgId: acme.id,
  name: 'Acme Okta',
  issuer: 'https://acme.okta.example',
  clientId: 'catalyst-web',
  hasClientSecret: true,
  scopes: ['openid', 'email', 'profile', 'groups'],
  defaultRole: 'member',
  enabled: true,
  required: false,
  createdAt: '2025-02-01T09:00:00.000Z',
  updatedAt: '2025-02-01T09:00:00.000Z',
  redirectUri: 'https://app.acme.example/api/auth/sso/callback',
};

/** Engineers are admins in the Engineering group; the billing team gets the `billing` role. */
export const acmeMapping: ClaimMapping = {
  rules: [
    {
      claim: 'groups',
      value: 'engineering',
      roles: ['admin'],
      groups: [engineering.id],
      labels: ['team:eng'],
    },
    {
      claim: 'realm_access.roles',
      value: 'billing',
      roles: [billingRole.name],
      groups: [],
      labels: [],
    },
  ],
  deprovision: false,
};

const ROLES = [...builtInRoles, billingRole].map((role) => role.name);
const GROUPS = [engineering.id, design.id];
const CLAIM_PATH = /^[A-Za-z_][\w-]{0,63}(?:\.[A-Za-z_][\w-]{0,63}){0,4}$/;
const noConnection = () =>
  problem(404, 'not_found', 'this org has no sign-in provider', { field: 'orgId' });
const invalid = (detail: string, field: string) =>
  problem(400, 'invalid_request', detail, { field });

/** The server's checks of the rules, first failure first (`rules.2.roles.0`…), or null. */
function refuse(rules: ClaimRule[]) {
  for (const [i, rule] of rules.entries()) {
    if (!CLAIM_PATH.test(rule.claim))
      return invalid('a claim is a name or a dotted path of up to five names', `rules.${i}.claim`);
    if (rule.roles.includes('owner'))
      return invalid('a provider cannot make anyone an owner', `rules.${i}.roles`);
    const label = rule.labels.findIndex((l) => !/^[a-z][\w.-]*:.+$/.test(l));
    if (label >= 0)
      return invalid('a mapped label sets a value (key:value)', `rules.${i}.labels.${label}`);
    if (rule.roles.length + rule.groups.length + rule.labels.length === 0)
      return invalid('a rule must grant a role, a group or a label', `rules.${i}`);
    const role = rule.roles.findIndex((r) => !ROLES.includes(r));
    if (role >= 0)
      return problem(400, 'unknown_role', `no role named ${rule.roles[role]}`, {
        field: `rules.${i}.roles.${role}`,
      });
    const group = rule.groups.findIndex((g) => !GROUPS.includes(g));
    if (group >= 0)
      return problem(404, 'not_found', 'no such group in this org', {
        field: `rules.${i}.groups.${group}`,
      });
  }
  return null;
}

const at = (claims: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }, claims);
const matches = (found: unknown, value: string) =>
  Array.isArray(found) ? found.includes(value) : found !== undefined && String(found) === value;

/** What the server's preview answers: the matched rules' grants, the default role, `member`. */
function previewOf(mapping: ClaimMapping, claims: Record<string, unknown>, defaultRole: string) {
  const matched = mapping.rules.flatMap((rule, i) =>
    matches(at(claims, rule.claim), rule.value) ? [i] : [],
  );
  const hits = matched.map((i) => mapping.rules[i]!);
  const member = !(mapping.deprovision && mapping.rules.length > 0 && matched.length === 0);
  return {
    roles: member ? sorted([defaultRole, ...hits.flatMap((r) => r.roles)]) : [],
    groups: sorted(hits.flatMap((r) => r.groups)),
    labels: sorted(hits.flatMap((r) => r.labels)),
    matched,
    member,
  } satisfies Preview;
}

/**
 * `/orgs/{orgId}/sso` and its rules with state (fresh per call), checked as the server does: an
 * issuer on a private address is `invalid_issuer`, scopes need `openid`, rules name the part at
 * fault. Disconnecting drops the rules.
 */
function world(initial: SsoConnection | null, rules: ClaimMapping = acmeMapping) {
  let connection = initial;
  let mapping = rules;
  const empty: ClaimMapping = { rules: [], deprovision: false };
  return [
    http.get(ONE, () => HttpResponse.json({ connection } satisfies ConnectionAnswer)),
    http.put<never, PutBody>(ONE, async ({ request }) => {
      const body = await request.json();
      if (
        !/^https:\/\/[^/]+/.test(body.issuer) ||
        /^https:\/\/(10|127|192\.168)\./.test(body.issuer)
      )
        return problem(400, 'invalid_issuer', `${body.issuer} resolves to a private address`, {
          field: 'issuer',
        });
      if (body.scopes && !body.scopes.includes('openid'))
        return invalid('must include openid', 'scopes');
      if (body.defaultRole === 'owner')
        return invalid('a sign-in cannot make anyone an owner', 'defaultRole');
      const secret =
        body.clientSecret === undefined
          ? (connection?.hasClientSecret ?? false)
          : body.clientSecret !== null;
      connection = {
        ...(connection ?? { ...acmeConnection, createdAt: NOW }),
        name: body.name ?? connection?.name ?? 'Single sign-on',
        issuer: body.issuer,
        clientId: body.clientId,
        hasClientSecret: secret,
        scopes: body.scopes ?? connection?.scopes ?? ['openid', 'email', 'profile'],
        defaultRole: body.defaultRole ?? 'member',
        enabled: body.enabled ?? connection?.enabled ?? true,
        required: body.required ?? connection?.required ?? false,
        updatedAt: NOW,
      };
      return HttpResponse.json(connection satisfies ResponseBody<'/orgs/{orgId}/sso', 'put', 200>);
    }),
    http.delete(ONE, () => {
      if (!connection) return noConnection();
      connection = null;
      mapping = empty;
      return noContent();
    }),
    http.get(MAPPING, () =>
      connection
        ? HttpResponse.json(mapping satisfies ResponseBody<'/orgs/{orgId}/sso/mapping', 'get', 200>)
        : noConnection(),
    ),
    http.put<never, MappingBody>(MAPPING, async ({ request }) => {
      if (!connection) return noConnection();
      const body = await request.json();
      const next = body.rules.map(complete);
      const refused = refuse(next);
      if (refused) return refused;
      mapping = { rules: next, deprovision: body.deprovision ?? false };
      return HttpResponse.json(
        mapping satisfies ResponseBody<'/orgs/{orgId}/sso/mapping', 'put', 200>,
      );
    }),
    http.post<never, PreviewBody>(PREVIEW, async ({ request }) => {
      if (!connection) return noConnection();
      const body = await request.json();
      let tried = mapping;
      if (body.mapping) {
        const next = body.mapping.rules.map(complete);
        const refused = refuse(next);
        if (refused) return refused;
        tried = { rules: next, deprovision: body.mapping.deprovision ?? false };
      }
      return HttpResponse.json(previewOf(tried, body.claims, connection.defaultRole));
    }),
  ];
}

/** `/orgs/{orgId}/sso` (group `sso`) for each state of `<SsoSettings>` and `<ClaimMappingEditor>`. */
export const ssoSettingsHandlers = {
  /** Acme's Okta with two claim rules; every change sticks. */
  connected: (connection: SsoConnection = acmeConnection, mapping: ClaimMapping = acmeMapping) =>
    world(connection, mapping),
  /** Connected, no claim rules yet. */
  noRules: () => world(acmeConnection, { rules: [], deprovision: false }),
  /** No provider yet; connecting one works. */
  empty: () => world(null, { rules: [], deprovision: false }),
  loading: [http.get(ONE, hang)],
  mappingLoading: [
    http.get(ONE, () =>
      HttpResponse.json({ connection: acmeConnection } satisfies ConnectionAnswer),
    ),
    http.get(MAPPING, hang),
  ],
  // The rules are asked for alongside the connection, so they fail the same way (an unanswered
  // request would depend on which answer comes first).
  error: [http.get(ONE, unavailable), http.get(MAPPING, unavailable)],
  /** The server refuses (the caller is not an owner, whatever the session said). */
  forbidden: [
    http.get(ONE, () => notAllowed('sso:manage')),
    http.get(MAPPING, () => notAllowed('sso:manage')),
  ],
  /** Saving never answers: the form stays pending. */
  savePending: () => [http.put(ONE, hang), http.put(MAPPING, hang), ...world(acmeConnection)],
  /** The server names a role it does not know on rule 2 (`rules.1.roles.0`). */
  unknownRole: () => [
    http.put(MAPPING, () =>
      problem(400, 'unknown_role', 'no role named billing', { field: 'rules.1.roles.0' }),
    ),
    ...world(acmeConnection),
  ],
};
