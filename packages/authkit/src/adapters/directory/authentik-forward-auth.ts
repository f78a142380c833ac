import type { ProxyMode } from '@goauthentik/api';
import type { OperatorContext, FlowInput } from './authentik-operator-context.js';
import {
  DEFAULT_AUTHORIZATION_FLOW,
  DEFAULT_INVALIDATION_FLOW,
} from './authentik-operator-context.js';
import {
  finish,
  pending,
  step,
  type DryRunOption,
  type OperatorResult,
  type PlannedStep,
  type Refs,
} from './authentik-plan.js';

/** A proxy provider in forward-auth mode, its application, and its binding to an outpost. */
export async function forwardAuth(
  ctx: OperatorContext,
  action: string,
  mode: ProxyMode,
  input: {
    name: string;
    slug: string;
    externalHost: string;
    cookieDomain?: string;
    outpost: string;
  } & FlowInput &
    DryRunOption,
): Promise<OperatorResult> {
  const { call, providers, outposts, flowPk, findOutpost, applicationStep } = ctx;
  const [authorizationFlow, invalidationFlow] = await Promise.all([
    flowPk(input.authorizationFlow ?? DEFAULT_AUTHORIZATION_FLOW),
    flowPk(input.invalidationFlow ?? DEFAULT_INVALIDATION_FLOW),
  ]);
  const outpost = await findOutpost(input.outpost);
  const refs: Refs = {};
  const listed = await call('proxy_providers.find', (init) =>
    providers.providersProxyList({ nameIexact: input.name }, init),
  );
  const existing = listed.results[0] ?? null;
  if (existing) refs.proxy = existing.pk;
  const desired = {
    mode,
    externalHost: input.externalHost,
    authorizationFlow,
    invalidationFlow,
    ...(input.cookieDomain === undefined ? {} : { cookieDomain: input.cookieDomain }),
  };
  const current = existing
    ? {
        mode: existing.mode ?? null,
        externalHost: existing.externalHost,
        authorizationFlow: existing.authorizationFlow,
        invalidationFlow: existing.invalidationFlow,
        cookieDomain: existing.cookieDomain ?? null,
      }
    : null;
  const steps: PlannedStep[] = [
    step('proxy_provider', input.name, current, desired, {
      create: async (r) => {
        const created = await call('proxy_providers.create', (init) =>
          providers.providersProxyCreate(
            { proxyProviderRequest: { name: input.name, ...desired } },
            init,
          ),
        );
        r.proxy = created.pk;
      },
      update: async () => {
        await call('proxy_providers.update', (init) =>
          providers.providersProxyPartialUpdate(
            { id: Number(refs.proxy), patchedProxyProviderRequest: desired },
            init,
          ),
        );
      },
    }),
    await applicationStep(input.name, input.slug, 'proxy', refs),
  ];
  const bound = existing !== null && outpost.providers.includes(existing.pk);
  const providersAfter = [
    ...outpost.providers,
    refs.proxy ?? pending('proxy_provider', input.name),
  ];
  steps.push(
    step(
      'outpost',
      outpost.name,
      { providers: outpost.providers },
      { providers: bound ? outpost.providers : providersAfter },
      {
        create: async () => {},
        update: async (r) => {
          await call('outposts.update', (init) =>
            outposts.outpostsInstancesPartialUpdate(
              {
                uuid: outpost.pk,
                patchedOutpostRequest: { providers: [...outpost.providers, Number(r.proxy)] },
              },
              init,
            ),
          );
        },
      },
    ),
  );
  const result = await finish(action, steps, input, refs);
  return result.applied ? { ...result, outputs: { providerId: String(refs.proxy) } } : result;
}
