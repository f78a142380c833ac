/** Verify-only entry: Web APIs alone, safe for edge hosts and the Next proxy. */
export { verifyAccessToken, ACCESS_TOKEN_ALGORITHMS } from './verify-access-token.js';
export type { VerifyAccessTokenOptions } from './verify-access-token.js';
export { AuthkitError, isAuthkitError } from '../domain/errors.js';
export type { AuthkitErrorCode } from '../domain/errors.js';
export type { AccessTokenClaims } from '../domain/types.js';
