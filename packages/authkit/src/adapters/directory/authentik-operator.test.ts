import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthentikOperator, EMBEDDED_OUTPOST } from './authentik-operator.js';
import type { OperatorResult } from './authentik-plan.js';
import {
  AUTHENTIK_BASE,
  authentikFlow,
  authentikOutpost,
  createAuthentikMock,
  outpostHealth,
  type AuthentikMock,
} from './testing/authentik-mock.js';

let mock: AuthentikMock;
let flowPk: Record<string, string>;
let embeddedPk: string;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  mock = createAuthentikMock();
  server.resetHandlers(...mock.handlers);
  const flows = [
    authentikFlow('default-provider-authorization-implicit-consent', 'authorization'),
    authentikFlow('default-provider-invalidation-flow', 'invalidation'),
    authentikFlow('default-authentication-flow', 'authentication'),
  ];
  mock.state.flows.push(...flows);
  flowPk = Object.fromEntries(flows.map((f) => [f.slug as string, f.pk as string]));
  const embedded = authentikOutpost(EMBEDDED_OUTPOST);
  embeddedPk = embedded.pk as string;
  mock.state.outposts.push(embedded);
  mock.health.set(embeddedPk, [outpostHealth()]);
});

const operator = () =>
  createAuthentikOperator({
    baseUrl: AUTHENTIK_BASE,
    token: 'ak-operator-token',
    timeoutMs: 2_000,
  });
const writes = () => mock.calls.filter((c) => c.body !== undefined).map((c) => c.operationId);
const actions = (result: OperatorResult) =>
  result.steps.map((s) => `${s.action} ${s.kind} ${s.name}`);

describe('authentik operator: provisionForwardAuthApp', () => {
  const input = { name: 'Grafana', externalHost: 'https://grafana.example.com' };

  it('dry run plans provider, application and outpost binding without writing', async () => {
    const plan = await operator().provisionForwardAuthApp({ ...input, dryRun: true });
    expect(plan).toMatchObject({
      action: 'provisionForwardAuthApp',
      dryRun: true,
      applied: false,
      changed: true,
    });
    expect(plan.steps).toEqual([
      {
        action: 'create',
        kind: 'proxy_provider',
        name: 'Grafana',
        changes: {
          mode: { from: null, to: 'forward_single' },
          externalHost: { from: null, to: 'https://grafana.example.com' },
          authorizationFlow: {
            from: null,
            to: flowPk['default-provider-authorization-implicit-consent'],
          },
          invalidationFlow: { from: null, to: flowPk['default-provider-invalidation-flow'] },
        },
      },
      {
        action: 'create',
        kind: 'application',
        name: 'grafana',
        changes: {
          name: { from: null, to: 'Grafana' },
          provider: { from: null, to: '<new proxy_provider Grafana>' },
        },
      },
      {
        action: 'update',
        kind: 'outpost',
        name: EMBEDDED_OUTPOST,
        changes: { providers: { from: [], to: ['<new proxy_provider Grafana>'] } },
      },
    ]);
    expect(writes()).toEqual([]);
  });

  it('defaults to a dry run; apply creates everything; a second dry run plans nothing', async () => {
    expect((await operator().provisionForwardAuthApp(input)).dryRun).toBe(true);
    const applied = await operator().provisionForwardAuthApp({ ...input, dryRun: false });
    expect(applied).toMatchObject({ applied: true, outputs: { providerId: '1' } });
    expect(writes()).toEqual([
      'providers_proxy_create',
      'core_applications_create',
      'outposts_instances_partial_update',
    ]);
    expect(mock.state.apps[0]).toMatchObject({ slug: 'grafana', provider: 1 });
    expect(mock.state.outposts[0]?.providers).toEqual([1]);

    const again = await operator().provisionForwardAuthApp({ ...input, dryRun: true });
    expect(again.changed).toBe(false);
    expect(actions(again)).toEqual([
      'none proxy_provider Grafana',
      'none application grafana',
      `none outpost ${EMBEDDED_OUTPOST}`,
    ]);
    const reapplied = await operator().provisionForwardAuthApp({ ...input, dryRun: false });
    expect(reapplied.applied).toBe(false);
    expect(writes()).toHaveLength(3);
  });

  it('plans only the drifted field when the provider was edited', async () => {
    await operator().provisionForwardAuthApp({ ...input, dryRun: false });
    const plan = await operator().provisionForwardAuthApp({
      ...input,
      externalHost: 'https://graphs.example.com',
    });
    expect(plan.steps[0]).toEqual({
      action: 'update',
      kind: 'proxy_provider',
      name: 'Grafana',
      changes: {
        externalHost: { from: 'https://grafana.example.com', to: 'https://graphs.example.com' },
      },
    });
    expect(actions(plan).slice(1)).toEqual([
      'none application grafana',
      `none outpost ${EMBEDDED_OUTPOST}`,
    ]);
  });

  it('names a missing flow instead of planning against it', async () => {
    await expect(
      operator().provisionForwardAuthApp({ ...input, authorizationFlow: 'nope' }),
    ).rejects.toMatchObject({ code: 'not_found', message: 'authentik: flow "nope" not found' });
  });
});

describe('authentik operator: enableDomainLevelForwardAuth', () => {
  it('plans a forward_domain provider with the cookie domain, then is idempotent', async () => {
    const input = { externalHost: 'https://auth.example.com', cookieDomain: 'example.com' };
    const plan = await operator().enableDomainLevelForwardAuth(input);
    expect(plan.steps[0]).toMatchObject({
      action: 'create',
      kind: 'proxy_provider',
      name: 'Domain forward auth example.com',
      changes: {
        mode: { from: null, to: 'forward_domain' },
        cookieDomain: { from: null, to: 'example.com' },
      },
    });
    expect(actions(plan)).toEqual([
      'create proxy_provider Domain forward auth example.com',
      'create application domain-forward-auth-example-com',
      `update outpost ${EMBEDDED_OUTPOST}`,
    ]);
    await operator().enableDomainLevelForwardAuth({ ...input, dryRun: false });
    expect(mock.state.proxy[0]).toMatchObject({
      mode: 'forward_domain',
      cookie_domain: 'example.com',
    });
    expect((await operator().enableDomainLevelForwardAuth(input)).changed).toBe(false);
  });
});

describe('authentik operator: provisionOIDCApp', () => {
  const input = { name: 'Wiki', redirectUris: ['https://wiki.example.com/oauth/callback'] };

  it('plans an OAuth2 provider and application; apply returns the client secret once', async () => {
    const plan = await operator().provisionOIDCApp(input);
    expect(plan.steps[0]).toEqual({
      action: 'create',
      kind: 'oauth2_provider',
      name: 'Wiki',
      changes: {
        clientType: { from: null, to: 'confidential' },
        authorizationFlow: {
          from: null,
          to: flowPk['default-provider-authorization-implicit-consent'],
        },
        invalidationFlow: { from: null, to: flowPk['default-provider-invalidation-flow'] },
        redirectUris: {
          from: null,
          to: [{ matchingMode: 'strict', url: 'https://wiki.example.com/oauth/callback' }],
        },
      },
    });
    expect(JSON.stringify(plan)).not.toContain('secret-');
    const applied = await operator().provisionOIDCApp({ ...input, dryRun: false });
    expect(applied.outputs).toEqual({ clientId: 'client-1', clientSecret: 'secret-1' });
    const again = await operator().provisionOIDCApp(input);
    expect(again.changed).toBe(false);
    expect(again.outputs).toEqual({ clientId: 'client-1' });
  });
});

describe('authentik operator: ensureMfaOnFlow', () => {
  it('plans a validation stage and its binding, applies, then plans nothing', async () => {
    const plan = await operator().ensureMfaOnFlow();
    expect(plan.steps).toEqual([
      {
        action: 'create',
        kind: 'authenticator_validate_stage',
        name: 'catalyst-mfa-validation',
        changes: {
          deviceClasses: { from: null, to: ['totp', 'webauthn'] },
          notConfiguredAction: { from: null, to: 'deny' },
        },
      },
      {
        action: 'create',
        kind: 'flow_stage_binding',
        name: 'default-authentication-flow → catalyst-mfa-validation',
        changes: {
          target: { from: null, to: flowPk['default-authentication-flow'] },
          stage: { from: null, to: '<new authenticator_validate_stage catalyst-mfa-validation>' },
          order: { from: null, to: 30 },
        },
      },
    ]);
    await operator().ensureMfaOnFlow({ dryRun: false });
    expect(writes()).toEqual(['stages_authenticator_validate_create', 'flows_bindings_create']);
    expect((await operator().ensureMfaOnFlow()).changed).toBe(false);

    const widened = await operator().ensureMfaOnFlow({
      deviceClasses: ['webauthn', 'totp', 'static'],
    });
    expect(widened.steps[0]).toMatchObject({
      action: 'update',
      changes: {
        deviceClasses: { from: ['totp', 'webauthn'], to: ['static', 'totp', 'webauthn'] },
      },
    });
  });
});

describe('authentik operator: outpostDoctor', () => {
  it('reports health problems and plans binding an orphaned forward-auth provider', async () => {
    await operator().provisionForwardAuthApp({
      name: 'Grafana',
      externalHost: 'https://grafana.example.com',
      dryRun: false,
    });
    mock.state.outposts[0]!.providers = [];
    const remote = authentikOutpost('edge-proxy');
    mock.state.outposts.push(remote);
    mock.health.set(embeddedPk, [outpostHealth({ version: '2026.5.4', version_outdated: true })]);

    const report = await operator().outpostDoctor();
    expect(report.findings?.map((f) => `${f.severity} ${f.check} ${f.subject}`)).toEqual([
      `warning version_outdated ${EMBEDDED_OUTPOST}`,
      'error not_connected edge-proxy',
      'error unbound_provider Grafana',
    ]);
    expect(report.steps).toEqual([
      {
        action: 'update',
        kind: 'outpost',
        name: EMBEDDED_OUTPOST,
        changes: { providers: { from: [], to: [1] } },
      },
    ]);
    await operator().outpostDoctor({ dryRun: false });
    const after = await operator().outpostDoctor();
    expect(after.changed).toBe(false);
    expect(after.findings?.map((f) => f.check)).toEqual(['version_outdated', 'not_connected']);
  });
});
