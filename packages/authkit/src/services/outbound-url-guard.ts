import ipaddr from 'ipaddr.js';
import type { ProxyTrust } from '../server/client-address.js';
import { resolveWebhookTarget, type HostLookup } from './webhook-target.js';

export interface OutboundUrlPolicy {
  /** Networks a host may resolve to although private or loopback (and then be plain http). */
  allowed: ProxyTrust;
  lookup: HostLookup;
  /** The setting that widens `allowed`, named in the refusal. */
  setting: string;
}

/**
 * A URL someone other than the operator chose (an issuer, its keys): https to a public address,
 * or an allowed network. Answers the checked addresses (to connect to); throws an Error saying
 * why not, which callers turn into their own code.
 */
export async function guardOutboundUrl(url: URL, policy: OutboundUrlPolicy): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await resolveWebhookTarget(url, policy.lookup, policy.allowed);
  } catch (error) {
    throw new Error(
      (error as Error).message.replace('CATALYST_WEBHOOK_ALLOWED_NETWORKS', policy.setting),
    );
  }
  const allowed = addresses.every((a) => policy.allowed(ipaddr.process(a).toString()));
  if (url.protocol !== 'https:' && !allowed)
    throw new Error(`${url.host} must be reached over https`);
  return addresses;
}
