import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AuthkitError } from '../../domain/errors.js';
import type { App, AppEnv } from '../app-env.js';
import { readSessionCookies } from '../cookies.js';
import { OAuthErrorSchema, TokenRequest, TokenResponseSchema } from '../schemas.js';
import { writeSessionCookies } from '../session-auth.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** RFC 6749 §5.2 error body. */
function oauthError(c: Context<AppEnv>, error: string, description: string) {
  c.header('cache-control', 'no-store');
  return c.json({ error, error_description: description }, 400);
}

export function registerTokenRoute(app: App): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/token',
      operationId: 'tokens.token',
      tags: ['tokens'],
      summary: 'OAuth 2.0 token endpoint (refresh_token grant)',
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
      },
    }),
    async (c) => {
      const isForm = /^application\/x-www-form-urlencoded|^multipart\/form-data/i.test(
        c.req.header('content-type') ?? '',
      );
      const body = isForm ? c.req.valid('form') : c.req.valid('json');
      if (!body.grant_type) return oauthError(c, 'invalid_request', 'grant_type is required');
      if (body.grant_type === TOKEN_EXCHANGE) {
        return oauthError(
          c,
          'unsupported_grant_type',
          'API-key token exchange is not enabled on this server',
        );
      }
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
