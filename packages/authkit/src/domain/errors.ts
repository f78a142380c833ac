/** Stable error codes. They appear as `code` in problem+json bodies and never change meaning. */
export type AuthkitErrorCode =
  | 'invalid_request'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'invalid_credentials'
  | 'email_taken'
  | 'slug_taken'
  | 'org_limit_reached'
  | 'already_member'
  | 'last_owner'
  | 'unknown_role'
  | 'role_exists'
  | 'role_in_use'
  | 'group_name_taken'
  | 'invitation_expired'
  | 'invitation_used'
  | 'invitation_revoked'
  | 'invitation_email_mismatch'
  | 'invite_link_exhausted'
  | 'already_invited'
  | 'domain_not_verified'
  | 'domain_taken'
  | 'request_exists'
  | 'member_limit_reached'
  | 'email_not_verified'
  | 'unknown_scope'
  | 'scope_not_held'
  | 'scope_widening'
  | 'key_limit_reached'
  | 'workload_policy_limit_reached'
  | 'untrusted_issuer'
  | 'key_revoked'
  | 'key_token_not_accepted'
  | 'weak_password'
  | 'invalid_webhook_url'
  | 'webhook_target_forbidden'
  | 'unknown_event'
  | 'webhook_limit_reached'
  | 'invalid_cursor'
  | 'rate_limited'
  | 'unauthenticated'
  | 'forbidden'
  | 'origin_mismatch'
  | 'not_found'
  | 'session_revoked'
  | 'invalid_token'
  | 'token_expired'
  | 'invalid_code'
  | 'step_up_required'
  | 'mfa_required'
  | 'mfa_already_enabled'
  | 'mfa_not_enabled'
  | 'last_sign_in_method'
  | 'link_browser_mismatch'
  | 'invalid_passkey'
  | 'user_banned'
  | 'last_admin'
  | 'impersonation_forbidden'
  | 'owns_orgs'
  | 'file_too_large'
  | 'unsupported_image'
  | 'idp_unavailable'
  | 'sso_failed'
  | 'link_confirmation_required'
  | 'sso_domain_mismatch'
  | 'sso_required'
  | 'invalid_issuer'
  | 'sync_in_progress'
  | 'invalid_config'
  | 'store_unavailable'
  | 'internal_error';

const STATUS: Record<AuthkitErrorCode, number> = {
  invalid_request: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  invalid_credentials: 401,
  email_taken: 409,
  slug_taken: 409,
  org_limit_reached: 403,
  already_member: 409,
  last_owner: 409,
  unknown_role: 400,
  role_exists: 409,
  role_in_use: 409,
  group_name_taken: 409,
  invitation_expired: 410,
  invitation_used: 410,
  invitation_revoked: 410,
  invitation_email_mismatch: 403,
  invite_link_exhausted: 410,
  already_invited: 409,
  domain_not_verified: 409,
  domain_taken: 409,
  request_exists: 409,
  member_limit_reached: 403,
  email_not_verified: 403,
  unknown_scope: 400,
  scope_not_held: 403,
  scope_widening: 400,
  key_limit_reached: 403,
  workload_policy_limit_reached: 403,
  untrusted_issuer: 400,
  key_revoked: 409,
  key_token_not_accepted: 403,
  weak_password: 400,
  invalid_webhook_url: 400,
  webhook_target_forbidden: 400,
  unknown_event: 400,
  webhook_limit_reached: 403,
  invalid_cursor: 400,
  rate_limited: 429,
  unauthenticated: 401,
  forbidden: 403,
  origin_mismatch: 403,
  not_found: 404,
  session_revoked: 401,
  invalid_token: 401,
  token_expired: 410,
  invalid_code: 401,
  step_up_required: 401,
  mfa_required: 403,
  mfa_already_enabled: 409,
  mfa_not_enabled: 409,
  last_sign_in_method: 409,
  link_browser_mismatch: 403,
  invalid_passkey: 400,
  user_banned: 403,
  last_admin: 409,
  impersonation_forbidden: 403,
  owns_orgs: 409,
  file_too_large: 413,
  unsupported_image: 415,
  idp_unavailable: 502,
  sso_failed: 400,
  link_confirmation_required: 409,
  sso_domain_mismatch: 403,
  sso_required: 403,
  invalid_issuer: 400,
  sync_in_progress: 409,
  invalid_config: 500,
  store_unavailable: 503,
  internal_error: 500,
};

export interface AuthkitErrorOptions {
  /** The request field at fault, as a dotted path (`email`, `profile.name`). */
  field?: string;
  /** Seconds until a retry may succeed (rate limits). */
  retryAfter?: number;
  /** `step_up_required`: how recent (seconds) the authentication must be (RFC 9470 `max_age`). */
  maxAge?: number;
  cause?: unknown;
}

export class AuthkitError extends Error {
  override readonly name = 'AuthkitError';
  readonly code: AuthkitErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
  readonly maxAge: number | undefined;

  constructor(code: AuthkitErrorCode, message: string, options: AuthkitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = STATUS[code];
    this.field = options.field;
    this.retryAfter = options.retryAfter;
    this.maxAge = options.maxAge;
  }
}

export function isAuthkitError(value: unknown): value is AuthkitError {
  return value instanceof AuthkitError;
}
