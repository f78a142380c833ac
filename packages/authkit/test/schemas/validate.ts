import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import authentikSchema from './authentik/schema-2026.8.3.subset.json' with { type: 'json' };
import keycloakSchema from './keycloak/admin-client-26.7.4.representations.json' with { type: 'json' };

/**
 * Validators over the vendored upstream schemas (see extract-schemas.mjs). Mock handlers pass
 * every body they answer, and every body the adapters send, through these: a mock that drifts
 * from the published schema fails the test instead of silently testing a fiction.
 */

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

/**
 * OpenAPI 3.0 `nullable: true` as JSON Schema: Ajv only accepts it beside `type`, and Authentik
 * puts it beside `allOf: [$ref]` too. Applied to a copy; the vendored file stays as published.
 */
function nullableToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = nullableToJsonSchema(value);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  const { description, readOnly, title, ...schema } = out;
  return { description, readOnly, title, anyOf: [schema, { type: 'null' }] };
}

// `strict: false`: OpenAPI 3.0 keywords (`readOnly`, `example`, `discriminator`) are annotations here.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(nullableToJsonSchema(authentikSchema) as object, 'authentik.json');
ajv.addSchema(keycloakSchema, 'keycloak.json');

interface OperationDoc {
  operationId: string;
  parameters?: Array<{ name?: string; in?: string; $ref?: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
}

const pointer = (...parts: string[]) =>
  parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

const operations = new Map<string, { path: string; method: string; op: OperationDoc }>();
for (const [path, item] of Object.entries(authentikSchema.paths)) {
  for (const [method, op] of Object.entries(item as Record<string, OperationDoc>)) {
    operations.set(op.operationId, { path, method, op });
  }
}

const compiled = new Map<string, ValidateFunction>();
function validator(ref: string): ValidateFunction {
  let fn = compiled.get(ref);
  if (!fn) {
    fn = ajv.compile({ $ref: ref });
    compiled.set(ref, fn);
  }
  return fn;
}

function check(ref: string, body: unknown, what: string): void {
  const fn = validator(ref);
  if (!fn(body)) {
    throw new Error(`${what} does not match the schema: ${ajv.errorsText(fn.errors)}`);
  }
}

function operation(operationId: string) {
  const found = operations.get(operationId);
  if (!found) throw new Error(`operation ${operationId} is not in the vendored authentik subset`);
  return found;
}

/** Checks an Authentik response body for `operationId` and `status`; returns it for chaining. */
export function authentikResponse<T>(operationId: string, status: number, body: T): T {
  const { path, method, op } = operation(operationId);
  const response = op.responses[String(status)];
  if (!response) throw new Error(`${operationId} declares no ${status} response`);
  const ref = response.$ref
    ? `authentik.json${response.$ref}/content/${pointer('application/json')}/schema`
    : `authentik.json#/${pointer('paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema')}`;
  check(ref, body, `${operationId} ${status} response`);
  return body;
}

/** Checks a body against one of the subset's `components.schemas`. */
export function authentikComponent<T>(name: string, body: T): T {
  check(`authentik.json#/components/schemas/${name}`, body, name);
  return body;
}

/** Checks the JSON body an adapter sent for `operationId`. */
export function authentikRequest(operationId: string, body: unknown): void {
  const { path, method, op } = operation(operationId);
  if (!op.requestBody) throw new Error(`${operationId} takes no body`);
  const ref = `authentik.json#/${pointer('paths', path, method, 'requestBody', 'content', 'application/json', 'schema')}`;
  check(ref, body, `${operationId} request`);
}

/** Every query parameter sent must be one the operation declares. */
export function authentikQuery(operationId: string, url: URL): void {
  const { op } = operation(operationId);
  const parameters = authentikSchema.components.parameters as Record<
    string,
    { name: string; in: string }
  >;
  const declared = new Set(
    (op.parameters ?? [])
      .map((p) => (p.$ref ? parameters[p.$ref.split('/').pop() ?? ''] : p))
      .filter((p) => p?.in === 'query')
      .map((p) => p?.name),
  );
  for (const name of url.searchParams.keys()) {
    if (!declared.has(name)) throw new Error(`${operationId} declares no query parameter ${name}`);
  }
}

/** Checks a Keycloak body against a representation; `list` for JSON arrays of it. */
export function keycloakBody<T>(
  definition: 'UserRepresentation' | 'GroupRepresentation',
  body: T,
  list = true,
): T {
  const fn = validator(`keycloak.json#/definitions/${definition}`);
  const items = list ? (body as unknown[]) : [body];
  if (list && !Array.isArray(body)) throw new Error(`${definition}[] expected`);
  for (const item of items) {
    if (!fn(item)) throw new Error(`${definition} invalid: ${ajv.errorsText(fn.errors)}`);
  }
  return body;
}
