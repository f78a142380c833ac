import { describe, expect, it } from 'vitest';
import { AuthkitError } from '../domain/errors.js';
import { resolveSettings, settingsFromEnv } from './config.js';
import { createAuthkit } from './create-authkit.js';

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AuthkitError);
    return (error as AuthkitError).message;
  }
  throw new Error('expected a config error');
};

describe('config validation', () => {
  it('names the env variable of a malformed value', () => {
    expect(message(() => resolveSettings(settingsFromEnv({ DATABASE_URL: 'mysql://x' })))).toMatch(
      /DATABASE_URL/,
    );
    expect(message(() => resolveSettings(settingsFromEnv({ CATALYST_SECRET: 'short' })))).toMatch(
      /CATALYST_SECRET.*32/,
    );
    expect(
      message(() => resolveSettings(settingsFromEnv({ CATALYST_BASE_URL: 'not a url' }))),
    ).toMatch(/CATALYST_BASE_URL/);
  });

  it('names the key of a bad programmatic value', () => {
    expect(message(() => createAuthkit({ accessTokenTtlSeconds: 5 }))).toMatch(
      /accessTokenTtlSeconds/,
    );
    expect(message(() => createAuthkit({ basePath: 'api/auth/' }))).toMatch(/basePath/);
    expect(message(() => createAuthkit({ signingAlg: 'HS256' as never }))).toMatch(/signingAlg/);
  });

  it('refuses a malformed policy rule at startup, naming it', () => {
    expect(
      message(() =>
        resolveSettings({
          policies: [{ id: 'billing', action: 'billing:*', require: { role: ['x'] } }],
        }),
      ),
    ).toMatch(/policies\.0\.require\.role/);
  });

  it('refuses forward-auth route patterns forward-auth could not compile, naming them', () => {
    const route = (r: { host?: string; path?: string }) =>
      message(() => resolveSettings({ forwardAuth: { routes: [r] } }));
    expect(route({ path: '/api/*/x' })).toMatch(/forwardAuth\.routes\.0\.path/);
    expect(route({ path: 'no-slash' })).toMatch(/forwardAuth\.routes\.0\.path/);
    expect(route({ host: 'a..example.com' })).toMatch(/forwardAuth\.routes\.0\.host/);
    expect(message(() => resolveSettings({ allowedReturnHosts: ['*.*.example.com'] }))).toMatch(
      /allowedReturnHosts\.0/,
    );
    // The documented forms pass, ports included on return hosts.
    expect(() =>
      resolveSettings({
        allowedReturnHosts: ['*.example.com', 'app.example.com:8443'],
        forwardAuth: { routes: [{ host: '*.example.com', path: '/orgs/:id/*' }] },
      }),
    ).not.toThrow();
  });

  it('requires a root secret in production instead of generating one', () => {
    expect(message(() => resolveSettings(settingsFromEnv({ NODE_ENV: 'production' })))).toMatch(
      /CATALYST_SECRET.*production/,
    );
    expect(() =>
      resolveSettings(settingsFromEnv({ NODE_ENV: 'production', CATALYST_SECRET: 'a'.repeat(32) })),
    ).not.toThrow();
  });

  it('defaults to the embedded database in .catalyst and EdDSA', () => {
    const s = resolveSettings(settingsFromEnv({}));
    expect(s).toMatchObject({
      databaseUrl: undefined,
      dataDir: '.catalyst/db',
      signingAlg: 'EdDSA',
      basePath: '/api/auth',
    });
  });
});
