import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSchema, type OpenApi, type Schema } from '../../test/openapi.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';

// Generated from the OpenAPI document, so a route added later is covered without editing this file.

const BAD = ['\u0000', '\u001b[31m', '\u202e', '\u0085'];

let t: TestInstance;
let doc: OpenApi;
beforeAll(async () => {
  t = await createTestInstance();
  doc = (await (await t.fetch('/api/auth/openapi.json')).json()) as OpenApi;
});
afterAll(() => t.close());

const resolve = (schema: Schema | undefined) => resolveSchema(doc, schema);

/** An enum or a date-time admits no free text: any refusal naming the field is right. */
const isClosed = (schema: Schema | undefined): boolean => {
  const s = resolve(schema) as (Schema & { enum?: unknown[]; format?: string }) | undefined;
  return (
    s?.enum !== undefined || s?.format === 'date-time' || (s?.anyOf ?? []).some((a) => isClosed(a))
  );
};

const isString = (schema: Schema | undefined) => {
  const s = resolve(schema);
  const types = [s?.type, ...(s?.anyOf ?? []).map((a) => resolve(a)?.type)].flat();
  return types.includes('string');
};

function cases(): Array<{
  label: string;
  method: string;
  path: string;
  where: string;
  field: string;
  closed: boolean;
}> {
  const out = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = resolve(op.requestBody?.content?.['application/json']?.schema);
      for (const [field, schema] of Object.entries(body?.properties ?? {})) {
        if (isString(schema))
          out.push({
            label: `${method} ${path} body.${field}`,
            method,
            path,
            where: 'body',
            field,
            closed: isClosed(schema),
          });
      }
      for (const param of op.parameters ?? []) {
        if ((param.in === 'path' || param.in === 'query') && isString(param.schema))
          out.push({
            label: `${method} ${path} ${param.in}.${param.name}`,
            method,
            path,
            where: param.in,
            field: param.name,
            closed: isClosed(param.schema),
          });
      }
    }
  }
  return out;
}

describe('control characters in any string input', () => {
  it('finds the inputs to test in the OpenAPI document', () => {
    const labels = cases().map((c) => c.label);
    expect(labels).toEqual(
      expect.arrayContaining(['post /sign-up body.name', 'delete /sessions/{id} path.id']),
    );
  });

  it('answers 400 problem+json naming the field for every string input and path parameter', async () => {
    const failures: string[] = [];
    for (const c of cases()) {
      for (const bad of BAD) {
        const value = `a${bad}b`;
        let url = `/api/auth${c.path.replace(/\{(\w+)\}/g, (_, name: string) => (c.where === 'path' && name === c.field ? encodeURIComponent(value) : 'x'))}`;
        if (c.where === 'query') url += `?${c.field}=${encodeURIComponent(value)}`;
        const init: RequestInit = { method: c.method.toUpperCase() };
        if (c.where === 'body') {
          init.headers = { 'content-type': 'application/json' };
          init.body = JSON.stringify({ [c.field]: value });
        }
        const res = await t.newBrowser().fetch(url, init);
        const body = (await res.json().catch(() => ({}))) as {
          field?: string;
          errors?: Array<{ field: string; message: string }>;
          error?: string;
          error_description?: string;
        };
        const named =
          body.errors?.some(
            (e) => e.field === c.field && (c.closed || /control characters/.test(e.message)),
          ) ||
          (body.error === 'invalid_request' &&
            body.error_description?.includes(`${c.field}: must not contain control characters`));
        if (res.status !== 400 || !named)
          failures.push(
            `${c.label} ${JSON.stringify(bad)} → ${res.status} ${JSON.stringify(body)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });
});
