import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, maskSecrets, REDACT_PATHS, REDACTED, sanitize } from './logger.js';

/** A logger whose JSON lines land in an array. */
function capture() {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line) => lines.push(line) } });
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, parsed };
}

// Shapes only: built at run time so this file itself holds no literal secret.
const JWT = ['eyJhbGciOiJFZERTQSJ9', 'eyJzdWIiOiJ1c3JfYWxpY2UifQ', 'c2lnbmF0dXJlLXZhbHVl'].join(
  '.',
);
const API_KEY = `ck_live_${'A1b2C3d4E5f6G7h8'.repeat(2)}`;
const WEBHOOK_SECRET = `whsec_${'c2VjcmV0LXNlY3JldA'.repeat(2)}`;
const ARGON2 = `$argon2id$v=19$m=1024,t=1,p=1$${'c2FsdHNhbHQ'}$${'aGFzaGhhc2hoYXNo'.repeat(2)}`;
const REFRESH = 'R'.repeat(20) + '-'.repeat(3) + 'r'.repeat(20);
const SHA256 = 'ab'.repeat(32);

describe('logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one JSON object per line with level, time, service and msg', () => {
    const { logger, parsed } = capture();
    logger.info({ path: '/orgs' }, 'hello');
    expect(parsed()[0]).toMatchObject({
      level: 'info',
      service: 'catalyst-sdk',
      path: '/orgs',
      msg: 'hello',
    });
    expect(typeof parsed()[0]!.time).toBe('string');
  });

  it.each([
    'password',
    'newPassword',
    'secret',
    'clientSecret',
    'token',
    'accessToken',
    'refreshToken',
    'refresh_token',
    'idToken',
    'apiKey',
    'api_key',
    'key',
    'privateKey',
    'authorization',
    'cookie',
    'set-cookie',
    'recoveryCodes',
  ])('redacts %s at the top level, nested, and deep', (key) => {
    const { logger, parsed } = capture();
    logger.warn(
      { [key]: 'plain-value', user: { [key]: 'plain-value' }, a: { b: { c: { [key]: 'x' } } } },
      'sensitive',
    );
    const line = parsed()[0]!;
    expect(line[key]).toBe(REDACTED);
    expect((line.user as Record<string, unknown>)[key]).toBe(REDACTED);
    expect(JSON.stringify(line)).not.toContain('plain-value');
    expect(JSON.stringify(line)).not.toContain('"x"');
  });

  it('redacts authorization, cookie and set-cookie headers', () => {
    const { logger, lines } = capture();
    logger.info({
      headers: { authorization: 'Digest abc', cookie: 'sid=1', 'set-cookie': 'a=b', accept: '*/*' },
      req: { headers: { authorization: 'Digest abc', 'x-api-key': 'k-123' } },
    });
    const line = JSON.parse(lines[0]!) as {
      headers: Record<string, string>;
      req: { headers: Record<string, string> };
    };
    expect(line.headers).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      accept: '*/*',
    });
    expect(line.req.headers).toEqual({ authorization: REDACTED, 'x-api-key': REDACTED });
  });

  it('masks secret-looking values anywhere: message, fields, arrays, errors, bindings', () => {
    const { logger, lines } = capture();
    const all = [JWT, API_KEY, WEBHOOK_SECRET, ARGON2, REFRESH, SHA256];
    logger.error(`failed with ${all.join(' and ')}`);
    logger.info({ detail: { list: all, note: `Bearer ${REFRESH}` } }, 'fields');
    logger.child({ requestId: API_KEY }).info('child binding');
    logger.error(new Error(`boom ${JWT}`));
    logger.info({ url: 'postgres://app:hunter2-password@db:5432/app' }, 'connect');
    logger.info({ header: `catalyst_access=opaque-value; Path=/` }, 'cookie');
    const text = lines.join('');
    for (const secret of [...all, 'hunter2-password', 'opaque-value']) {
      expect(text).not.toContain(secret);
    }
    // Still valid JSON, with the masks in place.
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(text).toContain('postgres://app:[REDACTED]@db:5432/app');
    expect(text).toContain('Bearer [REDACTED]');
    expect(text).toContain('catalyst_access=[REDACTED]');
  });

  it('keeps an error class for the pino err serializer, masking message, stack and fields', () => {
    class DatabaseError extends Error {
      code = '23505';
      parameters = [API_KEY];
    }
    const { logger, parsed } = capture();
    logger.error(new DatabaseError(`insert failed for ${WEBHOOK_SECRET}`), 'query failed');
    const err = parsed()[0]!.err as Record<string, unknown>;
    expect(err).toMatchObject({
      type: 'DatabaseError',
      code: '23505',
      message: 'insert failed for [REDACTED]',
    });
    expect(err.parameters).toEqual([REDACTED]);
    expect(String(err.stack)).not.toContain(WEBHOOK_SECRET);
  });

  it('keeps ordinary values: ids, paths, codes, emails', () => {
    expect(maskSecrets('usr_01HZX user@example.com /orgs/:orgId 23505')).toBe(
      'usr_01HZX user@example.com /orgs/:orgId 23505',
    );
    expect(sanitize({ error: 'DatabaseError', code: '23505', keyId: 'key_1' })).toEqual({
      error: 'DatabaseError',
      code: '23505',
      keyId: 'key_1',
    });
  });

  it('masks lines that end up next to JSON escapes without breaking the JSON', () => {
    const { logger, lines } = capture();
    logger.info({ text: `a\n${REFRESH}\n"${SHA256}"\\${ARGON2}\\"` });
    const line = JSON.parse(lines[0]!) as { text: string };
    expect(line.text).not.toContain(REFRESH);
    expect(line.text).not.toContain(ARGON2);
  });

  it('goes through console by default, so log capture and spies see it (errors on stderr)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const logger = createLogger();
    logger.error({ token: 'zzz' }, 'bad');
    logger.info('fine');
    expect(error).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toMatch(/^\{"level":"error".*"token":"\[REDACTED\]"/);
  });

  it('has a redact path for each sensitive key at the top level', () => {
    for (const key of ['password', 'token', 'secret', 'apiKey', 'key', 'refreshToken'])
      expect(REDACT_PATHS).toContain(key);
    expect(REDACT_PATHS).toContain('headers.authorization');
    expect(REDACT_PATHS).toContain('headers["set-cookie"]');
  });
});
