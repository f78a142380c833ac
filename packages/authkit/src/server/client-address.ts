import ipaddr from 'ipaddr.js';

/** Decides whether an address is one of our own proxies, whose forwarded headers we believe. */
export type ProxyTrust = (address: string) => boolean;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

// Named ranges, as proxy-addr offers them, so configs can say `loopback` instead of two CIDRs.
const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** An IP as we store and compare it: IPv4-mapped IPv6 folded to IPv4; null when not an IP. */
export function normalizeAddress(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text || !ipaddr.isValid(text)) return null;
  return ipaddr.process(text).toString();
}

function parseRange(entry: string): Range {
  if (entry.includes('/')) return ipaddr.parseCIDR(entry);
  const address = ipaddr.process(entry);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/**
 * Compiles `trustedProxies` (CIDRs, single addresses, or `loopback` / `linklocal` / `uniquelocal`).
 * Throws a TypeError naming the entry that is not one of those.
 */
export function compileProxyTrust(entries: readonly string[]): ProxyTrust {
  const ranges: Range[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    for (const item of NAMED[entry] ?? [entry]) {
      try {
        ranges.push(parseRange(item));
      } catch {
        throw new TypeError(`"${entry}" is not an IP address, a CIDR or a named range`);
      }
    }
  }
  if (ranges.length === 0) return () => false;
  return (address) => {
    const normalized = normalizeAddress(address);
    if (!normalized) return false;
    const parsed = ipaddr.parse(normalized);
    return ranges.some(
      ([range, bits]) => parsed.kind() === range.kind() && parsed.match(range, bits),
    );
  };
}

/**
 * The client's address (DESIGN §3): start at the peer that connected to us and, only while that
 * hop is a trusted proxy, step left through `X-Forwarded-For`. The first untrusted hop is the
 * client. Null when it cannot be known (no peer, or a trusted proxy forwarded garbage); callers
 * put every such request in one shared bucket rather than letting it escape a limit.
 */
export function resolveClientAddress(
  peer: string | null | undefined,
  forwardedFor: string | null | undefined,
  trust: ProxyTrust,
): string | null {
  let current = normalizeAddress(peer);
  if (!current || !trust(current) || !forwardedFor) return current;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) return null;
    current = hop;
    if (!trust(current)) return current;
  }
  return current;
}

/** True when the peer is a trusted proxy, so its `X-Forwarded-Proto` / `-Host` may be believed. */
export function isTrustedPeer(peer: string | null | undefined, trust: ProxyTrust): boolean {
  const normalized = normalizeAddress(peer);
  return normalized !== null && trust(normalized);
}
