import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../../test/instances.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';
import { sqlOperation } from './store-instrumentation.js';
import { TRACER_NAME, withSpan } from './tracing.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

const spans = (name: string | RegExp) =>
  exporter
    .getFinishedSpans()
    .filter((s) => (typeof name === 'string' ? s.name === name : name.test(s.name)));
const id = (span: ReadableSpan) => span.spanContext().spanId;

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  trace.setGlobalTracerProvider(provider);
});
afterAll(async () => {
  trace.disable();
  context.disable();
  await provider.shutdown();
});
beforeEach(() => exporter.reset());

describe('withSpan', () => {
  it('returns the result in a span named by the caller, with its attributes', async () => {
    const value = await withSpan('webhook_worker.run_once', { batch: 10, dry: false }, () =>
      Promise.resolve(42),
    );
    expect(value).toBe(42);
    const [span] = spans('webhook_worker.run_once');
    expect(span!.attributes).toEqual({ batch: 10, dry: false });
    expect(span!.instrumentationScope.name).toBe(TRACER_NAME);
    expect(span!.status.code).not.toBe(SpanStatusCode.ERROR);
  });

  it('records a failure by class and code, sets error status and rethrows', async () => {
    const error = Object.assign(new TypeError('duplicate key user@example.com'), {
      code: '23505',
    });
    await expect(withSpan('sdk.fails', {}, () => Promise.reject(error))).rejects.toBe(error);
    const [span] = spans('sdk.fails');
    expect(span!.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(span!.events[0]!.name).toBe('exception');
    expect(span!.events[0]!.attributes).toMatchObject({
      'exception.type': 'TypeError',
      'exception.message': '23505',
    });
    expect(JSON.stringify(span!.events)).not.toContain('user@example.com');
  });

  it('nests spans started inside it', async () => {
    await withSpan('outer', {}, () => withSpan('inner', {}, () => Promise.resolve()));
    expect(spans('inner')[0]!.parentSpanContext?.spanId).toBe(id(spans('outer')[0]!));
  });
});

describe('sqlOperation', () => {
  it.each([
    ['select "id" from "users" where "email" = $1', 'SELECT'],
    ['  insert into x values ($1)', 'INSERT'],
    ['-- migration\n/* block */ CREATE TABLE t ()', 'CREATE'],
    [{ text: 'update users set name = $1' }, 'UPDATE'],
    ['', 'UNKNOWN'],
    [undefined, 'UNKNOWN'],
  ])('%j → %s', (statement, operation) => {
    expect(sqlOperation(statement)).toBe(operation);
  });
});

describe('spans from a running server', () => {
  let t: TestInstance;
  const email = uniqueEmail('otel');
  beforeAll(async () => {
    t = await createTestInstance({ trustedProxies: ['loopback'] });
  });
  afterAll(() => t.close());

  it('emits forward_auth.request, postgres.query, postgres.transaction and sdk.* spans, without secrets', async () => {
    const up = await t.client.signUp({ email, password: PASSWORD });
    if (!up.ok) throw new Error(up.error.message);
    const access = t.jar.get('catalyst_access')!;
    const forward = await t.authkit.handler(
      new Request('http://localhost:3000/api/auth/forward', {
        headers: {
          'x-forwarded-method': 'GET',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'app.example.com',
          'x-forwarded-uri': '/reports',
          authorization: `Bearer ${access}`,
        },
      }),
      { ip: '127.0.0.1' },
    );
    expect(forward.status).toBe(200);
    expect(await t.authkit.api.countUsers()).toBeGreaterThan(0);
    expect((await t.authkit.api.getSession(access))?.user.id).toBe(up.data.user.id);
    await t.authkit.api.effective(up.data.user.id, null);

    const [decision] = spans('forward_auth.request');
    expect(decision!.attributes).toMatchObject({
      'http.response.status_code': 200,
      'forward_auth.decision': 'allowed',
    });

    const queries = spans('postgres.query');
    expect(queries.length).toBeGreaterThan(5);
    for (const q of queries) {
      expect(q.attributes['db.system']).toBe('postgresql');
      expect(q.attributes['db.operation']).toMatch(/^[A-Z]+$/);
    }
    expect(new Set(queries.map((q) => q.attributes['db.operation']))).toContain('SELECT');

    // Queries inside a transaction are its children.
    const transactions = new Set(spans('postgres.transaction').map(id));
    expect(transactions.size).toBeGreaterThan(0);
    expect(queries.some((q) => transactions.has(q.parentSpanContext?.spanId ?? ''))).toBe(true);

    // The SDK facade: one span per call, the store's queries beneath it.
    const sdk = spans(/^sdk\./).map((s) => s.name);
    expect(sdk).toEqual(
      expect.arrayContaining(['sdk.countUsers', 'sdk.getSession', 'sdk.effective']),
    );
    const count = spans('sdk.countUsers')[0]!;
    expect(queries.some((q) => q.parentSpanContext?.spanId === id(count))).toBe(true);

    // Nothing from the request reaches an attribute or event: no email, password or token.
    const exported = JSON.stringify(
      exporter.getFinishedSpans().map((s) => [s.name, s.attributes, s.events, s.status]),
    );
    for (const secret of [email, PASSWORD, access, access.split('.')[2]!])
      expect(exported).not.toContain(secret);
  });

  it('marks a signed-out forward-auth request with its reason', async () => {
    await t.authkit.handler(
      new Request('http://localhost:3000/api/auth/forward', {
        headers: {
          'x-forwarded-method': 'GET',
          'x-forwarded-proto': 'https',
          'x-forwarded-host': 'app.example.com',
          'x-forwarded-uri': '/reports',
          authorization: 'Bearer not-a-token',
        },
      }),
      { ip: '127.0.0.1' },
    );
    expect(spans('forward_auth.request')[0]!.attributes).toMatchObject({
      'http.response.status_code': 401,
      'forward_auth.decision': 'invalid_token',
    });
  });
});
