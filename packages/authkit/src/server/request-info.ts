import type { RequestContext } from '../services/request-context.js';
import { isTrustedPeer, resolveClientAddress, type ProxyTrust } from './client-address.js';

/** What the embedding server knows about the connection. */
export interface ConnectionInfo {
  /** The peer that connected to us: the socket address (the Node adapter passes it). */
  ip?: string | null;
  /**
   * The `X-Forwarded-For` chain in front of that peer, for adapters that had to take the peer
   * from the header themselves (Next). Default: the request's own header.
   */
  forwardedFor?: string | null;
}

const USER_AGENT_MAX = 512;
// A caller's request id is kept only when it is short and plain; anything else gets a fresh one.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(request: Request): string {
  const sent = request.headers.get('x-request-id');
  return sent && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}

function forwardedChain(request: Request, info: ConnectionInfo | undefined): string | null {
  return info?.forwardedFor !== undefined
    ? info.forwardedFor
    : request.headers.get('x-forwarded-for');
}

/** The client's address (see `resolveClientAddress`) and user agent. */
export function requestContext(
  request: Request,
  info: ConnectionInfo | undefined,
  trust: ProxyTrust,
): RequestContext {
  return {
    ip: resolveClientAddress(info?.ip, forwardedChain(request, info), trust),
    userAgent: request.headers.get('user-agent')?.slice(0, USER_AGENT_MAX) ?? null,
    requestId: requestIdOf(request),
  };
}

function firstValue(value: string | null): string | null {
  const first = value?.split(',')[0]?.trim();
  return first ? first : null;
}

/**
 * The origin the client used: the request URL, corrected by `X-Forwarded-Proto` / `-Host` only
 * when the peer is a trusted proxy.
 */
export function requestOrigin(
  request: Request,
  info: ConnectionInfo | undefined,
  trust: ProxyTrust,
): string {
  const url = new URL(request.url);
  if (isTrustedPeer(info?.ip, trust)) {
    const proto = firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase();
    const host = firstValue(request.headers.get('x-forwarded-host'));
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) {
      try {
        url.host = host;
      } catch {
        // a malformed host header from the proxy: keep the request's own
      }
    }
  }
  return url.origin;
}
