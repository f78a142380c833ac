import type { DnsResolverPort } from '../../ports/dns-resolver.js';

/** TXT lookups through Node's resolver; "no such name" and "no data" mean no records. */
export function createNodeDnsResolver(): DnsResolverPort {
  return {
    async resolveTxt(name) {
      const { promises } = await import('node:dns');
      try {
        const records = await promises.resolveTxt(name);
        return records.map((chunks) => chunks.join(''));
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'ENOTFOUND' || code === 'ENODATA') return [];
        throw error;
      }
    },
  };
}
