import { describe, expect, it } from 'vitest';
import { compileProxyTrust, normalizeAddress, resolveClientAddress } from './client-address.js';

describe('resolveClientAddress', () => {
  const none = compileProxyTrust([]);
  const loopback = compileProxyTrust(['loopback']);
  const lb = compileProxyTrust(['10.0.0.0/8', '::1']);

  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.9', '6.6.6.6', none)).toBe('203.0.113.9');
    expect(resolveClientAddress('203.0.113.9', ',', none)).toBe('203.0.113.9');
    expect(resolveClientAddress('127.0.0.1', '1.1.1.1, 2.2.2.2', none)).toBe('127.0.0.1');
  });

  it('walks from the right through trusted hops only; the client-controlled left end is ignored', () => {
    // client forged "6.6.6.6", the proxy appended the address it saw (198.51.100.7)
    expect(resolveClientAddress('10.1.2.3', '6.6.6.6, 198.51.100.7', lb)).toBe('198.51.100.7');
    // two proxies of ours: the right-most untrusted hop is the client
    expect(resolveClientAddress('10.1.2.3', '6.6.6.6, 198.51.100.7, 10.9.9.9', lb)).toBe(
      '198.51.100.7',
    );
    // every hop trusted: the left-most one is all we know
    expect(resolveClientAddress('10.1.2.3', '10.0.0.1, 10.0.0.2', lb)).toBe('10.0.0.1');
  });

  it('does not believe X-Forwarded-For from an untrusted peer', () => {
    expect(resolveClientAddress('198.51.100.7', '10.0.0.1', lb)).toBe('198.51.100.7');
  });

  it('answers null (one shared bucket) when the address cannot be known', () => {
    expect(resolveClientAddress(null, '1.2.3.4', loopback)).toBeNull();
    expect(resolveClientAddress(undefined, null, none)).toBeNull();
    expect(resolveClientAddress('not-an-ip', null, none)).toBeNull();
    // a trusted proxy that forwarded garbage, or an empty hop
    expect(resolveClientAddress('127.0.0.1', ',', loopback)).toBeNull();
    expect(resolveClientAddress('127.0.0.1', 'evil, ', loopback)).toBeNull();
    expect(resolveClientAddress('127.0.0.1', '1.2.3.4, <script>', loopback)).toBeNull();
  });

  it('folds IPv4-mapped IPv6 to IPv4 and matches CIDRs of either family', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(resolveClientAddress('::ffff:10.0.0.5', '2001:db8::1', lb)).toBe('2001:db8::1');
    expect(resolveClientAddress('::1', '192.0.2.1', lb)).toBe('192.0.2.1');
  });
});

describe('compileProxyTrust', () => {
  it('accepts CIDRs, single addresses and named ranges', () => {
    const trust = compileProxyTrust(['192.168.1.0/24', '2001:db8::1', 'uniquelocal']);
    expect(trust('192.168.1.200')).toBe(true);
    expect(trust('192.168.2.1')).toBe(true); // uniquelocal covers 192.168/16
    expect(trust('2001:db8::1')).toBe(true);
    expect(trust('2001:db8::2')).toBe(false);
    expect(trust('8.8.8.8')).toBe(false);
    expect(trust('garbage')).toBe(false);
  });

  it('names the entry it cannot parse', () => {
    expect(() => compileProxyTrust(['10.0.0.0/8', 'proxy.internal'])).toThrow(/proxy\.internal/);
    expect(() => compileProxyTrust(['10.0.0.0/99'])).toThrow(/10\.0\.0\.0\/99/);
  });
});
