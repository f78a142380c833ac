/** DNS TXT lookups, for proving control of a domain. Node's resolver by default; a fake in tests. */
export interface DnsResolverPort {
  /** The TXT records at `name`, each joined from its chunks; [] when there are none. */
  resolveTxt(name: string): Promise<string[]>;
}
