import ipaddr from 'ipaddr.js';
import { AuthkitError } from '../domain/errors.js';
import type { ProxyTrust } from '../server/client-address.js';

/** Resolves a host name to every address it has (A and AAAA). */
export type HostLookup = (host: string) => Promise<string[]>;

const MAX_URL_LENGTH = 2048;

/**
 * Why an address may not be a webhook target (loopback, private, link-local, …), or null for a
 * public unicast address or one inside `allowed` (CATALYST_WEBHOOK_ALLOWED_NETWORKS).
 */
export function blockedReason(address: string, allowed: ProxyTrust): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const ip = ipaddr.process(address);
  if (allowed(ip.toString())) return null;
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/** Parses and checks a webhook URL's shape: http(s), no credentials, a host, sane length. */
export function parseWebhookUrl(raw: string): URL {
  const fail = (message: string) =>
    new AuthkitError('invalid_webhook_url', message, { field: 'url' });
  if (raw.length > MAX_URL_LENGTH) throw fail(`url is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('url is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw fail('url must be http or https');
  if (url.username || url.password) throw fail('url must not carry credentials');
  if (!url.hostname) throw fail('url has no host');
  url.hash = '';
  return url;
}

/**
 * The addresses a webhook URL reaches, each checked: a private, loopback or link-local target is
 * refused unless allowed. Runs when an endpoint is saved and again before every delivery, after
 * DNS resolution, so a name re-pointed at an internal address is caught (and the connection is
 * pinned to the checked address by the sender).
 */
export async function resolveWebhookTarget(
  url: URL,
  lookup: HostLookup,
  allowed: ProxyTrust,
): Promise<string[]> {
  const host = bare(url.hostname);
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = await lookup(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) {
      throw new AuthkitError('webhook_target_forbidden', `${host} does not resolve`, {
        field: 'url',
      });
    }
  }
  for (const address of addresses) {
    const reason = blockedReason(address, allowed);
    if (reason) {
      throw new AuthkitError(
        'webhook_target_forbidden',
        `${host} resolves to a ${reason} address; allow it with CATALYST_WEBHOOK_ALLOWED_NETWORKS`,
        { field: 'url' },
      );
    }
  }
  return addresses;
}

/** Node's resolver: every A and AAAA record, as the OS would use them. */
export const nodeHostLookup: HostLookup = async (host) => {
  const { promises } = await import('node:dns');
  const found = await promises.lookup(host, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
};
