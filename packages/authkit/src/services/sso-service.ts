import { AuthkitError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { isEmailShape, normalizeEmail } from '../domain/email.js';
import type { RequestContext } from './request-context.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiterPort } from '../ports/rate-limit.js';
import type { UserIdentityRecord } from '../ports/identity-store.js';
import type { FederatedIdentity } from '../ports/idp.js';
import type { StorePort, UserRecord } from '../ports/store.js';
import { sha256Hex } from '../tokens/sha256.js';
import { constantTimeEqual } from './one-time-tokens.js';
import { recordEvent } from './event-recorder.js';
import { isUniqueViolation } from './unique-violation.js';
import { provisionMembership } from './sso-provisioning.js';
import type { OrgMutations } from './org-mutations.js';
import type { SsoConnection, SsoConnections } from './sso-connections.js';

/** A sign-in at the provider has this long to come back. */
const FLOW_SECONDS = 600;

/** What the callback needs, kept server-side under the hash of `state`. */
interface FlowData {
  connectionId: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Set when a signed-in user links another identity (the confirmation step). */
  linkUserId?: string;
}

export interface SsoOutcome {
  connectionId: string;
  user: UserRecord;
  identity: FederatedIdentity;
  returnTo: string;
  /** A signed-in user linked an identity: no new session. */
  linked: boolean;
  /** The user was made by this sign-in (just-in-time). */
  created: boolean;
}

export interface IdentityView {
  id: string;
  connectionId: string;
  provider: string;
  issuer: string;
  email: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

const domainMismatch = () =>
  new AuthkitError(
    'sso_domain_mismatch',
    "this provider signs in only addresses at its org's verified domains",
    { field: 'email' },
  );

/** What is kept of a provider's claims per identity; larger sets keep only the usual names. */
const MAX_CLAIMS_BYTES = 16 * 1024;
const KEPT_CLAIMS = ['sub', 'iss', 'email', 'email_verified', 'name', 'groups', 'roles'];

/** A provider's answer made safe to store: a sane email (or none) and bounded claims. */
function checked(identity: FederatedIdentity): FederatedIdentity {
  const email = identity.email?.trim() ?? null;
  if (email !== null && !isEmailShape(email)) {
    throw new AuthkitError('sso_failed', 'the provider sent an email address that is not one', {
      field: 'email',
    });
  }
  const claims =
    JSON.stringify(identity.claims).length <= MAX_CLAIMS_BYTES
      ? identity.claims
      : Object.fromEntries(
          KEPT_CLAIMS.flatMap((k) =>
            Object.hasOwn(identity.claims, k) ? [[k, identity.claims[k]]] : [],
          ),
        );
  const name = identity.name?.replace(/\p{Cc}/gu, '').slice(0, 200) ?? null;
  return { ...identity, email, name, claims };
}

const stateFailure = () =>
  new AuthkitError('sso_failed', 'this sign-in is not one this browser started, or it expired', {
    field: 'state',
  });

/**
 * Sign-in through upstream OpenID providers: the redirect (state, nonce and PKCE kept here, bound
 * to the browser), the callback, and who the identity is here: the user it is linked to; else
 * the user with that email when the provider vouches for it (`email_verified`); else a new user.
 * An unverified email that matches an account needs that account's owner to link it while
 * signed in: nobody takes over an account by naming its address at a provider.
 */
export class SsoService {
  private readonly store: StorePort;
  private readonly clock: Clock;

  constructor(
    private readonly orgs: OrgMutations,
    readonly connections: SsoConnections,
    /** Starts per client address: each one stores a flow row and calls the provider. */
    private readonly startsPerIp?: RateLimiterPort,
    /** `POST /sso/route` lookups per client address. */
    private readonly routesPerIp?: RateLimiterPort,
  ) {
    this.store = orgs.store;
    this.clock = orgs.clock;
  }

  providers(): Array<{ id: string; name: string }> {
    return this.connections.platformProviders();
  }

  /** The org provider for this address's verified domain, if one is connected. */
  async route(
    email: string,
    ip?: string | null,
  ): Promise<{ id: string; name: string; required: boolean } | null> {
    // Unauthenticated and a database join each: limited per client address like starts.
    const limited = await this.routesPerIp?.consume(ip ?? 'unknown');
    if (limited && !limited.allowed) {
      throw new AuthkitError('rate_limited', 'too many lookups; try again later', {
        retryAfter: limited.retryAfterSeconds,
      });
    }
    const found = await this.connections.forEmail(normalizeEmail(email));
    return found ? { id: found.id, name: found.name, required: found.required } : null;
  }

  /**
   * Refuses a password or email-link sign-in at a domain whose org requires its provider
   * (`sso_required`). Platform operators keep their own way in.
   */
  async refuseWhenRequired(email: string): Promise<void> {
    const found = await this.connections.forEmail(normalizeEmail(email));
    if (!found?.required) return;
    const user = await this.store.users.findByEmail(normalizeEmail(email));
    if (user && user.platformRoles.length > 0) return;
    // The client finds which provider through POST /sso/route.
    throw new AuthkitError('sso_required', `sign in with ${found.name}`, { field: 'email' });
  }

  private async connection(id: string): Promise<SsoConnection> {
    const found = await this.connections.get(id);
    if (!found) {
      throw new AuthkitError('not_found', 'no such sign-in provider', { field: 'connectionId' });
    }
    return found;
  }

  /** The provider's URL for this browser; `binding` is the value of its flow cookie. */
  async start(
    connectionId: string,
    input: {
      redirectUri: string;
      returnTo: string;
      binding: string;
      loginHint?: string | undefined;
      linkUserId?: string | undefined;
      ip?: string | null;
    },
  ): Promise<string> {
    const { idp } = await this.connection(connectionId);
    const limited = await this.startsPerIp?.consume(input.ip ?? 'unknown');
    if (limited && !limited.allowed) {
      throw new AuthkitError('rate_limited', 'too many sign-in attempts; try again later', {
        retryAfter: limited.retryAfterSeconds,
      });
    }
    const request = await idp.authorize({
      redirectUri: input.redirectUri,
      loginHint: input.loginHint,
    });
    const data: FlowData = {
      connectionId,
      nonce: request.nonce,
      codeVerifier: request.codeVerifier,
      returnTo: input.returnTo,
      ...(input.linkUserId ? { linkUserId: input.linkUserId } : {}),
    };
    await this.store.account.tokens.create({
      id: newId('ott'),
      purpose: 'sso_state',
      tokenHash: await sha256Hex(request.state),
      userId: input.linkUserId ?? null,
      email: null,
      expiresAt: new Date(this.clock.now().getTime() + FLOW_SECONDS * 1000),
      bindingHash: await sha256Hex(input.binding),
      data: { ...data },
    });
    return request.url;
  }

  /**
   * The provider's answer: the flow is used up first (a replayed callback finds nothing), the
   * browser must be the one that started it, then the code is redeemed and the identity found.
   */
  async callback(
    callbackUrl: URL,
    input: { redirectUri: string; binding: string | undefined; signedInUserId: string | null },
    context: RequestContext,
  ): Promise<SsoOutcome> {
    const state = callbackUrl.searchParams.get('state');
    if (!state || state.length > 512) throw stateFailure();
    const record = await this.store.account.tokens.find('sso_state', await sha256Hex(state));
    const now = this.clock.now();
    if (!record || record.usedAt || record.expiresAt <= now) throw stateFailure();
    if (!(await this.store.account.tokens.consume(record.id, now))) throw stateFailure();
    const binding = input.binding ? await sha256Hex(input.binding) : '';
    if (!record.bindingHash || !constantTimeEqual(binding, record.bindingHash)) {
      throw stateFailure();
    }
    const data = record.data as unknown as FlowData;
    const connection = await this.connection(data.connectionId);
    const { idp } = connection;
    const identity = checked(
      await idp.callback({
        callbackUrl,
        redirectUri: input.redirectUri,
        state,
        nonce: data.nonce,
        codeVerifier: data.codeVerifier,
      }),
    );
    if (data.linkUserId) {
      // The link is for the user who asked, still signed in here.
      if (input.signedInUserId !== data.linkUserId) throw stateFailure();
      const user = await this.link(connection, checked(identity), data.linkUserId, context);
      return {
        connectionId: idp.id,
        user,
        identity,
        returnTo: data.returnTo,
        linked: true,
        created: false,
      };
    }
    await this.refuseOtherThanRequired(connection, identity.email);
    const { user, created } = await this.resolve(connection, identity, context);
    if (connection.orgId) {
      await provisionMembership(this.orgs, connection, user.id, identity.claims, context);
    }
    return {
      connectionId: idp.id,
      user,
      identity,
      returnTo: data.returnTo,
      linked: false,
      created,
    };
  }

  private async resolve(
    connection: SsoConnection,
    identity: FederatedIdentity,
    context: RequestContext,
  ): Promise<{ user: UserRecord; created: boolean }> {
    const known = await this.store.identities.find(identity.issuer, identity.subject);
    if (known) {
      const user = await this.store.users.findById(known.userId);
      if (!user) throw stateFailure();
      // An identity linked through another connection (a shared issuer) joins this org only
      // at the org's own domains: a link elsewhere is no ticket in.
      if (
        connection.orgId &&
        known.connectionId !== connection.idp.id &&
        !(identity.email && (await this.inVerifiedDomain(connection.orgId, identity.email)))
      ) {
        throw domainMismatch();
      }
      await this.store.identities.touch(known.id, this.clock.now(), {
        email: identity.email,
        claims: identity.claims,
      });
      return { user, created: false };
    }
    if (!identity.email) {
      throw new AuthkitError('sso_failed', 'the provider did not share an email address', {
        field: 'email',
      });
    }
    const email = normalizeEmail(identity.email);
    // An org's provider speaks only for its org's verified domains, and for those it is the
    // authority: a domain's owner vouches for its addresses.
    const vouched = connection.orgId
      ? await this.inVerifiedDomain(connection.orgId, email)
      : identity.emailVerified;
    const existing = await this.store.users.findByEmail(email);
    if (existing) {
      // Nobody's org takes over a platform operator's account by naming its address, and an
      // account whose owner never proved the address may be someone who registered it first:
      // its owner links the provider while signed in, or proves the address (a reset) first.
      const operator = connection.orgId !== null && existing.platformRoles.length > 0;
      if (!vouched || operator || !existing.emailVerified) {
        throw new AuthkitError(
          'link_confirmation_required',
          'an account with this email exists: sign in to it and link this provider from your account',
          { field: 'email' },
        );
      }
      return {
        user: await this.link(connection, identity, existing.id, context),
        created: false,
      };
    }
    if (connection.orgId && !vouched) throw domainMismatch();
    return {
      user: await this.provision(
        connection,
        { ...identity, emailVerified: vouched },
        email,
        context,
      ),
      created: true,
    };
  }

  /**
   * A domain whose org requires its own provider signs in only there: another provider (the
   * platform's, another org's) is refused before any account is made or linked.
   */
  private async refuseOtherThanRequired(connection: SsoConnection, email: string | null) {
    if (!email) return;
    const required = await this.connections.forEmail(normalizeEmail(email));
    if (!required?.required || required.id === connection.idp.id) return;
    const user = await this.store.users.findByEmail(normalizeEmail(email));
    if (user && user.platformRoles.length > 0) return;
    throw new AuthkitError('sso_required', `sign in with ${required.name}`, { field: 'email' });
  }

  private async inVerifiedDomain(orgId: string, email: string): Promise<boolean> {
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const verified = await this.store.tenancy.verifiedDomains(domain);
    return verified.some((d) => d.orgId === orgId);
  }

  /** A new user from the provider's claims (just-in-time), with the identity linked. */
  private async provision(
    connection: SsoConnection,
    identity: FederatedIdentity,
    email: string,
    context: RequestContext,
  ): Promise<UserRecord> {
    try {
      return await this.store.transaction(async (tx) => {
        const user = await tx.users.create({
          id: newId('usr'),
          email,
          name: identity.name?.slice(0, 200) ?? null,
          passwordHash: null,
          emailVerified: identity.emailVerified,
        });
        await this.createIdentity(tx, connection, identity, user.id);
        await recordEvent(tx, this.clock, {
          action: 'user.created',
          actorType: 'user',
          actorId: user.id,
          targetType: 'user',
          targetId: user.id,
          data: { via: 'sso', connectionId: connection.idp.id },
          context,
        });
        return user;
      });
    } catch (error) {
      // Two first sign-ins at once: the loser finds what the winner made.
      if (isUniqueViolation(error)) {
        return (await this.resolve(connection, identity, context)).user;
      }
      throw error;
    }
  }

  private async link(
    connection: SsoConnection,
    identity: FederatedIdentity,
    userId: string,
    context: RequestContext,
  ): Promise<UserRecord> {
    const known = await this.store.identities.find(identity.issuer, identity.subject);
    if (known && known.userId !== userId) {
      throw new AuthkitError(
        'link_confirmation_required',
        'this provider account is linked to another user',
        { field: 'subject' },
      );
    }
    const user = await this.store.users.findById(userId);
    if (!user) throw stateFailure();
    if (known) return user;
    await this.store.transaction(async (tx) => {
      const made = await this.createIdentity(tx, connection, identity, userId).catch(
        async (error: unknown) => {
          // Two first sign-ins at once: the other one linked it; fine if to the same user.
          if (!isUniqueViolation(error)) throw error;
          const winner = await this.store.identities.find(identity.issuer, identity.subject);
          if (winner?.userId !== userId) throw error;
          return null;
        },
      );
      if (!made) return;
      await recordEvent(tx, this.clock, {
        action: 'user.identity_linked',
        actorType: 'user',
        actorId: userId,
        targetType: 'user',
        targetId: userId,
        data: { identityId: made.id, connectionId: connection.idp.id, issuer: identity.issuer },
        context,
      });
    });
    return user;
  }

  private createIdentity(
    tx: StorePort,
    connection: SsoConnection,
    identity: FederatedIdentity,
    userId: string,
  ): Promise<UserIdentityRecord> {
    return tx.identities.create({
      id: newId('idn'),
      userId,
      connectionId: connection.idp.id,
      issuer: identity.issuer,
      subject: identity.subject,
      email: identity.email,
      claims: identity.claims,
    });
  }

  async list(userId: string): Promise<IdentityView[]> {
    const rows = await this.store.identities.listForUser(userId);
    const names = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.connectionId))) {
      const found = await this.connections.get(id).catch(() => null);
      if (found) names.set(id, found.idp.name);
    }
    return rows.map((row) => ({
      id: row.id,
      connectionId: row.connectionId,
      provider: names.get(row.connectionId) ?? row.issuer,
      issuer: row.issuer,
      email: row.email,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    }));
  }

  /**
   * Unlinks an identity, never the last way in: a password, a passkey, email sign-in links (on
   * a verified address) or another identity must remain.
   */
  async unlink(
    userId: string,
    identityId: string,
    context: RequestContext,
    options: { magicLinks: boolean },
  ): Promise<void> {
    const [user, identities, passkeys] = await Promise.all([
      this.store.users.findById(userId),
      this.store.identities.listForUser(userId),
      this.store.account.passkeys.listForUser(userId),
    ]);
    if (!user || !identities.some((i) => i.id === identityId)) {
      throw new AuthkitError('not_found', 'no such identity', { field: 'identityId' });
    }
    const others =
      (user.passwordHash ? 1 : 0) +
      passkeys.length +
      (options.magicLinks && user.emailVerified ? 1 : 0) +
      identities.length -
      1;
    if (others < 1) {
      throw new AuthkitError(
        'last_sign_in_method',
        'this is your only way to sign in: set a password or add a passkey first',
        { field: 'identityId' },
      );
    }
    await this.store.transaction(async (tx) => {
      if (!(await tx.identities.delete(userId, identityId))) {
        throw new AuthkitError('not_found', 'no such identity', { field: 'identityId' });
      }
      await recordEvent(tx, this.clock, {
        action: 'user.identity_unlinked',
        actorType: 'user',
        actorId: userId,
        targetType: 'user',
        targetId: userId,
        data: { identityId },
        context,
      });
    });
  }

  /** Where to send the browser to end its session at the provider too (null: nowhere). */
  async logoutUrl(connectionId: string, postLogoutRedirectUri: string): Promise<string | null> {
    return (await this.connection(connectionId)).idp.logoutUrl({ postLogoutRedirectUri });
  }
}
