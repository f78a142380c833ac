/** What a service needs to know about the caller, taken from the HTTP request by the server. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
  /** The request id (`X-Request-Id` when the caller sent a sane one), for audit correlation. */
  requestId?: string | null;
}
