import { AuthkitError } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { StorePort, UserRecord } from '../ports/store.js';
import { recordEvent } from './event-recorder.js';
import { requirePlatform } from './platform-access.js';
import type { RequestContext } from './request-context.js';
import type { IssuedTokens, SessionService } from './session-service.js';

export interface ImpersonationOptions {
  ttlSeconds: number;
  allowImpersonatingAdmins: boolean;
}

/**
 * An admin opens a short session as a user; its tokens carry `act: { sub: admin }` (RFC 8693), it
 * never counts as the user's activity, and start and stop are both audited under the admin.
 */
export class Impersonation {
  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly options: ImpersonationOptions,
  ) {}

  async start(
    adminId: string,
    adminSessionId: string,
    userId: string,
    context: RequestContext,
  ): Promise<{ tokens: IssuedTokens; user: UserRecord }> {
    await requirePlatform((id) => this.sessions.platformRoles(id), adminId, 'write');
    if (adminId === userId) {
      throw new AuthkitError('impersonation_forbidden', 'you cannot impersonate yourself');
    }
    const adminSession = await this.store.sessions.findById(adminSessionId);
    // No chains: an impersonation session cannot open another one.
    if (!adminSession || adminSession.impersonatorId) {
      throw new AuthkitError('impersonation_forbidden', 'stop impersonating first');
    }
    const user = await this.store.users.findById(userId);
    if (!user) throw new AuthkitError('not_found', 'no such user', { field: 'userId' });
    if (user.platformRoles.length > 0 && !this.options.allowImpersonatingAdmins) {
      throw new AuthkitError(
        'impersonation_forbidden',
        'users with a platform role cannot be impersonated',
        { field: 'userId' },
      );
    }
    const key = await this.sessions.signingKey();
    const tokens = await this.store.transaction(async (tx) => {
      const issued = await this.sessions.start(tx, user, context, ['imp'], key, {
        impersonation: { adminId, ttlSeconds: this.options.ttlSeconds },
      });
      await recordEvent(tx, this.clock, {
        action: 'user.impersonation_started',
        actorType: 'user',
        actorId: adminId,
        targetType: 'user',
        targetId: user.id,
        data: {
          sessionId: issued.session.id,
          adminSessionId,
          expiresAt: issued.session.expiresAt.toISOString(),
        },
        context,
      });
      return issued;
    });
    return { tokens, user };
  }

  /** Ends the impersonation session; answers the admin's id (their own session is untouched). */
  async stop(sessionId: string, context: RequestContext): Promise<string> {
    const session = await this.store.sessions.findById(sessionId);
    if (!session?.impersonatorId) {
      throw new AuthkitError('invalid_request', 'this session is not an impersonation');
    }
    const adminId = session.impersonatorId;
    await this.sessions.revoke(sessionId);
    await this.store.transaction((tx) =>
      recordEvent(tx, this.clock, {
        action: 'user.impersonation_stopped',
        actorType: 'user',
        actorId: adminId,
        targetType: 'user',
        targetId: session.userId,
        data: { sessionId },
        context,
      }),
    );
    return adminId;
  }
}
