import type { Outpost, OutpostsApi, ProvidersApi, ProxyProvider } from '@goauthentik/api';
import type { AuthentikConnection } from './authentik-client.js';
import {
  finish,
  step,
  type DoctorFinding,
  type DryRunOption,
  type OperatorResult,
  type PlannedStep,
} from './authentik-plan.js';

export interface OutpostDoctorInput extends DryRunOption {
  /** Check one outpost by name (default: all). Unbound providers are offered to this one. */
  outpost?: string | undefined;
}

interface DoctorDeps {
  call: AuthentikConnection['call'];
  outposts: OutpostsApi;
  providers: ProvidersApi;
}

const PAGE = 100;

/** Walks every page of a paginated Authentik list. */
async function all<T>(
  fetchPage: (page: number) => Promise<{ results: T[]; pagination: { next: number } }>,
) {
  const rows: T[] = [];
  for (let page = 1; page > 0;) {
    const result = await fetchPage(page);
    rows.push(...result.results);
    page = result.pagination.next;
  }
  return rows;
}

/**
 * Diagnoses outposts: not connected (no instance reported health), running an outdated
 * version, forward-auth providers with an application but on no outpost (fixable: the plan
 * binds them to the chosen outpost, the embedded one by default), providers without an
 * application (reported only: removing them is the operator's call).
 */
export async function outpostDoctor(
  deps: DoctorDeps,
  input: OutpostDoctorInput,
): Promise<OperatorResult> {
  const { call, outposts, providers } = deps;
  const list = await all<Outpost>((page) =>
    call('outposts.list', (init) =>
      outposts.outpostsInstancesList(
        { page, pageSize: PAGE, ...(input.outpost ? { nameIexact: input.outpost } : {}) },
        init,
      ),
    ),
  );
  const proxies = await all<ProxyProvider>((page) =>
    call('proxy_providers.list', (init) =>
      providers.providersProxyList({ page, pageSize: PAGE }, init),
    ),
  );
  const findings: DoctorFinding[] = [];

  for (const outpost of list) {
    const health = await call('outposts.health', (init) =>
      outposts.outpostsInstancesHealthList({ uuid: outpost.pk }, init),
    );
    if (health.length === 0) {
      findings.push({
        severity: 'error',
        check: 'not_connected',
        subject: outpost.name,
        message: `outpost "${outpost.name}" has no connected instance`,
      });
    }
    for (const instance of health.filter((h) => h.versionOutdated)) {
      findings.push({
        severity: 'warning',
        check: 'version_outdated',
        subject: outpost.name,
        message: `outpost "${outpost.name}" instance ${instance.hostname} runs ${instance.version}, expected ${instance.versionShould}`,
      });
    }
  }

  const bound = new Set(list.flatMap((o) => o.providers));
  const unbound = proxies.filter((p) => p.assignedApplicationSlug && !bound.has(p.pk));
  for (const provider of proxies.filter((p) => !p.assignedApplicationSlug && bound.has(p.pk))) {
    findings.push({
      severity: 'warning',
      check: 'provider_without_application',
      subject: provider.name,
      message: `proxy provider "${provider.name}" is on an outpost but no application uses it`,
    });
  }
  for (const provider of unbound) {
    findings.push({
      severity: 'error',
      check: 'unbound_provider',
      subject: provider.name,
      message: `proxy provider "${provider.name}" (application ${provider.assignedApplicationSlug}) is on no outpost`,
    });
  }

  const steps: PlannedStep[] = [];
  const home = list.find((o) =>
    input.outpost ? o.name === input.outpost : o.managed === 'goauthentik.io/outposts/embedded',
  );
  if (home && unbound.length) {
    const to = [...home.providers, ...unbound.map((p) => p.pk)];
    steps.push(
      step(
        'outpost',
        home.name,
        { providers: home.providers },
        { providers: to },
        {
          create: async () => {},
          update: async () => {
            await call('outposts.update', (init) =>
              outposts.outpostsInstancesPartialUpdate(
                { uuid: home.pk, patchedOutpostRequest: { providers: to } },
                init,
              ),
            );
          },
        },
      ),
    );
  }
  const result = await finish('outpostDoctor', steps, input);
  return { ...result, findings };
}
