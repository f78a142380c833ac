import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthkit } from './create-authkit.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';

describe('discovery, OpenAPI and health', () => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await createTestInstance({ baseUrl: 'https://auth.example.com' });
  });
  afterAll(() => t.close());

  it('publishes JWKS with kid, alg and use, cacheable for 5 minutes', async () => {
    const res = await t.fetch('/api/auth/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=60');
    const { keys } = await res.json();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ alg: 'EdDSA', use: 'sig', kty: 'OKP', crv: 'Ed25519' });
      expect(typeof key.kid).toBe('string');
      expect(key.d).toBeUndefined();
    }
  });

  it('publishes OpenID discovery whose jwks_uri and token_endpoint live under the issuer', async () => {
    const doc = await (await t.fetch('/api/auth/.well-known/openid-configuration')).json();
    expect(doc).toMatchObject({
      issuer: 'https://auth.example.com/api/auth',
      jwks_uri: 'https://auth.example.com/api/auth/.well-known/jwks.json',
      token_endpoint: 'https://auth.example.com/api/auth/token',
      id_token_signing_alg_values_supported: ['EdDSA'],
    });
  });

  it('describes every route in an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const doc = await (await t.fetch('/api/auth/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/.well-known/jwks.json',
        '/.well-known/openid-configuration',
        '/change-password',
        '/health',
        '/me/orgs',
        '/orgs',
        '/orgs/{orgId}',
        '/orgs/{orgId}/members',
        '/orgs/{orgId}/members/{userId}',
        '/orgs/{orgId}/groups',
        '/orgs/{orgId}/groups/{groupId}',
        '/orgs/{orgId}/groups/{groupId}/members',
        '/orgs/{orgId}/groups/{groupId}/members/{userId}',
        '/orgs/{orgId}/roles',
        '/orgs/{orgId}/roles/{name}',
        '/orgs/{orgId}/invitations',
        '/orgs/{orgId}/invitations/{invitationId}',
        '/orgs/{orgId}/invitations/{invitationId}/resend',
        '/orgs/{orgId}/invite-links',
        '/orgs/{orgId}/invite-links/{linkId}',
        '/orgs/{orgId}/workload-policies',
        '/orgs/{orgId}/workload-policies/{policyId}',
        '/orgs/{orgId}/sso',
        '/orgs/{orgId}/sso/mapping',
        '/orgs/{orgId}/sso/mapping/preview',
        '/sso/route',
        '/orgs/{orgId}/directory',
        '/orgs/{orgId}/directory/sync',
        '/orgs/{orgId}/domains',
        '/orgs/{orgId}/domains/{domainId}',
        '/orgs/{orgId}/domains/{domainId}/verify',
        '/orgs/{orgId}/membership-requests',
        '/orgs/{orgId}/membership-requests/{requestId}/accept',
        '/orgs/{orgId}/membership-requests/{requestId}/reject',
        '/orgs/{orgId}/labels',
        '/orgs/{orgId}/entitlements',
        '/orgs/{orgId}/entitlements/overrides/{userId}',
        '/invitations/{token}',
        '/invitations/{token}/accept',
        '/me/invitations',
        '/me/invitations/{invitationId}',
        '/me/invitations/{invitationId}/accept',
        '/me/org-suggestions',
        '/me/membership-requests',
        '/me/effective',
        '/session/active-org',
        '/refresh',
        '/session',
        '/sessions',
        '/sessions/{id}',
        '/sign-in',
        '/sign-in/second-factor',
        '/sign-in/mfa-enrolment/totp',
        '/sign-in/mfa-enrolment/totp/confirm',
        '/sign-in/passkey',
        '/sign-in/passkey/options',
        '/me/step-up',
        '/me/mfa',
        '/me/mfa/totp',
        '/me/mfa/totp/confirm',
        '/me/mfa/recovery-codes',
        '/me/passkeys',
        '/me/passkeys/options',
        '/me/passkeys/{id}',
        '/password/forgot',
        '/password/reset',
        '/email/verification',
        '/email/verify',
        '/me/email',
        '/magic-link',
        '/magic-link/verify',
        '/sign-out',
        '/sign-up',
        '/token',
        '/revocations',
        '/forward',
        '/me/keys',
        '/me/keys/scopes',
        '/me/keys/{keyId}',
        '/me/keys/{keyId}/reroll',
        '/orgs/{orgId}/keys',
        '/orgs/{orgId}/keys/scopes',
        '/orgs/{orgId}/keys/{keyId}',
        '/orgs/{orgId}/keys/{keyId}/reroll',
        '/metrics',
        '/orgs/{orgId}/audit',
        '/orgs/{orgId}/audit/export',
        '/admin/audit',
        '/admin/audit/export',
        '/admin/users',
        '/admin/orgs',
        '/admin/orgs/{orgId}',
        '/admin/users/bulk',
        '/admin/users/{userId}',
        '/admin/users/{userId}/platform-roles',
        '/admin/users/{userId}/ban',
        '/admin/users/{userId}/sessions',
        '/admin/users/{userId}/password-reset',
        '/admin/users/{userId}/mfa',
        '/admin/users/{userId}/impersonation',
        '/admin/users/{userId}/profile',
        '/admin/users/{userId}/avatar',
        '/session/impersonation',
        '/me/profile',
        '/me/avatar',
        '/orgs/{orgId}/logo',
        '/files/{fileId}',
        '/sso/providers',
        '/sso/{connectionId}/start',
        '/sso/callback',
        '/sso/{connectionId}/logout',
        '/me/identities',
        '/me/identities/{connectionId}/link',
        '/me/identities/{identityId}',
        ...['/orgs/{orgId}/webhooks', '/admin/webhooks'].flatMap((base) => [
          base,
          `${base}/{webhookId}`,
          `${base}/{webhookId}/rotate-secret`,
          `${base}/{webhookId}/test`,
          `${base}/{webhookId}/replay`,
          `${base}/{webhookId}/deliveries`,
          `${base}/{webhookId}/deliveries/{deliveryId}`,
          `${base}/{webhookId}/deliveries/{deliveryId}/retry`,
        ]),
      ].sort(),
    );
    // DESIGN §3: every operation has an operationId (unique), a summary and a tag.
    const operations = Object.values(
      doc.paths as Record<
        string,
        Record<string, { operationId?: string; summary?: string; tags?: string[] }>
      >,
    ).flatMap((methods) => Object.values(methods));
    for (const op of operations) {
      expect(op.operationId, JSON.stringify(op.summary)).toBeTruthy();
      expect(op.summary).toBeTruthy();
      expect(op.tags?.length).toBeGreaterThan(0);
    }
    const opIds = operations.map((op) => op.operationId);
    expect(new Set(opIds).size).toBe(opIds.length);
    const signUp = doc.components.schemas.SignUpBody;
    expect(signUp.required).toEqual(expect.arrayContaining(['email', 'password']));
    expect(Object.keys(doc.paths['/token'].post.requestBody.content)).toEqual(
      expect.arrayContaining(['application/json', 'application/x-www-form-urlencoded']),
    );
  });

  it('answers health 200 when the store answers', async () => {
    const res = await t.fetch('/api/auth/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers health 503 and other routes a 503 problem when the database is unreachable', async () => {
    const down = createAuthkit({
      secret: 'x'.repeat(32),
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
    });
    const health = await down.handler(new Request('http://localhost:3000/api/auth/health'));
    expect(health.status).toBe(503);
    const session = await down.handler(new Request('http://localhost:3000/api/auth/session'));
    expect(session.status).toBe(503);
    expect(await session.json()).toMatchObject({ code: 'store_unavailable' });
    await down.api.close();
  });

  it('answers unknown paths with a 404 problem', async () => {
    const res = await t.fetch('/api/auth/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
