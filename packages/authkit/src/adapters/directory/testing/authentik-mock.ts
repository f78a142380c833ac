import { randomUUID } from 'node:crypto';
import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  authentikComponent,
  authentikQuery,
  authentikRequest,
  authentikResponse,
} from '../../../../test/schemas/validate.js';

/**
 * An in-memory Authentik for MSW: just enough state for the directory adapter and the operator
 * actions. Every body it answers and every body it receives is checked against the vendored
 * OpenAPI subset of the Authentik release the client was generated from.
 */
export type Json = Record<string, unknown>;
type Row = Json & { pk: string | number };

export const AUTHENTIK_BASE = 'http://authentik.test';
const API = `${AUTHENTIK_BASE}/api/v3`;
const NOW = '2026-11-30T10:00:00Z';

export interface AuthentikMock {
  handlers: HttpHandler[];
  state: Record<
    'users' | 'groups' | 'flows' | 'proxy' | 'oauth2' | 'apps' | 'outposts' | 'stages' | 'bindings',
    Row[]
  >;
  /** Outpost uuid → health rows (one per connected instance). */
  health: Map<string, Json[]>;
  /** Every call, in order: operationId and the JSON body if any. */
  calls: Array<{ operationId: string; url: URL; body: unknown; authorization: string | null }>;
  /** Answers instead of the fake for matching operations (errors, malformed bodies, hangs). */
  override:
    | ((operationId: string, url: URL) => Response | undefined | Promise<Response | undefined>)
    | null;
}

export function authentikUser(pk: number, fields: Json = {}): Row {
  return {
    pk,
    username: `user${pk}`,
    name: `User ${pk}`,
    is_active: true,
    last_login: NOW,
    date_joined: '2026-01-02T03:04:05Z',
    is_superuser: false,
    groups: [],
    groups_obj: null,
    roles: [],
    roles_obj: null,
    email: `user${pk}@example.com`,
    avatar: 'https://www.gravatar.com/avatar/00000000000000000000000000000000',
    attributes: {},
    uid: `uid${pk}`.padEnd(64, '0'),
    path: 'users',
    type: 'internal',
    uuid: randomUUID(),
    password_change_date: '2026-01-02T03:04:05Z',
    last_updated: NOW,
    ...fields,
  };
}

export function authentikGroup(pk: string, name: string, fields: Json = {}): Row {
  return {
    pk,
    num_pk: Math.floor(Math.random() * 1_000_000),
    name,
    is_superuser: false,
    parents: [],
    parents_obj: null,
    users: [],
    users_obj: null,
    attributes: {},
    roles: [],
    roles_obj: [],
    inherited_roles_obj: null,
    children: [],
    children_obj: null,
    ...fields,
  };
}

export function authentikFlow(slug: string, designation: string): Row {
  const pk = randomUUID();
  return {
    pk,
    policybindingmodel_ptr_id: pk,
    name: slug,
    slug,
    title: slug,
    designation,
    background_url: '/static/dist/assets/images/flow_background.jpg',
    background_themed_urls: null,
    stages: [],
    policies: [],
    cache_count: 0,
    export_url: `/api/v3/flows/instances/${slug}/export/`,
  };
}

export function authentikOutpost(name: string, providers: number[] = []): Row {
  return {
    pk: randomUUID(),
    name,
    type: 'proxy',
    providers,
    providers_obj: [],
    service_connection: null,
    service_connection_obj: null,
    refresh_interval_s: 5,
    token_identifier: `ak-outpost-${name}-api`,
    config: { authentik_host: AUTHENTIK_BASE },
    managed: name === 'authentik Embedded Outpost' ? 'goauthentik.io/outposts/embedded' : null,
  };
}

export function outpostHealth(fields: Json = {}): Json {
  return {
    uid: 'a1b2c3',
    last_seen: NOW,
    version: '2026.8.3',
    golang_version: 'go1.24.6',
    openssl_enabled: true,
    openssl_version: 'OpenSSL 3.5.1',
    fips_enabled: false,
    version_should: '2026.8.3',
    version_outdated: false,
    build_hash: '',
    build_hash_should: '',
    hostname: 'outpost-0',
    ...fields,
  };
}

const providerMeta = (kind: 'proxy' | 'oauth2') => ({
  component: kind === 'proxy' ? 'ak-provider-proxy-form' : 'ak-provider-oauth2-form',
  assigned_backchannel_application_slug: null,
  assigned_backchannel_application_name: null,
  verbose_name: kind === 'proxy' ? 'Proxy Provider' : 'OAuth2/OpenID Provider',
  verbose_name_plural: kind === 'proxy' ? 'Proxy Providers' : 'OAuth2/OpenID Providers',
  meta_model_name:
    kind === 'proxy'
      ? 'authentik_providers_proxy.proxyprovider'
      : 'authentik_providers_oauth2.oauth2provider',
});

function page(rows: Row[], url: URL): Json {
  const size = Number(url.searchParams.get('page_size') ?? 20);
  const current = Number(url.searchParams.get('page') ?? 1);
  const total = Math.max(1, Math.ceil(rows.length / size));
  const results = rows.slice((current - 1) * size, current * size);
  return {
    pagination: {
      next: current < total ? current + 1 : 0,
      previous: current > 1 ? current - 1 : 0,
      count: rows.length,
      current,
      total_pages: total,
      start_index: results.length ? (current - 1) * size + 1 : 0,
      end_index: results.length ? (current - 1) * size + results.length : 0,
    },
    results,
    autocomplete: {},
  };
}

export function createAuthentikMock(): AuthentikMock {
  const mock: AuthentikMock = {
    handlers: [],
    state: {
      users: [],
      groups: [],
      flows: [],
      proxy: [],
      oauth2: [],
      apps: [],
      outposts: [],
      stages: [],
      bindings: [],
    },
    health: new Map(),
    calls: [],
    override: null,
  };
  const { state } = mock;
  let nextProviderPk = 1;

  /** Registers one operation: records the call, validates the request, validates the answer. */
  function op(
    method: 'get' | 'post' | 'patch',
    path: string,
    operationId: string,
    fn: (ctx: { url: URL; body: Json; params: Record<string, string> }) => [number, unknown],
  ): void {
    mock.handlers.push(
      http[method](`${API}${path}`, async ({ request, params }) => {
        const url = new URL(request.url);
        const body = method === 'get' ? undefined : ((await request.json()) as Json);
        mock.calls.push({
          operationId,
          url,
          body,
          authorization: request.headers.get('authorization'),
        });
        authentikQuery(operationId, url);
        if (body !== undefined) authentikRequest(operationId, body);
        const overridden = await mock.override?.(operationId, url);
        if (overridden) return overridden;
        const [status, answer] = fn({
          url,
          body: body ?? {},
          params: params as Record<string, string>,
        });
        const checked = status === 404 ? answer : authentikResponse(operationId, status, answer);
        return HttpResponse.json(checked as Json, { status });
      }),
    );
  }

  // DRF's 404 body; the schema declares no 404, so it is checked against GenericError directly.
  const notFound = (): [number, unknown] => [
    404,
    authentikComponent('GenericError', { detail: 'Not found.' }),
  ];
  const byPk = (rows: Row[], pk: string) => rows.find((row) => String(row.pk) === pk);
  const patch = (rows: Row[], pk: string, body: Json): [number, unknown] => {
    const row = byPk(rows, pk);
    if (!row) return notFound();
    Object.assign(row, body);
    return [200, row];
  };
  const providerView = (row: Row): Row => {
    const app = state.apps.find((a) => a.provider === row.pk);
    return {
      ...row,
      assigned_application_slug: (app?.slug as string | undefined) ?? null,
      assigned_application_name: (app?.name as string | undefined) ?? null,
      outpost_set: state.outposts
        .filter((o) => (o.providers as number[]).includes(row.pk as number))
        .map((o) => `Outpost ${String(o.name)}`),
    };
  };

  op('get', '/core/users/', 'core_users_list', ({ url }) => {
    const group = url.searchParams.get('groups_by_pk');
    const rows = group
      ? state.users.filter((u) => (u.groups as string[]).includes(group))
      : state.users;
    return [200, page(rows, url)];
  });
  op('get', '/core/groups/', 'core_groups_list', ({ url }) => [200, page(state.groups, url)]);

  op('get', '/flows/instances/', 'flows_instances_list', ({ url }) => {
    const slug = url.searchParams.get('slug');
    return [
      200,
      page(
        state.flows.filter((f) => !slug || f.slug === slug),
        url,
      ),
    ];
  });
  op('get', '/flows/bindings/', 'flows_bindings_list', ({ url }) => {
    const target = url.searchParams.get('target');
    const stage = url.searchParams.get('stage');
    const rows = state.bindings.filter(
      (b) => (!target || b.target === target) && (!stage || b.stage === stage),
    );
    return [200, page(rows, url)];
  });
  op('post', '/flows/bindings/', 'flows_bindings_create', ({ body }) => {
    const stage = byPk(state.stages, String(body.stage));
    const pk = randomUUID();
    const row: Row = {
      pk,
      policybindingmodel_ptr_id: pk,
      evaluate_on_plan: false,
      re_evaluate_policies: true,
      policy_engine_mode: 'any',
      invalid_response_action: 'retry',
      ...body,
      stage_obj: stage ? { ...stage, flow_set: [] } : null,
    };
    state.bindings.push(row);
    return [201, row];
  });

  const stageView = (row: Row): Row => ({
    ...row,
    flow_set: [],
    webauthn_allowed_device_types_obj: [],
  });
  op('get', '/stages/authenticator/validate/', 'stages_authenticator_validate_list', ({ url }) => {
    const name = url.searchParams.get('name');
    return [200, page(state.stages.filter((s) => !name || s.name === name).map(stageView), url)];
  });
  op(
    'post',
    '/stages/authenticator/validate/',
    'stages_authenticator_validate_create',
    ({ body }) => {
      const row: Row = {
        pk: randomUUID(),
        component: 'ak-stage-authenticator-validate-form',
        verbose_name: 'Authenticator Validation Stage',
        verbose_name_plural: 'Authenticator Validation Stages',
        meta_model_name: 'authentik_stages_authenticator_validate.authenticatorvalidatestage',
        not_configured_action: 'skip',
        device_classes: [],
        configuration_stages: [],
        ...body,
      };
      state.stages.push(row);
      return [201, stageView(row)];
    },
  );
  op(
    'patch',
    '/stages/authenticator/validate/:id/',
    'stages_authenticator_validate_partial_update',
    ({ params, body }) => {
      const [status, row] = patch(state.stages, params.id!, body);
      return [status, status === 200 ? stageView(row as Row) : row];
    },
  );

  for (const kind of ['proxy', 'oauth2'] as const) {
    const rows = state[kind];
    op('get', `/providers/${kind}/`, `providers_${kind}_list`, ({ url }) => {
      const name = url.searchParams.get(kind === 'proxy' ? 'name__iexact' : 'name');
      const matching = rows.filter(
        (r) => !name || String(r.name).toLowerCase() === name.toLowerCase(),
      );
      return [200, page(matching.map(providerView), url)];
    });
    op('post', `/providers/${kind}/`, `providers_${kind}_create`, ({ body }) => {
      const pk = nextProviderPk++;
      const row: Row =
        kind === 'proxy'
          ? {
              pk,
              ...providerMeta(kind),
              mode: 'proxy',
              cookie_domain: '',
              client_id: `proxy-${pk}`,
              redirect_uris: [],
              ...body,
            }
          : {
              pk,
              ...providerMeta(kind),
              client_type: 'confidential',
              client_id: `client-${pk}`,
              client_secret: `secret-${pk}`,
              ...body,
            };
      rows.push(row);
      return [201, providerView(row)];
    });
    op(
      'patch',
      `/providers/${kind}/:id/`,
      `providers_${kind}_partial_update`,
      ({ params, body }) => {
        const [status, row] = patch(rows, params.id!, body);
        return [status, status === 200 ? providerView(row as Row) : row];
      },
    );
  }

  const appView = (row: Row): Row => ({
    ...row,
    provider_obj: null,
    backchannel_providers_obj: [],
    launch_url: null,
    meta_icon_url: null,
    meta_icon_themed_urls: null,
  });
  op('get', '/core/applications/', 'core_applications_list', ({ url }) => {
    const slug = url.searchParams.get('slug');
    return [200, page(state.apps.filter((a) => !slug || a.slug === slug).map(appView), url)];
  });
  op('post', '/core/applications/', 'core_applications_create', ({ body }) => {
    const pk = randomUUID();
    const row: Row = { pk, pbm_uuid: pk, ...body };
    state.apps.push(row);
    return [201, appView(row)];
  });
  op(
    'patch',
    '/core/applications/:slug/',
    'core_applications_partial_update',
    ({ params, body }) => {
      const row = state.apps.find((a) => a.slug === params.slug);
      if (!row) return notFound();
      Object.assign(row, body);
      return [200, appView(row)];
    },
  );

  op('get', '/outposts/instances/', 'outposts_instances_list', ({ url }) => {
    const name = url.searchParams.get('name__iexact');
    const rows = state.outposts.filter(
      (o) => !name || String(o.name).toLowerCase() === name.toLowerCase(),
    );
    return [200, page(rows, url)];
  });
  op('patch', '/outposts/instances/:id/', 'outposts_instances_partial_update', ({ params, body }) =>
    patch(state.outposts, params.id!, body),
  );
  op('get', '/outposts/instances/:id/health/', 'outposts_instances_health_list', ({ params }) => [
    200,
    mock.health.get(params.id!) ?? [],
  ]);

  return mock;
}
