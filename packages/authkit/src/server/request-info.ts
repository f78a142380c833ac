import type { RequestContext } from '../services/request-context.js';

/** What the embedding server knows about the connection (the Node adapter passes the socket IP). */
export interface ConnectionInfo {
  ip?: string | null;
}

function firstForwarded(value: string | null): string | null {
  const first = value?.split(',')[0]?.trim();
  return first ? first : null;
}

/** The client's IP and user agent. Forwarded headers count only when the proxy is trusted. */
export function requestContext(
  request: Request,
  info: ConnectionInfo | undefined,
  trustProxy: boolean,
): RequestContext {
  const forwarded = trustProxy
    ? (firstForwarded(request.headers.get('x-forwarded-for')) ?? request.headers.get('x-real-ip'))
    : null;
  return {
    ip: forwarded ?? info?.ip ?? null,
    userAgent: request.headers.get('user-agent')?.slice(0, 512) ?? null,
  };
}

/** The origin the client used: the request URL, or X-Forwarded-Proto/Host from a trusted proxy. */
export function requestOrigin(request: Request, trustProxy: boolean): string {
  const url = new URL(request.url);
  if (trustProxy) {
    const proto = firstForwarded(request.headers.get('x-forwarded-proto'));
    const host = firstForwarded(request.headers.get('x-forwarded-host'));
    if (proto) url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}
