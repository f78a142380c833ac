/** Verify-only entry: Web APIs alone, safe for edge hosts and the Next proxy. */
export { verifyAccessToken, ACCESS_TOKEN_ALGORITHMS } from './verify-access-token.js';
export type { VerifyAccessTokenOptions } from './verify-access-token.js';
export { AuthkitError, isAuthkitError } from '../domain/errors.js';
export type { AuthkitErrorCode } from '../domain/errors.js';
export type { AccessTokenClaims } from '../domain/types.js';
// The guards check requirements on verified claims; the zod-free half of the policy module.
export { checkRequirement, subjectFromClaims } from '../domain/policy-requirement.js';
export type {
  DenyReason,
  DenyReasonCode,
  PolicyClaims,
  PolicySubject,
  Requirement,
  RequirementResult,
} from '../domain/policy-requirement.js';
export type { PolicyDecision, PolicyReason, PolicyRule } from '../domain/policy.js';
// Forward-auth (DESIGN §5): the handler Traefik, Caddy and nginx ask before every request.
export { deriveDecisionKey } from '../tokens/decision-key.js';
export { createForwardAuth, DECISION_COOKIE, IDENTITY_HEADERS } from './forward-auth/index.js';
export type {
  ForwardAuth,
  ForwardAuthAnswer,
  HeaderReader,
  ForwardAuthConnection,
  ForwardAuthDecisionEvent,
  ForwardAuthLog,
  ForwardAuthOptions,
  ForwardAuthRoute,
  IdentityHeader,
  RevocationOptions,
} from './forward-auth/index.js';
