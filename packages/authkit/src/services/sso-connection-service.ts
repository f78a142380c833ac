import {
  checkClaimRules,
  mapClaims,
  type ClaimRule,
  type MappedGrants,
} from '../domain/claim-mapping.js';
import { AuthkitError } from '../domain/errors.js';
import { newSortableId } from '../domain/ids.js';
import type { SsoConnectionRecord } from '../ports/sso-store.js';
import type { SecretBox } from '../tokens/secret-box.js';
import { guardOutboundUrl, type OutboundUrlPolicy } from './outbound-url-guard.js';
import { requireKnownRoles } from './org-access.js';
import type { OrgMutations } from './org-mutations.js';
import type { RequestContext } from './request-context.js';
import { endSessionsOutsideRequiredSso } from './sso-enforcement.js';
import { issuerUrl } from '../server/setting-fields.js';

/** What an org admin sees of the connection: never the secret, only whether one is set. */
export interface SsoConnectionView {
  id: string;
  orgId: string;
  name: string;
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  scopes: string[];
  defaultRole: string;
  enabled: boolean;
  required: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SsoConnectionInput {
  name?: string | undefined;
  issuer: string;
  clientId: string;
  /** Omitted: keep the stored one; null: a public client (PKCE only). */
  clientSecret?: string | null | undefined;
  scopes?: string[] | undefined;
  defaultRole?: string | undefined;
  enabled?: boolean | undefined;
  required?: boolean | undefined;
}

const PERMISSION = 'sso:manage';
const noConnection = () =>
  new AuthkitError('not_found', 'this org has no sign-in provider', { field: 'orgId' });

export interface ClaimMapping {
  rules: ClaimRule[];
  /** A sign-in that matches no rule takes the member out of the org (never an owner). */
  deprovision: boolean;
}

/** What a sign-in with these claims would do: the grants, and whether they would be a member. */
export interface MappingPreview extends MappedGrants {
  member: boolean;
}
const DEFAULT_SCOPES = ['openid', 'email', 'profile'];

export function ssoConnectionView(c: SsoConnectionRecord): SsoConnectionView {
  return {
    id: c.id,
    orgId: c.orgId,
    name: c.name,
    issuer: c.issuer,
    clientId: c.clientId,
    hasClientSecret: c.clientSecretSealed !== null,
    scopes: c.scopes,
    defaultRole: c.defaultRole,
    enabled: c.enabled,
    required: c.required,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * An org's own OpenID provider (`sso:manage`, held by owners): its issuer must be reachable over
 * https at a public address (or an allowed network), checked when saved and on every fetch.
 */
export class SsoConnectionService {
  constructor(
    private readonly orgs: OrgMutations,
    private readonly box: SecretBox,
    private readonly network: OutboundUrlPolicy,
    /** Called after a change, so cached providers are rebuilt. */
    private readonly changed: (connectionId: string) => void,
    /** Called with the sessions a change ended ("SSO required"), once it is committed. */
    private readonly sessionsEnded: (sessionIds: string[]) => Promise<void> = async () => {},
  ) {}

  get(actorId: string, orgId: string): Promise<{ connection: SsoConnectionView | null }> {
    return this.orgs.read(orgId, actorId, PERMISSION, async ({ scoped }) => {
      const found = await scoped.ssoConnection.get();
      return { connection: found ? ssoConnectionView(found) : null };
    });
  }

  /**
   * Connects or changes the provider. Turning "required" on ends the sessions at the org's
   * domains that did not come through it, except the caller's own (`sessionId`).
   */
  async put(
    actorId: string,
    orgId: string,
    input: SsoConnectionInput,
    context: RequestContext,
    sessionId?: string,
  ): Promise<SsoConnectionView> {
    const { view, ended } = await this.orgs.write(
      orgId,
      actorId,
      PERMISSION,
      context,
      async (work) => {
        // Checked after the caller's access: an outsider learns nothing, not even what is valid.
        const defaultRole = requireKnownRoles(
          work.access,
          [input.defaultRole ?? 'member'],
          'defaultRole',
        )[0]!;
        if (defaultRole === 'owner') {
          throw new AuthkitError('invalid_request', 'a sign-in cannot make anyone an owner', {
            field: 'defaultRole',
          });
        }
        if (!issuerUrl.safeParse(input.issuer).success) {
          throw new AuthkitError(
            'invalid_request',
            'issuer must be an https URL without a trailing slash, query or credentials',
            { field: 'issuer' },
          );
        }
        try {
          await guardOutboundUrl(new URL(input.issuer), this.network);
        } catch {
          // One answer whatever the reason: org owners learn nothing about this network.
          throw new AuthkitError(
            'invalid_issuer',
            'the issuer must be reached over https at a public address',
            { field: 'issuer' },
          );
        }
        const current = await work.scoped.ssoConnection.get();
        // The stored secret belongs to that issuer and client: never sent anywhere else.
        const moved =
          current && (current.issuer !== input.issuer || current.clientId !== input.clientId);
        if (moved && current.clientSecretSealed && input.clientSecret === undefined) {
          throw new AuthkitError(
            'invalid_request',
            'a new issuer or client id needs its client secret (or null for a public client)',
            { field: 'clientSecret' },
          );
        }
        const sealed =
          input.clientSecret === undefined
            ? (current?.clientSecretSealed ?? null)
            : input.clientSecret === null
              ? null
              : await this.box.seal(input.clientSecret);
        const now = this.orgs.clock.now();
        const saved = await work.scoped.ssoConnection.put(
          {
            id: current?.id ?? newSortableId('ssoc', now),
            name: input.name ?? current?.name ?? 'Single sign-on',
            issuer: input.issuer,
            clientId: input.clientId,
            clientSecretSealed: sealed,
            scopes: input.scopes ?? current?.scopes ?? DEFAULT_SCOPES,
            defaultRole,
            enabled: input.enabled ?? current?.enabled ?? true,
            required: input.required ?? current?.required ?? false,
            createdBy: actorId,
          },
          now,
        );
        await work.audit(
          current ? 'sso_connection.updated' : 'sso_connection.created',
          ['sso_connection', saved.id],
          {
            issuer: saved.issuer,
            enabled: saved.enabled,
            required: saved.required,
            secretChanged: input.clientSecret !== undefined,
          },
        );
        // Newly required (or moved to another issuer while required): the old ways in end now.
        const enforced = saved.enabled && saved.required;
        const wasEnforced = Boolean(current?.enabled && current.required) && !moved;
        const ended =
          enforced && !wasEnforced
            ? await endSessionsOutsideRequiredSso(work, now, sessionId, !moved)
            : [];
        return { view: ssoConnectionView(saved), ended };
      },
    );
    this.changed(view.id);
    await this.sessionsEnded(ended);
    return view;
  }

  mapping(actorId: string, orgId: string): Promise<ClaimMapping> {
    return this.orgs.read(orgId, actorId, PERMISSION, async ({ scoped }) => {
      const found = await scoped.ssoConnection.get();
      if (!found) throw noConnection();
      return { rules: found.claimRules, deprovision: found.deprovision };
    });
  }

  /** Replaces the rules; each role must be the org's (never owner), each group one of its groups. */
  setMapping(
    actorId: string,
    orgId: string,
    input: ClaimMapping,
    context: RequestContext,
  ): Promise<ClaimMapping> {
    return this.orgs.write(orgId, actorId, PERMISSION, context, async (work) => {
      if (!(await work.scoped.ssoConnection.get())) throw noConnection();
      const rules = checkClaimRules(input.rules);
      for (const [i, rule] of rules.entries()) {
        requireKnownRoles(work.access, rule.roles, `rules.${i}.roles`);
        for (const [j, group] of rule.groups.entries()) {
          if (!(await work.scoped.groups.get(group))) {
            throw new AuthkitError('not_found', 'no such group in this org', {
              field: `rules.${i}.groups.${j}`,
            });
          }
        }
      }
      const saved = await work.scoped.ssoConnection.setMapping(
        { claimRules: rules, deprovision: input.deprovision },
        this.orgs.clock.now(),
      );
      if (!saved) throw noConnection();
      await work.audit('sso_connection.mapping_updated', ['sso_connection', saved.id], {
        rules: rules.length,
        deprovision: input.deprovision,
      });
      this.changed(saved.id);
      return { rules: saved.claimRules, deprovision: saved.deprovision };
    });
  }

  /**
   * What a sign-in with `claims` would be granted, under the saved rules or `mapping` (to try
   * an edit before saving). Nothing is written.
   */
  preview(
    actorId: string,
    orgId: string,
    claims: Record<string, unknown>,
    mapping?: ClaimMapping,
  ): Promise<MappingPreview> {
    return this.orgs.read(orgId, actorId, PERMISSION, async ({ scoped }) => {
      const found = await scoped.ssoConnection.get();
      if (!found) throw noConnection();
      const rules = mapping ? checkClaimRules(mapping.rules) : found.claimRules;
      const deprovision = mapping ? mapping.deprovision : found.deprovision;
      const grants = mapClaims(rules, claims);
      const member = !(deprovision && rules.length > 0 && grants.matched.length === 0);
      return {
        ...grants,
        roles: member ? [...new Set([found.defaultRole, ...grants.roles])].sort() : [],
        member,
      };
    });
  }

  delete(actorId: string, orgId: string, context: RequestContext): Promise<void> {
    return this.orgs.write(orgId, actorId, PERMISSION, context, async (work) => {
      const current = await work.scoped.ssoConnection.get();
      if (!current || !(await work.scoped.ssoConnection.delete())) {
        throw new AuthkitError('not_found', 'this org has no sign-in provider', {
          field: 'orgId',
        });
      }
      await work.audit('sso_connection.deleted', ['sso_connection', current.id]);
      this.changed(current.id);
    });
  }
}
