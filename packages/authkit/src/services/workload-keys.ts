import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { ProxyTrust } from '../server/client-address.js';
import { guardOutboundUrl } from './outbound-url-guard.js';
import type { HostLookup } from './webhook-target.js';

/** The issuer's discovery or keys could not be fetched: a 502, never a hang or a 500. */
export class IssuerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssuerUnavailable';
  }
}

export interface WorkloadKeysOptions {
  /** Networks an issuer may resolve to although private or loopback (and then be plain http). */
  allowed: ProxyTrust;
  lookup: HostLookup;
  timeoutMs: number;
  /** How long a discovered `jwks_uri` is reused before discovery runs again. */
  discoveryTtlMs?: number;
  /** The fetch for discovery and keys (the runtime's pins each connection to the checked address). */
  fetch?: typeof fetch;
}

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const MAX_DISCOVERY_BYTES = 64 * 1024;

/**
 * Each trusted issuer's signing keys, found through OIDC discovery and fetched with jose's remote
 * key set (cached; refetched when a token names an unknown `kid`, so key rotation just works).
 * Every URL is checked before it is fetched: an issuer naming an internal address is refused.
 */
export class WorkloadKeys {
  private readonly sets = new Map<string, { keys: JWTVerifyGetKey; until: number }>();

  constructor(private readonly options: WorkloadKeysOptions) {}

  async keysFor(issuer: string): Promise<JWTVerifyGetKey> {
    const memo = this.sets.get(issuer);
    if (memo && memo.until > Date.now()) return memo.keys;
    const jwksUri = await this.discover(issuer);
    const keys = createRemoteJWKSet(jwksUri, {
      timeoutDuration: this.options.timeoutMs,
      // An unknown `kid` refetches at most every 5 s: a rotation is picked up quickly, and a flood
      // of forged kids costs the issuer one request per 5 s.
      cooldownDuration: 5_000,
      cacheMaxAge: 10 * 60_000,
      ...(this.options.fetch ? { [customFetch]: this.options.fetch } : {}),
    });
    this.sets.set(issuer, {
      keys,
      until: Date.now() + (this.options.discoveryTtlMs ?? DISCOVERY_TTL_MS),
    });
    return keys;
  }

  /** Forgets an issuer's keys (a failed fetch should not be remembered). */
  forget(issuer: string): void {
    this.sets.delete(issuer);
  }

  private async discover(issuer: string): Promise<URL> {
    const url = new URL(`${issuer}/.well-known/openid-configuration`);
    await this.guard(url);
    let doc: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const res = await (this.options.fetch ?? fetch)(url, {
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new IssuerUnavailable(`${url.host} answered ${res.status} to discovery`);
      const text = await res.text();
      if (text.length > MAX_DISCOVERY_BYTES) throw new IssuerUnavailable('discovery is too large');
      doc = JSON.parse(text) as typeof doc;
    } catch (error) {
      if (error instanceof IssuerUnavailable) throw error;
      throw new IssuerUnavailable(`${url.host} did not answer discovery`);
    }
    // RFC 8414 §3.3: the document must name the issuer it was fetched for.
    if (doc.issuer !== issuer || typeof doc.jwks_uri !== 'string') {
      throw new IssuerUnavailable(`${url.host}'s discovery does not describe ${issuer}`);
    }
    let jwks: URL;
    try {
      jwks = new URL(doc.jwks_uri);
    } catch {
      throw new IssuerUnavailable(`${url.host}'s jwks_uri is not a URL`);
    }
    await this.guard(jwks);
    return jwks;
  }

  /** https to a public address, or an allowed network (where plain http is accepted too). */
  private async guard(url: URL): Promise<void> {
    try {
      await guardOutboundUrl(url, {
        ...this.options,
        setting: 'CATALYST_WORKLOAD_ALLOWED_NETWORKS',
      });
    } catch (error) {
      throw new IssuerUnavailable((error as Error).message);
    }
  }
}
