import type { DeviceClassesEnum, NotConfiguredActionEnum } from '@goauthentik/api';
import { ClientTypeEnum, MatchingModeEnum } from '@goauthentik/api';
import type {
  MfaOnFlowInput,
  OidcAppInput,
  OperatorContext,
} from './authentik-operator-context.js';
import {
  DEFAULT_AUTHORIZATION_FLOW,
  DEFAULT_INVALIDATION_FLOW,
  slugify,
} from './authentik-operator-context.js';
import {
  finish,
  pending,
  step,
  type OperatorResult,
  type PlannedStep,
  type Refs,
} from './authentik-plan.js';

/** An OAuth2/OIDC provider and its application; the client secret is returned once, on create. */
export async function provisionOidcApp(
  ctx: OperatorContext,
  input: OidcAppInput,
): Promise<OperatorResult> {
  const { call, providers, flowPk, applicationStep } = ctx;
  const [authorizationFlow, invalidationFlow] = await Promise.all([
    flowPk(input.authorizationFlow ?? DEFAULT_AUTHORIZATION_FLOW),
    flowPk(input.invalidationFlow ?? DEFAULT_INVALIDATION_FLOW),
  ]);
  const slug = input.slug ?? slugify(input.name);
  const refs: Refs = {};
  const outputs: Record<string, string> = {};
  const listed = await call('oauth2_providers.find', (init) =>
    providers.providersOauth2List({ name: input.name }, init),
  );
  const existing = listed.results.find((p) => p.name === input.name) ?? null;
  if (existing) refs.oauth2 = existing.pk;
  const redirectUris = input.redirectUris.map((url) => ({
    matchingMode: MatchingModeEnum.Strict,
    url,
  }));
  const desired = {
    clientType: input.clientType ?? ClientTypeEnum.Confidential,
    authorizationFlow,
    invalidationFlow,
    redirectUris,
  };
  const current = existing
    ? {
        clientType: existing.clientType ?? null,
        authorizationFlow: existing.authorizationFlow,
        invalidationFlow: existing.invalidationFlow,
        redirectUris: existing.redirectUris.map((u) => ({
          matchingMode: u.matchingMode,
          url: u.url,
        })),
      }
    : null;
  const steps: PlannedStep[] = [
    step('oauth2_provider', input.name, current, desired, {
      create: async (r) => {
        const created = await call('oauth2_providers.create', (init) =>
          providers.providersOauth2Create(
            { oAuth2ProviderRequest: { name: input.name, ...desired } },
            init,
          ),
        );
        r.oauth2 = created.pk;
        // Shown once, like our own secrets; it is never part of a plan.
        if (created.clientSecret) outputs.clientSecret = created.clientSecret;
        if (created.clientId) outputs.clientId = created.clientId;
      },
      update: async () => {
        await call('oauth2_providers.update', (init) =>
          providers.providersOauth2PartialUpdate(
            { id: Number(refs.oauth2), patchedOAuth2ProviderRequest: desired },
            init,
          ),
        );
      },
    }),
    await applicationStep(input.name, slug, 'oauth2', refs),
  ];
  const result = await finish('provisionOIDCApp', steps, input, refs);
  if (existing?.clientId) outputs.clientId = existing.clientId;
  return Object.keys(outputs).length ? { ...result, outputs } : result;
}

/** An authenticator validation stage bound to a flow (an existing binding keeps its order). */
export async function ensureMfaOnFlow(
  ctx: OperatorContext,
  input: MfaOnFlowInput = {},
): Promise<OperatorResult> {
  const { call, flows, stages, flowPk } = ctx;
  const flowSlug = input.flow ?? 'default-authentication-flow';
  const stageName = input.stageName ?? 'catalyst-mfa-validation';
  const target = await flowPk(flowSlug);
  const refs: Refs = {};
  const found = await call('stages.find', (init) =>
    stages.stagesAuthenticatorValidateList({ name: stageName }, init),
  );
  const existing = found.results.find((s) => s.name === stageName) ?? null;
  if (existing) refs.stage = existing.pk;
  const desired = {
    deviceClasses: [...(input.deviceClasses ?? ['totp', 'webauthn'])].sort() as DeviceClassesEnum[],
    notConfiguredAction: (input.notConfiguredAction ?? 'deny') as NotConfiguredActionEnum,
  };
  const current = existing
    ? {
        deviceClasses: [...(existing.deviceClasses ?? [])].sort(),
        notConfiguredAction: existing.notConfiguredAction ?? null,
      }
    : null;
  const binding = existing
    ? (
        await call('bindings.find', (init) =>
          flows.flowsBindingsList({ target, stage: existing.pk }, init),
        )
      ).results[0]
    : undefined;
  const order = input.order ?? 30;
  const steps: PlannedStep[] = [
    step('authenticator_validate_stage', stageName, current, desired, {
      create: async (r) => {
        const created = await call('stages.create', (init) =>
          stages.stagesAuthenticatorValidateCreate(
            { authenticatorValidateStageRequest: { name: stageName, ...desired } },
            init,
          ),
        );
        r.stage = created.pk;
      },
      update: async () => {
        await call('stages.update', (init) =>
          stages.stagesAuthenticatorValidatePartialUpdate(
            {
              stageUuid: String(refs.stage),
              patchedAuthenticatorValidateStageRequest: desired,
            },
            init,
          ),
        );
      },
    }),
    // An existing binding is left as it is: its order may have been tuned in the UI.
    step(
      'flow_stage_binding',
      `${flowSlug} → ${stageName}`,
      binding ? { target: binding.target, stage: binding.stage, order: binding.order } : null,
      binding
        ? { target: binding.target, stage: binding.stage, order: binding.order }
        : {
            target,
            stage: refs.stage ?? pending('authenticator_validate_stage', stageName),
            order,
          },
      {
        create: async (r) => {
          await call('bindings.create', (init) =>
            flows.flowsBindingsCreate(
              { flowStageBindingRequest: { target, stage: String(r.stage), order } },
              init,
            ),
          );
        },
        update: async () => {},
      },
    ),
  ];
  return finish('ensureMfaOnFlow', steps, input, refs);
}
