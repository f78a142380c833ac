import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AuthkitError } from '../../domain/errors.js';
import { ExchangeError, type ExchangeReason } from '../../services/key-exchange.js';
import { IssuerUnavailable } from '../../services/workload-keys.js';
import type { App, AppEnv } from '../app-env.js';
import { readSessionCookies } from '../cookies.js';
import { OAuthErrorSchema, TokenRequest, TokenResponseSchema } from '../schemas.js';
import { writeSessionCookies } from '../session-auth.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

const API_KEY_TOKEN_TYPE = 'urn:catalyst:token-type:api-key';
/** A workload's JWT (RFC 8693 §3): GitHub Actions sends an ID token, others a plain JWT. */
const WORKLOAD_TOKEN_TYPES = [
  'urn:ietf:params:oauth:token-type:jwt',
  'urn:ietf:params:oauth:token-type:id_token',
];
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** RFC 6749 §5.2 error body. */
function oauthError(
  c: Context<AppEnv>,
  error: string,
  description: string,
  extra: { reason?: ExchangeReason; status?: 400 | 429 | 502; retryAfter?: number } = {},
) {
  c.header('cache-control', 'no-store');
  if (extra.retryAfter !== undefined) c.header('retry-after', String(extra.retryAfter));
  return c.json(
    { error, error_description: description, ...(extra.reason ? { reason: extra.reason } : {}) },
    extra.status ?? 400,
  );
}

type TokenBody = z.infer<typeof TokenRequest>;

/**
 * RFC 8693: an API key, or a workload's JWT from a trusted issuer (`subject_token`), for a
 * short-lived access JWT.
 */
async function exchangeToken(c: Context<AppEnv>, body: TokenBody) {
  const type = body.subject_token_type;
  const workload = type !== undefined && WORKLOAD_TOKEN_TYPES.includes(type);
  if (type !== API_KEY_TOKEN_TYPE && !workload) {
    return oauthError(
      c,
      'invalid_request',
      `subject_token_type must be ${[API_KEY_TOKEN_TYPE, ...WORKLOAD_TOKEN_TYPES].join(' or ')}`,
    );
  }
  if (!body.subject_token) return oauthError(c, 'invalid_request', 'subject_token is required');
  if (body.requested_token_type && body.requested_token_type !== ACCESS_TOKEN_TYPE) {
    return oauthError(c, 'invalid_request', `requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
  }
  try {
    const request = { scope: body.scope, audience: body.audience };
    const token = workload
      ? await c.var.rt.workload.exchange.exchange(body.subject_token, {
          ...request,
          clientId: body.client_id,
        })
      : await c.var.rt.exchange.exchange(body.subject_token, request);
    c.header('cache-control', 'no-store');
    return c.json(token, 200);
  } catch (error) {
    if (error instanceof IssuerUnavailable) {
      // RFC 6749 has no code for a third party being down; this one says what to do (retry).
      return oauthError(c, 'temporarily_unavailable', error.message, { status: 502 });
    }
    if (!(error instanceof ExchangeError)) throw error;
    const limited = error.reason === 'rate_limited';
    return oauthError(c, error.error, error.message, {
      ...(error.reason ? { reason: error.reason } : {}),
      ...(limited ? { status: 429 as const, retryAfter: error.retryAfter ?? 1 } : {}),
    });
  }
}

export function registerTokenRoute(app: App): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/token',
      operationId: 'tokens.token',
      tags: ['tokens'],
      summary:
        'OAuth 2.0 token endpoint: refresh_token, and token exchange (RFC 8693) of an API key or a workload JWT',
      description:
        'Form-encoded or JSON. A browser may omit `refresh_token` and send the refresh cookie instead; then new cookies are set and no refresh token is returned in the body.',
      request: {
        body: {
          required: false,
          content: {
            'application/x-www-form-urlencoded': { schema: TokenRequest },
            'application/json': { schema: TokenRequest },
          },
        },
      },
      responses: {
        200: {
          description: 'Tokens',
          content: { 'application/json': { schema: TokenResponseSchema } },
        },
        400: {
          description: 'RFC 6749 error',
          content: { 'application/json': { schema: OAuthErrorSchema } },
        },
        429: {
          description: 'Too many exchanges or refreshes; see Retry-After',
          content: { 'application/json': { schema: OAuthErrorSchema } },
        },
        502: {
          description: "A workload token's issuer did not serve its discovery or keys",
          content: { 'application/json': { schema: OAuthErrorSchema } },
        },
      },
    }),
    async (c) => {
      const isForm = /^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(
        c.req.header('content-type') ?? '',
      );
      const body = isForm ? c.req.valid('form') : c.req.valid('json');
      if (!body.grant_type) return oauthError(c, 'invalid_request', 'grant_type is required');
      if (body.grant_type === TOKEN_EXCHANGE) return exchangeToken(c, body);
      if (body.grant_type !== 'refresh_token') {
        return oauthError(
          c,
          'unsupported_grant_type',
          `grant_type ${body.grant_type} is not supported`,
        );
      }
      const fromCookie = !body.refresh_token;
      const refreshToken = body.refresh_token ?? readSessionCookies(c).refresh;
      if (!refreshToken) return oauthError(c, 'invalid_request', 'refresh_token is required');
      try {
        const tokens = await c.var.rt.sessions.refresh(refreshToken);
        c.header('cache-control', 'no-store');
        if (fromCookie) writeSessionCookies(c, tokens);
        return c.json(
          {
            access_token: tokens.access_token,
            token_type: 'Bearer' as const,
            expires_in: tokens.expires_in,
            ...(fromCookie ? {} : { refresh_token: tokens.refresh_token }),
          },
          200,
        );
      } catch (error) {
        if (error instanceof AuthkitError && error.code === 'invalid_token') {
          return oauthError(c, 'invalid_grant', error.message);
        }
        if (error instanceof AuthkitError && error.code === 'rate_limited') {
          return oauthError(c, 'invalid_grant', error.message, {
            reason: 'rate_limited',
            status: 429,
            retryAfter: error.retryAfter ?? 1,
          });
        }
        throw error;
      }
    },
    // Validation failures here answer in RFC 6749 form, not problem+json.
    (result, c) => {
      if (result.success) return undefined;
      const described = result.error.issues.map(
        (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
      );
      return oauthError(c, 'invalid_request', described.join('; ') || 'invalid request');
    },
  );
}
