import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import authentikSchema from '../../../test/schemas/authentik/schema-2026.8.3.subset.json' with { type: 'json' };
import keycloakSchema from '../../../test/schemas/keycloak/admin-client-26.7.4.representations.json' with { type: 'json' };
import {
  authentikRequest,
  authentikResponse,
  keycloakBody,
} from '../../../test/schemas/validate.js';
import { createAuthentikDirectory } from './authentik-directory.js';
import { AUTHENTIK_BASE, authentikUser, createAuthentikMock } from './testing/authentik-mock.js';

const require = createRequire(import.meta.url);
const installed = (name: string) =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string })
    .version;

describe('vendored schemas', () => {
  it('match the installed client versions (re-run extract-schemas.mjs after a bump)', () => {
    expect(authentikSchema.info['x-extracted-from']).toContain(
      `@goauthentik/api@${installed('@goauthentik/api')}`,
    );
    expect(keycloakSchema['x-source-package']).toBe(
      `@keycloak/keycloak-admin-client@${installed('@keycloak/keycloak-admin-client')}`,
    );
  });

  it('reject drifted mock bodies, so handlers cannot serve a fiction', () => {
    const page = {
      pagination: {
        next: 0,
        previous: 0,
        count: 1,
        current: 1,
        total_pages: 1,
        start_index: 1,
        end_index: 1,
      },
      autocomplete: {},
    };
    expect(() =>
      authentikResponse('core_users_list', 200, { ...page, results: [authentikUser(1)] }),
    ).not.toThrow();
    expect(() =>
      authentikResponse('core_users_list', 200, {
        ...page,
        results: [{ ...authentikUser(1), pk: 'one' }],
      }),
    ).toThrow(/pk/);
    expect(() => authentikResponse('core_users_list', 200, { results: [] })).toThrow(/pagination/);
    expect(() =>
      authentikRequest('providers_proxy_create', { name: 'x', external_host: 'https://x' }),
    ).toThrow(/authorization_flow/);
    expect(() =>
      authentikRequest('providers_proxy_create', {
        name: 'x',
        external_host: 'https://x',
        authorization_flow: 'f',
        invalidation_flow: 'g',
        mode: 'sideways',
      }),
    ).toThrow();
    expect(() => keycloakBody('UserRepresentation', [{ id: 'u1', enabled: true }])).not.toThrow();
    expect(() => keycloakBody('UserRepresentation', [{ id: 'u1', enabled: 'yes' }])).toThrow(
      /enabled/,
    );
    expect(() =>
      keycloakBody('GroupRepresentation', [{ id: 'g', name: 'G', invented: 1 }]),
    ).toThrow(/additional/);
  });
});

describe('directory telemetry', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const mock = createAuthentikMock();
  const server = setupServer(...mock.handlers);
  beforeAll(() => {
    trace.setGlobalTracerProvider(provider);
    server.listen({ onUnhandledRequest: 'error' });
  });
  afterAll(async () => {
    server.close();
    trace.disable();
    await provider.shutdown();
  });

  it('records one span per call, with the failure code and never the token', async () => {
    const token = 'ak-span-token-secret';
    const dir = createAuthentikDirectory({ baseUrl: AUTHENTIK_BASE, token });
    await dir.listUsers();
    mock.override = () => HttpResponse.json({ detail: 'Invalid token' }, { status: 401 });
    await expect(dir.listGroups()).rejects.toMatchObject({ failure: 'credentials_rejected' });

    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual([
      'directory.authentik.users.list',
      'directory.authentik.groups.list',
    ]);
    expect(spans[0]?.attributes).toEqual({
      'directory.provider': 'authentik',
      'directory.operation': 'users.list',
    });
    expect(spans[1]?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'invalid_config' });
    expect(JSON.stringify(spans.map((s) => [s.attributes, s.events, s.status]))).not.toContain(
      token,
    );
  });
});
