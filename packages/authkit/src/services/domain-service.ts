import { AuthkitError } from '../domain/errors.js';
import { newId, newSortableId } from '../domain/ids.js';
import type { DomainMode, MembershipRequest, OrgDomain, OrgSuggestion } from '../domain/tenancy.js';
import type { DnsResolverPort } from '../ports/dns-resolver.js';
import type { MembershipRequestRecord, OrgDomainRecord } from '../ports/tenancy-store.js';
import { randomToken } from '../tokens/opaque-token.js';
import { orgAudit } from './org-access.js';
import type { OrgMutations } from './org-mutations.js';
import type { RequestContext } from './request-context.js';
import { endSessionsOutsideRequiredSso } from './sso-enforcement.js';
import { isUniqueViolation } from './unique-violation.js';

/** A DNS name of 2+ labels, each 1–63 letters, digits or inner hyphens; at most 253 characters. */
const DOMAIN_PATTERN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const RECORD_PREFIX = '_catalyst-verify';
const MAX_DOMAINS_PER_ORG = 20;

export function normalizeDomain(input: string): string {
  const domain = input.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN_PATTERN.test(domain)) {
    throw new AuthkitError('invalid_request', 'must be a domain name like example.com', {
      field: 'domain',
    });
  }
  return domain;
}

const toDomain = (d: OrgDomainRecord): OrgDomain => ({
  id: d.id,
  orgId: d.orgId,
  domain: d.domain,
  mode: d.mode,
  status: d.verifiedAt ? 'verified' : 'pending',
  verification: {
    type: 'TXT',
    name: `${RECORD_PREFIX}.${d.domain}`,
    value: `catalyst-verify=${d.verificationToken}`,
  },
  verifiedAt: d.verifiedAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

const toRequest = (
  r: MembershipRequestRecord,
  user: { email: string; name: string | null },
): MembershipRequest => ({
  id: r.id,
  orgId: r.orgId,
  userId: r.userId,
  email: user.email,
  name: user.name,
  status: r.status,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

const emailDomain = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/**
 * Verified domains: an org proves `example.com` with a TXT record, then users whose verified
 * email is at that domain either join automatically or see the org as a suggestion and ask to
 * join (a membership request an admin accepts or rejects).
 */
export class DomainService {
  constructor(
    private readonly orgs: OrgMutations,
    private readonly dns: DnsResolverPort,
    /** Called with the sessions a verification ended (the org requires its provider). */
    private readonly sessionsEnded: (sessionIds: string[]) => Promise<void> = async () => {},
  ) {}

  private now() {
    return this.orgs.clock.now();
  }

  list(actorId: string, orgId: string) {
    return this.orgs.read(orgId, actorId, 'domains:manage', async ({ scoped }) => ({
      domains: (await scoped.domains.list()).map(toDomain),
      nextCursor: null,
    }));
  }

  add(
    actorId: string,
    orgId: string,
    input: { domain: string; mode?: DomainMode | undefined },
    context: RequestContext,
  ) {
    return this.orgs.write(orgId, actorId, 'domains:manage', context, async (work) => {
      // Validated after the membership check: a non-member learns nothing, not even "bad input".
      const domain = normalizeDomain(input.domain);
      const existing = await work.scoped.domains.list();
      if (existing.some((d) => d.domain === domain)) {
        throw new AuthkitError('domain_taken', 'this org already added that domain', {
          field: 'domain',
        });
      }
      if (existing.length >= MAX_DOMAINS_PER_ORG) {
        throw new AuthkitError(
          'invalid_request',
          `an org has at most ${MAX_DOMAINS_PER_ORG} domains`,
        );
      }
      const created = await work.scoped.domains.create({
        id: newId('dom'),
        domain,
        mode: input.mode ?? 'suggest',
        verificationToken: randomToken(24),
      });
      await work.audit('domain.added', ['domain', created.id], { domain });
      return toDomain(created);
    });
  }

  /** Looks the TXT record up now; 409 `domain_not_verified` until it is published. */
  async verify(
    actorId: string,
    orgId: string,
    domainId: string,
    context: RequestContext,
    sessionId?: string,
  ) {
    const pending = await this.orgs.read(orgId, actorId, 'domains:manage', async ({ scoped }) =>
      scoped.domains.get(domainId),
    );
    if (!pending) throw noDomain();
    if (pending.verifiedAt) return toDomain(pending);
    // DNS is read outside the transaction: a slow resolver must not hold the org's lock.
    const expected = toDomain(pending).verification;
    const records = await this.dns.resolveTxt(expected.name).catch(() => [] as string[]);
    if (!records.includes(expected.value)) {
      throw new AuthkitError(
        'domain_not_verified',
        `no TXT record ${expected.name} with the value ${expected.value} was found yet`,
        { field: 'domain' },
      );
    }
    try {
      const { domain, ended } = await this.orgs.write(
        orgId,
        actorId,
        'domains:manage',
        context,
        async (work) => {
          const verified = await work.scoped.domains.markVerified(domainId, this.now());
          if (!verified) throw noDomain();
          await work.audit('domain.verified', ['domain', domainId], { domain: verified.domain });
          // An org that requires its provider now speaks for this domain's people too.
          const ended = await endSessionsOutsideRequiredSso(work, this.now(), sessionId);
          return { domain: toDomain(verified), ended };
        },
      );
      await this.sessionsEnded(ended);
      return domain;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AuthkitError('domain_taken', 'another org has verified this domain', {
          field: 'domain',
        });
      }
      throw error;
    }
  }

  update(
    actorId: string,
    orgId: string,
    domainId: string,
    mode: DomainMode,
    context: RequestContext,
  ) {
    return this.orgs.write(orgId, actorId, 'domains:manage', context, async (work) => {
      const updated = await work.scoped.domains.setMode(domainId, mode);
      if (!updated) throw noDomain();
      await work.audit('domain.updated', ['domain', domainId], { mode });
      return toDomain(updated);
    });
  }

  remove(actorId: string, orgId: string, domainId: string, context: RequestContext) {
    return this.orgs.write(orgId, actorId, 'domains:manage', context, async (work) => {
      if (!(await work.scoped.domains.delete(domainId))) throw noDomain();
      await work.audit('domain.removed', ['domain', domainId]);
    });
  }

  /** Verified domains at the caller's verified address, in orgs the caller is not in. */
  private async matching(userId: string) {
    const user = await this.orgs.store.users.findById(userId);
    if (!user?.emailVerified) return { user, domains: [] as OrgDomainRecord[] };
    const domains = await this.orgs.store.tenancy.verifiedDomains(emailDomain(user.email));
    const open: OrgDomainRecord[] = [];
    for (const d of domains) {
      if (!(await this.orgs.store.orgs.scoped(d.orgId).membership(userId))) open.push(d);
    }
    return { user, domains: open };
  }

  async suggestions(userId: string): Promise<{ suggestions: OrgSuggestion[] }> {
    const { domains } = await this.matching(userId);
    const requests = await this.orgs.store.tenancy.membershipRequestsOf(userId);
    const suggestions: OrgSuggestion[] = [];
    for (const d of domains) {
      const org = await this.orgs.store.orgs.scoped(d.orgId).get();
      if (!org) continue;
      suggestions.push({
        org: { id: org.id, slug: org.slug, name: org.name, logoUrl: org.profile.logoUrl ?? null },
        domain: d.domain,
        requested: requests.some((r) => r.orgId === org.id && r.status === 'pending'),
      });
    }
    return { suggestions };
  }

  /** Joins every `auto_join` org at the user's verified domain (called at sign-in). */
  async autoJoin(userId: string, context: RequestContext): Promise<string[]> {
    const { domains } = await this.matching(userId);
    // Someone an org removed (or turned down) joins again only by invitation.
    const refused = new Set(
      (await this.orgs.store.tenancy.membershipRequestsOf(userId))
        .filter((r) => r.status === 'rejected')
        .map((r) => r.orgId),
    );
    const joined: string[] = [];
    for (const d of domains.filter((x) => x.mode === 'auto_join' && !refused.has(x.orgId))) {
      await this.orgs.store.withLock(`org:${d.orgId}`, async (tx) => {
        const scoped = tx.orgs.scoped(d.orgId);
        const org = await scoped.get();
        if (!org || (await scoped.membership(userId))) return;
        // An org whose provider manages its members (deprovisioning on) takes people in only
        // through that provider: auto-join would undo a removal at the next password sign-in.
        const sso = await scoped.ssoConnection.get();
        if (sso?.enabled && sso.deprovision) return;
        await this.orgs.ensureSeat(scoped, org).then(
          async () => {
            await scoped.addMember(userId, ['member']);
            await orgAudit(tx, this.orgs.clock, {
              action: 'membership.added',
              actorId: userId,
              orgId: d.orgId,
              target: ['membership', userId],
              context,
              data: { roles: ['member'], via: 'domain', domain: d.domain },
            });
            joined.push(d.orgId);
          },
          () => undefined, // a full org simply does not auto-join anyone
        );
      });
      await this.orgs.identity.invalidateOrg(d.orgId);
    }
    return joined;
  }

  /** Asks to join an org suggested by its verified domain; others look like unknown orgs. */
  async request(
    userId: string,
    orgId: string,
    context: RequestContext,
  ): Promise<MembershipRequest> {
    const { user, domains } = await this.matching(userId);
    if (!user || !domains.some((d) => d.orgId === orgId)) {
      if (user && (await this.orgs.store.orgs.scoped(orgId).membership(userId))) {
        throw new AuthkitError('already_member', 'you are already a member of this org');
      }
      throw new AuthkitError('not_found', 'no such org', { field: 'orgId' });
    }
    return this.orgs.store.withLock(`org:${orgId}`, async (tx) => {
      const scoped = tx.orgs.scoped(orgId);
      if (await scoped.requests.pendingFor(userId)) {
        throw new AuthkitError('request_exists', 'you already asked to join this org');
      }
      const request = await scoped.requests.create({
        id: newSortableId('mreq', this.now()),
        userId,
      });
      await orgAudit(tx, this.orgs.clock, {
        action: 'membership_request.created',
        actorId: userId,
        orgId,
        target: ['membership_request', request.id],
        context,
        data: {},
      });
      return toRequest(request, user);
    });
  }

  listRequests(
    actorId: string,
    orgId: string,
    page: {
      cursor?: string | undefined;
      limit: number;
      status?: MembershipRequest['status'] | undefined;
    },
  ) {
    return this.orgs.read(orgId, actorId, 'members:manage', async ({ scoped }) => {
      const rows = await scoped.requests.list({ ...page, limit: page.limit + 1 });
      const membershipRequests = rows.slice(0, page.limit).map((r) => toRequest(r.request, r));
      return {
        membershipRequests,
        nextCursor:
          rows.length > page.limit ? membershipRequests[membershipRequests.length - 1]!.id : null,
      };
    });
  }

  decide(
    actorId: string,
    orgId: string,
    requestId: string,
    decision: 'accepted' | 'rejected',
    context: RequestContext,
  ): Promise<MembershipRequest> {
    return this.orgs.write(orgId, actorId, 'members:manage', context, async (work) => {
      const pending = await work.scoped.requests.get(requestId);
      if (!pending) throw new AuthkitError('not_found', 'no such request', { field: 'requestId' });
      if (decision === 'accepted' && !(await work.scoped.membership(pending.userId))) {
        await this.orgs.ensureSeat(work.scoped, work.access.org);
        await work.scoped.addMember(pending.userId, ['member']);
        await work.audit('membership.added', ['membership', pending.userId], {
          roles: ['member'],
          via: 'membership_request',
        });
      }
      const decided = await work.scoped.requests.decide(requestId, decision, actorId, this.now());
      if (!decided) {
        throw new AuthkitError('request_exists', 'this request was already decided', {
          field: 'requestId',
        });
      }
      await work.audit(`membership_request.${decision}`, ['membership_request', requestId]);
      const user = await work.tx.users.findById(decided.userId);
      return toRequest(decided, user!);
    });
  }
}

const noDomain = () => new AuthkitError('not_found', 'no such domain', { field: 'domainId' });
