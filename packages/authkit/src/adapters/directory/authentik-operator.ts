import { ProxyMode } from '@goauthentik/api';
import type { AuthentikConnectionOptions } from './authentik-client.js';
import { outpostDoctor, type OutpostDoctorInput } from './authentik-doctor.js';
import { forwardAuth } from './authentik-forward-auth.js';
import { ensureMfaOnFlow, provisionOidcApp } from './authentik-oidc-mfa.js';
import {
  createOperatorContext,
  EMBEDDED_OUTPOST,
  slugify,
  type DomainForwardAuthInput,
  type ForwardAuthAppInput,
  type MfaOnFlowInput,
  type OidcAppInput,
} from './authentik-operator-context.js';
import type { OperatorResult } from './authentik-plan.js';

export { EMBEDDED_OUTPOST };
export type { DomainForwardAuthInput, ForwardAuthAppInput, MfaOnFlowInput, OidcAppInput };

export interface AuthentikOperator {
  provisionForwardAuthApp(input: ForwardAuthAppInput): Promise<OperatorResult>;
  enableDomainLevelForwardAuth(input: DomainForwardAuthInput): Promise<OperatorResult>;
  provisionOIDCApp(input: OidcAppInput): Promise<OperatorResult>;
  ensureMfaOnFlow(input?: MfaOnFlowInput): Promise<OperatorResult>;
  outpostDoctor(input?: OutpostDoctorInput): Promise<OperatorResult>;
}

/**
 * Operator actions over the Authentik API (the vision's MCP/CLI calls), each planning first:
 * `dryRun` (the default) returns the plan; `dryRun: false` applies it. Objects are matched by
 * name or slug, so running an action again on a provisioned Authentik plans no changes.
 */
export function createAuthentikOperator(options: AuthentikConnectionOptions): AuthentikOperator {
  const ctx = createOperatorContext(options);
  return {
    provisionForwardAuthApp: (input) =>
      forwardAuth(ctx, 'provisionForwardAuthApp', ProxyMode.ForwardSingle, {
        ...input,
        slug: input.slug ?? slugify(input.name),
        outpost: input.outpost ?? EMBEDDED_OUTPOST,
      }),

    enableDomainLevelForwardAuth: (input) => {
      const name = input.name ?? `Domain forward auth ${input.cookieDomain}`;
      return forwardAuth(ctx, 'enableDomainLevelForwardAuth', ProxyMode.ForwardDomain, {
        ...input,
        name,
        slug: input.slug ?? slugify(name),
        outpost: input.outpost ?? EMBEDDED_OUTPOST,
      });
    },

    provisionOIDCApp: (input) => provisionOidcApp(ctx, input),
    ensureMfaOnFlow: (input = {}) => ensureMfaOnFlow(ctx, input),
    outpostDoctor: (input = {}) => outpostDoctor(ctx, input),
  };
}
