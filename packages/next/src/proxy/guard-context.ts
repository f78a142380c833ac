import type { AccessTokenClaims } from '@catalyst/authkit/edge';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { forwardHeaders } from './forward-headers.js';
import type { TokenDecision } from './token-decoder.js';

export interface GuardContext {
  claims: AccessTokenClaims | null;
  /** `NextResponse.next()` carrying the forwarded identity headers: return it to continue. */
  next(): NextResponse;
}

/** An app's own proxy logic, run after the guard lets the request through. */
export type ProxyHandler = (
  request: NextRequest,
  context: GuardContext,
  event?: NextFetchEvent,
) => Response | undefined | Promise<Response | undefined>;

/** What both guards do once the token is decoded: build the context and a way to continue. */
export function guardContext(
  request: NextRequest,
  decision: TokenDecision,
  url: string,
  handler: ProxyHandler | undefined,
  event: NextFetchEvent | undefined,
): { claims: AccessTokenClaims | null; proceed: () => Promise<Response> } {
  const claims = decision.status === 'valid' ? decision.claims : null;
  const headers = forwardHeaders(request, claims, url);
  const context: GuardContext = { claims, next: () => NextResponse.next({ request: { headers } }) };
  return {
    claims,
    proceed: async () => (await handler?.(request, context, event)) ?? context.next(),
  };
}
