/** What a service needs to know about the caller, taken from the HTTP request by the server. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}
