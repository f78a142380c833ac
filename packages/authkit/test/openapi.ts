/** The parts of our OpenAPI document that the generated suites walk. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  example?: unknown;
  enum?: unknown[];
}

export interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Follows a `$ref` into `components.schemas`. */
export function resolveSchema(doc: OpenApi, schema: Schema | undefined): Schema | undefined {
  return schema?.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
}

/** A value that passes validation: the schema's `example` when it has one, else one by type. */
export function sampleValue(doc: OpenApi, schema: Schema | undefined): unknown {
  const s = resolveSchema(doc, schema);
  if (s?.example !== undefined) return s.example;
  if (s?.enum?.length) return s.enum[s.enum.length - 1];
  const type = Array.isArray(s?.type) ? s.type[0] : s?.type;
  if (type === 'array') return [sampleValue(doc, s?.items)];
  if (type === 'object') return {};
  if (type === 'number' || type === 'integer') return 1;
  if (type === 'boolean') return true;
  return 'probe-value';
}
