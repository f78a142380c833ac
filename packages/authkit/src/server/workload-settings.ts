import { z } from 'zod';
import { GITHUB_ACTIONS_ISSUER } from '../domain/workload-trust.js';
import { envList, issuerUrl, networkList } from './setting-fields.js';

/** Workload identity: which issuers' tokens orgs may trust, and for how long tokens last. */
export const workloadSettingsShape = {
  /** Issuers whose tokens a trust policy may name; GitHub Actions by default. */
  workloadIssuers: z.array(issuerUrl).max(50).default([GITHUB_ACTIONS_ISSUER]),
  /** The longest an access token from a workload exchange lasts (a policy may shorten it). */
  workloadTokenTtlSeconds: z.number().int().min(30).max(3600).default(300),
  /**
   * Networks an issuer's discovery and keys may be fetched from although private or loopback
   * (CIDRs; none by default). Public addresses are always allowed.
   */
  workloadAllowedNetworks: networkList.default([]),
  /** Trust policies per org. */
  maxWorkloadPoliciesPerOrg: z.number().int().min(1).max(500).default(50),
};

/** The environment keys for these settings (DESIGN §7, extended by issue 13). */
export const WORKLOAD_ENV_KEYS = {
  workloadIssuers: 'CATALYST_WORKLOAD_ISSUERS',
  workloadTokenTtlSeconds: 'CATALYST_WORKLOAD_TOKEN_TTL_SECONDS',
  workloadAllowedNetworks: 'CATALYST_WORKLOAD_ALLOWED_NETWORKS',
} as const;

/** Reads the workload settings the environment sets; unset keys are left to their defaults. */
export function workloadSettingsFromEnv(pick: (key: string) => string | undefined) {
  const issuers = pick(WORKLOAD_ENV_KEYS.workloadIssuers);
  const ttl = pick(WORKLOAD_ENV_KEYS.workloadTokenTtlSeconds);
  const networks = pick(WORKLOAD_ENV_KEYS.workloadAllowedNetworks);
  return {
    ...(issuers ? { workloadIssuers: envList(issuers) } : {}),
    ...(ttl ? { workloadTokenTtlSeconds: Number(ttl) } : {}),
    ...(networks ? { workloadAllowedNetworks: envList(networks) } : {}),
  };
}
