import {
  CoreApi,
  FlowsApi,
  OutpostsApi,
  ProvidersApi,
  StagesApi,
  type Application,
  type Outpost,
} from '@goauthentik/api';
import { DirectoryError } from '../../ports/directory.js';
import {
  AUTHENTIK,
  connectAuthentik,
  type AuthentikConnectionOptions,
} from './authentik-client.js';
import { pending, step, type DryRunOption, type Refs } from './authentik-plan.js';

/**
 * What the Authentik operator actions share: their inputs, the generated API clients over one
 * connection, and the lookups (flows, outposts, applications) every plan starts from.
 */

export const EMBEDDED_OUTPOST = 'authentik Embedded Outpost';
/** The flows a fresh Authentik install ships; override when yours differ. */
export const DEFAULT_AUTHORIZATION_FLOW = 'default-provider-authorization-implicit-consent';
export const DEFAULT_INVALIDATION_FLOW = 'default-provider-invalidation-flow';

export interface FlowInput {
  /** Flow slugs (defaults: Authentik's implicit-consent authorization and default invalidation). */
  authorizationFlow?: string | undefined;
  invalidationFlow?: string | undefined;
}

export interface ForwardAuthAppInput extends FlowInput, DryRunOption {
  name: string;
  /** Application slug (default: derived from `name`). */
  slug?: string | undefined;
  /** The protected app's public URL, e.g. `https://app.example.com`. */
  externalHost: string;
  /** Outpost to bind the provider to (default: the embedded outpost). */
  outpost?: string | undefined;
}

export interface DomainForwardAuthInput extends FlowInput, DryRunOption {
  /** Provider/application name (default `Domain forward auth <cookieDomain>`). */
  name?: string | undefined;
  slug?: string | undefined;
  /** Where Authentik's outpost answers, e.g. `https://auth.example.com`. */
  externalHost: string;
  /** The parent domain every protected app shares, e.g. `example.com`. */
  cookieDomain: string;
  outpost?: string | undefined;
}

export interface OidcAppInput extends FlowInput, DryRunOption {
  name: string;
  slug?: string | undefined;
  redirectUris: string[];
  clientType?: 'confidential' | 'public' | undefined;
}

export interface MfaOnFlowInput extends DryRunOption {
  /** The flow to protect (default `default-authentication-flow`). */
  flow?: string | undefined;
  stageName?: string | undefined;
  deviceClasses?: Array<'static' | 'totp' | 'webauthn' | 'duo' | 'sms' | 'email'> | undefined;
  /** Users without a device: `deny` (default) or `skip` (`configure` needs setup stages: use the UI). */
  notConfiguredAction?: 'deny' | 'skip' | undefined;
  /** Binding order; after identification/password (default 30). */
  order?: number | undefined;
}

export const slugify = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'app';

export type OperatorContext = ReturnType<typeof createOperatorContext>;

/** The generated API clients plus the lookups every action shares. */
export function createOperatorContext(options: AuthentikConnectionOptions) {
  const connection = connectAuthentik(options);
  const { configuration, call } = connection;
  const core = new CoreApi(configuration);
  const flows = new FlowsApi(configuration);
  const providers = new ProvidersApi(configuration);
  const outposts = new OutpostsApi(configuration);
  const stages = new StagesApi(configuration);

  async function flowPk(slug: string): Promise<string> {
    const found = await call('flows.find', (init) => flows.flowsInstancesList({ slug }, init));
    const flow = found.results.find((f) => f.slug === slug);
    if (!flow)
      throw new DirectoryError(AUTHENTIK, 'not_found', `authentik: flow "${slug}" not found`);
    return flow.pk;
  }

  async function findOutpost(name: string): Promise<Outpost> {
    const found = await call('outposts.find', (init) =>
      outposts.outpostsInstancesList({ nameIexact: name }, init),
    );
    const outpost = found.results[0];
    if (!outpost)
      throw new DirectoryError(AUTHENTIK, 'not_found', `authentik: outpost "${name}" not found`);
    return outpost;
  }

  async function findApplication(slug: string): Promise<Application | null> {
    const found = await call('applications.find', (init) =>
      core.coreApplicationsList({ slug }, init),
    );
    return found.results.find((a) => a.slug === slug) ?? null;
  }

  /** Application pointing at the provider whose id is `refs[providerRef]`. */
  async function applicationStep(name: string, slug: string, providerRef: string, refs: Refs) {
    const app = await findApplication(slug);
    const provider =
      refs[providerRef] ??
      pending(providerRef === 'proxy' ? 'proxy_provider' : 'oauth2_provider', name);
    const current = app ? { name: app.name, provider: app.provider ?? null } : null;
    return step(
      'application',
      slug,
      current,
      { name, provider },
      {
        create: async (r) => {
          await call('applications.create', (init) =>
            core.coreApplicationsCreate(
              { applicationRequest: { name, slug, provider: Number(r[providerRef]) } },
              init,
            ),
          );
        },
        update: async (r) => {
          await call('applications.update', (init) =>
            core.coreApplicationsPartialUpdate(
              { slug, patchedApplicationRequest: { name, provider: Number(r[providerRef]) } },
              init,
            ),
          );
        },
      },
    );
  }

  return { call, core, flows, providers, outposts, stages, flowPk, findOutpost, applicationStep };
}
