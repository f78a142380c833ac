import type { Context } from 'hono';
import type { MfaChallenge } from '../domain/account-security.js';
import type { SessionPayload } from '../domain/types.js';
import type { UserRecord } from '../ports/store.js';
import { toUser } from '../services/session-records.js';
import { toSession, type IssuedTokens } from '../services/session-service.js';
import { PENDING_SECONDS, type FirstFactorOutcome } from '../services/second-factor-flow.js';
import type { AppEnv } from './app-env.js';
import { clearFlowCookie, PENDING_COOKIE, setFlowCookie } from './cookies.js';
import { isSecureRequest, writeSessionCookies } from './session-auth.js';

const flowCookie = (c: Context<AppEnv>) => ({
  basePath: c.var.rt.settings.basePath,
  secure: isSecureRequest(c),
});

/** A finished sign-in: session cookies set, any pending state cleared, the session payload. */
export async function signedIn(
  c: Context<AppEnv>,
  user: UserRecord,
  tokens: IssuedTokens,
): Promise<SessionPayload> {
  writeSessionCookies(c, tokens);
  if (c.req.header('cookie')?.includes(`${PENDING_COOKIE}=`)) {
    clearFlowCookie(c, PENDING_COOKIE, flowCookie(c));
  }
  const org = await c.var.rt.identity.activeOrg(user.id, tokens.session.activeOrgId);
  return { user: toUser(user), session: toSession(tokens.session, tokens.session.id), org };
}

/** After a first factor: the session payload, or the MFA challenge with its pending cookie. */
export async function firstFactorAnswer(
  c: Context<AppEnv>,
  outcome: FirstFactorOutcome,
): Promise<SessionPayload | MfaChallenge> {
  if (outcome.kind === 'session') return signedIn(c, outcome.user, outcome.tokens);
  setFlowCookie(c, PENDING_COOKIE, outcome.pendingToken, {
    ...flowCookie(c),
    maxAge: PENDING_SECONDS,
  });
  return outcome.challenge;
}
