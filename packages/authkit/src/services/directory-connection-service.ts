import { AuthkitError } from '../domain/errors.js';
import { newSortableId } from '../domain/ids.js';
import type { DirectoryProvider } from '../ports/directory-store.js';
import type { SecretBox } from '../tokens/secret-box.js';
import { issuerUrl } from '../server/setting-fields.js';
import {
  directoryConnectionView,
  type DirectoryConnectionView,
} from './directory-connection-view.js';
import { requireKnownRoles } from './org-access.js';
import type { OrgMutations } from './org-mutations.js';
import { guardOutboundUrl, type OutboundUrlPolicy } from './outbound-url-guard.js';
import type { RequestContext } from './request-context.js';

export interface DirectoryConnectionInput {
  provider: DirectoryProvider;
  /** The directory's origin (`https://auth.example.com`); the adapter adds the API path. */
  baseUrl: string;
  /** Keycloak: the realm to read. */
  realm?: string | null | undefined;
  /** Keycloak: a confidential client with `view-users`. */
  clientId?: string | null | undefined;
  /** Authentik's API token or Keycloak's client secret; omitted keeps the stored one. */
  credential?: string | undefined;
  defaultRole?: string | undefined;
  /** Minutes between scheduled runs (15 to 10,080); null: on demand only. */
  intervalMinutes?: number | null | undefined;
  deprovision?: boolean | undefined;
  enabled?: boolean | undefined;
}

const PERMISSION = 'directory:manage';
const REALM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const noDirectory = () =>
  new AuthkitError('not_found', 'this org has no directory', { field: 'orgId' });
const invalid = (field: string, message: string) =>
  new AuthkitError('invalid_request', message, { field });

/**
 * An org's directory (`directory:manage`, held by owners: a sync adds and removes members). The
 * address must be https at a public address (or an allowed network), checked when saved and at
 * every run; the credential is sealed under the root secret and never returned.
 */
export class DirectoryConnectionService {
  constructor(
    private readonly orgs: OrgMutations,
    private readonly box: SecretBox,
    private readonly network: OutboundUrlPolicy,
  ) {}

  get(actorId: string, orgId: string): Promise<{ connection: DirectoryConnectionView | null }> {
    return this.orgs.read(orgId, actorId, PERMISSION, async ({ scoped }) => {
      const found = await scoped.directory.get();
      return {
        connection: found ? directoryConnectionView(found, this.orgs.clock.now()) : null,
      };
    });
  }

  put(
    actorId: string,
    orgId: string,
    input: DirectoryConnectionInput,
    context: RequestContext,
  ): Promise<DirectoryConnectionView> {
    return this.orgs.write(orgId, actorId, PERMISSION, context, async (work) => {
      // Checked after the caller's access: an outsider learns nothing, not even what is valid.
      if (input.provider !== 'authentik' && input.provider !== 'keycloak') {
        throw invalid('provider', 'provider is authentik or keycloak');
      }
      const defaultRole = requireKnownRoles(
        work.access,
        [input.defaultRole ?? 'member'],
        'defaultRole',
      )[0]!;
      if (defaultRole === 'owner') {
        throw invalid('defaultRole', 'a directory cannot make anyone an owner');
      }
      const baseUrl = input.baseUrl.replace(/\/+$/, '');
      if (!issuerUrl.safeParse(baseUrl).success) {
        throw invalid('baseUrl', 'baseUrl must be an https URL without a query or credentials');
      }
      try {
        await guardOutboundUrl(new URL(baseUrl), this.network);
      } catch {
        // One answer whatever the reason: org owners learn nothing about this network.
        throw new AuthkitError(
          'invalid_issuer',
          'the directory must be reached over https at a public address',
          { field: 'baseUrl' },
        );
      }
      const keycloak = input.provider === 'keycloak';
      const realm = keycloak ? (input.realm ?? null) : null;
      const clientId = keycloak ? (input.clientId ?? null) : null;
      if (keycloak && (realm === null || !REALM.test(realm))) {
        throw invalid('realm', 'a Keycloak realm name: letters, digits, _ . and -');
      }
      if (keycloak && !clientId) throw invalid('clientId', 'Keycloak needs a client id');
      const current = await work.scoped.directory.get();
      // The stored credential belongs to that directory and client: never sent anywhere else.
      const moved =
        !current ||
        current.provider !== input.provider ||
        current.baseUrl !== baseUrl ||
        current.realm !== realm ||
        current.clientId !== clientId;
      if (moved && input.credential === undefined) {
        throw invalid(
          'credential',
          current
            ? 'a new directory address or client needs its credential again'
            : 'the directory needs a credential',
        );
      }
      if (current && moved) await work.scoped.directory.clearLinks();
      const interval =
        input.intervalMinutes === undefined
          ? (current?.intervalMinutes ?? null)
          : input.intervalMinutes;
      const now = this.orgs.clock.now();
      // A new schedule starts with a run soon; an unchanged one keeps its place.
      const nextRunAt =
        interval === null
          ? null
          : current?.nextRunAt && current.intervalMinutes === interval
            ? current.nextRunAt
            : now;
      const saved = await work.scoped.directory.put(
        {
          id: current?.id ?? newSortableId('dir', now),
          provider: input.provider,
          baseUrl,
          realm,
          clientId,
          credentialSealed:
            input.credential === undefined
              ? current!.credentialSealed
              : await this.box.seal(input.credential),
          defaultRole,
          intervalMinutes: interval,
          deprovision: input.deprovision ?? current?.deprovision ?? true,
          enabled: input.enabled ?? current?.enabled ?? true,
          createdBy: actorId,
          nextRunAt,
        },
        now,
      );
      await work.audit(
        current ? 'directory_connection.updated' : 'directory_connection.created',
        ['directory_connection', saved.id],
        {
          provider: saved.provider,
          baseUrl: saved.baseUrl,
          enabled: saved.enabled,
          intervalMinutes: saved.intervalMinutes,
          credentialChanged: input.credential !== undefined,
        },
      );
      return directoryConnectionView(saved, now);
    });
  }

  /** Disconnects the directory; members, accounts and mirrored groups stay as they are. */
  delete(actorId: string, orgId: string, context: RequestContext): Promise<void> {
    return this.orgs.write(orgId, actorId, PERMISSION, context, async (work) => {
      const current = await work.scoped.directory.get();
      if (!current || !(await work.scoped.directory.delete())) throw noDirectory();
      await work.audit('directory_connection.deleted', ['directory_connection', current.id]);
    });
  }
}
