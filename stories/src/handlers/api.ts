import type { AuthkitErrorCode } from '@catalyst/authkit';
import { delay, HttpResponse } from 'msw';
import type { components, paths } from '../api-types';

/**
 * Typed building blocks for MSW handlers. Every type here comes from src/api-types.ts, which is
 * generated from the OpenAPI document of the real server: a handler whose body drifts from the
 * API (a renamed field, a missing one, a route that no longer exists) fails `tsc`.
 */

export type Schemas = components['schemas'];
export type User = Schemas['User'];
export type Session = Schemas['Session'];
export type SessionPayload = Schemas['SessionPayload'];
export type Problem = Schemas['Problem'];

/** A route of the API, as the OpenAPI document spells it (`/sessions/{id}`). */
export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type Responses<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { responses: infer R } ? R : never;

/** The body `method path` answers with `status`, e.g. `ResponseBody<'/sessions', 'get', 200>`. */
export type ResponseBody<
  P extends ApiPath,
  M extends Method,
  S extends keyof Responses<P, M>,
> = Responses<P, M>[S] extends { content: infer C } ? C[keyof C] : never;

/** The JSON body `method path` accepts, e.g. `RequestBody<'/sign-in', 'post'>`. */
export type RequestBody<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B }
    ? NonNullable<B> extends { content: infer C }
      ? C[keyof C]
      : never
    : never;

/** Where the stories' client reaches the API (same origin as the preview, see `withAuth`). */
export const AUTH_BASE_PATH = '/api/auth';

/** The MSW path of an API route; only routes the OpenAPI document has (`{id}` becomes `:id`). */
export function route(path: ApiPath): string {
  return AUTH_BASE_PATH + path.replace(/\{(\w+)\}/g, ':$1');
}

/** An RFC 9457 problem response, shaped like the server's own (`problemBody`). */
export function problem(
  status: number,
  code: AuthkitErrorCode,
  detail: string,
  extra: Pick<Problem, 'field' | 'errors'> = {},
) {
  const body = {
    type: `urn:catalyst:problem:${code}`,
    title: code.replaceAll('_', ' '),
    status,
    detail,
    code,
    ...extra,
  } satisfies Problem;
  return HttpResponse.json<Problem>(body, {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  });
}

/** A resolver that never answers: the component stays `loading`, or its action `pending`. */
export async function hang(): Promise<HttpResponse<null>> {
  await delay('infinite');
  return new HttpResponse(null, { status: 204 });
}

/** 204 No Content, as the API's deletes answer. */
export const noContent = () => new HttpResponse(null, { status: 204 });

/** The answers every data story needs for "not signed in" and "the store is down". */
export const unauthenticated = () => problem(401, 'unauthenticated', 'sign in to continue');
export const unavailable = () => problem(503, 'store_unavailable', 'the auth store is unavailable');
export const notAllowed = (permission: string) =>
  problem(403, 'forbidden', `requires the permission ${permission}`);
