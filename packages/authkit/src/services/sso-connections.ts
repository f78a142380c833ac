import { AuthkitError } from '../domain/errors.js';
import type { ClaimRule } from '../domain/claim-mapping.js';
import type { IdpAdapterPort } from '../ports/idp.js';
import type { SsoConnectionRecord } from '../ports/sso-store.js';
import type { StorePort } from '../ports/store.js';
import type { SecretBox } from '../tokens/secret-box.js';

/** A provider someone may sign in with: the platform's own (no org) or an org's. */
export interface SsoConnection {
  idp: IdpAdapterPort;
  /** The org whose connection this is; null for the platform's own provider. */
  orgId: string | null;
  /** The role a sign-in here gives someone who is not yet a member. */
  defaultRole: string;
  required: boolean;
  /** Claim mapping: the provider's claims to roles, groups and labels. */
  claimRules: ClaimRule[];
  deprovision: boolean;
}

export type OrgIdpFactory = (
  record: SsoConnectionRecord,
  clientSecret: string | undefined,
) => IdpAdapterPort;

/** Org providers kept built (each keeps its discovered configuration); the oldest go first. */
const MAX_BUILT = 500;

/**
 * Every sign-in provider: the platform's (from settings) and each org's (from the store), built
 * once per saved version of the connection so discovery is not repeated per sign-in.
 */
export class SsoConnections {
  private readonly built = new Map<string, { version: number; idp: IdpAdapterPort }>();

  constructor(
    private readonly store: StorePort,
    private readonly box: SecretBox,
    private readonly platform: ReadonlyMap<string, IdpAdapterPort>,
    private readonly makeOrgIdp: OrgIdpFactory,
  ) {}

  /** The platform's providers, shown on every sign-in page. */
  platformProviders(): Array<{ id: string; name: string }> {
    return [...this.platform.values()].map((c) => ({ id: c.id, name: c.name }));
  }

  async get(id: string): Promise<SsoConnection | null> {
    const own = this.platform.get(id);
    if (own) {
      return {
        idp: own,
        orgId: null,
        defaultRole: 'member',
        required: false,
        claimRules: [],
        deprovision: false,
      };
    }
    if (!id.startsWith('ssoc_') || id.length > 64) return null;
    const record = await this.store.ssoConnections.byId(id);
    if (!record || !record.enabled) return null;
    return {
      idp: await this.build(record),
      orgId: record.orgId,
      defaultRole: record.defaultRole,
      required: record.required,
      claimRules: record.claimRules,
      deprovision: record.deprovision,
    };
  }

  /** The org provider for an address's domain: the oldest enabled one of an org that verified it. */
  async forEmail(email: string): Promise<SsoConnectionRecord | null> {
    const at = email.lastIndexOf('@');
    if (at < 1) return null;
    const [first] = await this.store.ssoConnections.forDomain(email.slice(at + 1).toLowerCase());
    return first ?? null;
  }

  /** Drops a built provider (its connection changed or went). */
  forget(id: string): void {
    this.built.delete(id);
  }

  private async build(record: SsoConnectionRecord): Promise<IdpAdapterPort> {
    const version = record.updatedAt.getTime();
    const kept = this.built.get(record.id);
    if (kept?.version === version) return kept.idp;
    let secret: string | undefined;
    try {
      secret = record.clientSecretSealed
        ? await this.box.open(record.clientSecretSealed)
        : undefined;
    } catch (cause) {
      // Sealed under another root secret (rotated since): the owner must enter it again.
      throw new AuthkitError('idp_unavailable', 'this provider needs its client secret again', {
        cause,
      });
    }
    const idp = this.makeOrgIdp(record, secret);
    this.built.delete(record.id);
    this.built.set(record.id, { version, idp });
    if (this.built.size > MAX_BUILT) this.built.delete(this.built.keys().next().value!);
    return idp;
  }
}
