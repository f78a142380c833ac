import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSchema, sampleValue, type OpenApi, type Schema } from '../../test/openapi.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { ISOLATION_DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, uniqueEmail } from '../../test/instances.js';

// Generated from the OpenAPI document: every operation under /orgs/{orgId}, called by someone who
// is not a member of that org, must answer 403 or 404 and reveal nothing of it. A route added
// later is covered without editing this file.

describe.each(ISOLATION_DRIVERS)(
  'org isolation, generated from the OpenAPI document (%s)',
  (driver) => {
    let t: TestInstance;
    let doc: OpenApi;
    beforeAll(async () => {
      t = await instanceOn(driver, { dnsResolver: { resolveTxt: async () => [] } });
      doc = (await (await t.fetch('/api/auth/openapi.json')).json()) as OpenApi;
    });
    afterAll(() => t.close());

    const resolve = (schema: Schema | undefined) => resolveSchema(doc, schema);

    /** A body that passes validation, so the request reaches the authorization check. */
    function sampleBody(schema: Schema | undefined): Record<string, unknown> {
      const s = resolve(schema);
      const props = Object.entries(s?.properties ?? {});
      const wanted = s?.required?.length
        ? props.filter(([k]) => s.required!.includes(k))
        : props.slice(0, 1);
      return Object.fromEntries(wanted.map(([key, prop]) => [key, sampleValue(doc, prop)]));
    }

    async function signedIn() {
      const browser = t.newBrowser();
      const up = await browser.client.signUp({ email: uniqueEmail('iso'), password: PASSWORD });
      if (!up.ok) throw new Error(up.error.message);
      return browser;
    }

    it('refuses every org-scoped operation to a non-member and to a member of another org', async () => {
      const owner = await signedIn();
      const target = await owner.client.orgs.create({
        name: 'Target Corp',
        slug: `target-${Date.now().toString(36)}`,
        profile: { description: 'target-secret-description' },
      });
      if (!target.ok) throw new Error(target.error.message);
      const outsider = await signedIn();
      const otherOrgOwner = await signedIn();
      const other = await otherOrgOwner.client.orgs.create({
        name: 'Other Org',
        slug: `other-${Date.now().toString(36)}`,
      });
      if (!other.ok) throw new Error(other.error.message);

      const operations = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/orgs/{orgId}'))
        .flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, op]) => ({ path, method, op })),
        );
      expect(operations.length).toBeGreaterThanOrEqual(3);

      const leaks: string[] = [];
      for (const caller of [outsider, otherOrgOwner]) {
        for (const { path, method, op } of operations) {
          const url = `/api/auth${path.replace('{orgId}', target.data.id).replace(/\{\w+\}/g, 'x')}`;
          const schema = op.requestBody?.content?.['application/json']?.schema;
          const res = await caller.fetch(url, {
            method: method.toUpperCase(),
            ...(schema
              ? {
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify(sampleBody(schema)),
                }
              : {}),
          });
          const text = await res.text();
          if (![403, 404].includes(res.status))
            leaks.push(`${op.operationId}: answered ${res.status} ${text}`);
          for (const secret of [
            target.data.slug,
            'Target Corp',
            'target-secret-description',
            target.data.ownerId,
          ]) {
            if (text.includes(secret)) leaks.push(`${op.operationId}: body contains ${secret}`);
          }
        }
      }
      expect(leaks).toEqual([]);
      // Nothing changed for the owner.
      const after = await owner.client.orgs.get(target.data.id);
      expect(after.ok && after.data).toMatchObject({ name: 'Target Corp', status: 'active' });
    });

    it("refuses another org's resource ids addressed through the caller's own org", async () => {
      const owner = await signedIn();
      const target = await owner.client.orgs.create({
        name: 'Victim Org',
        slug: `victim-${Date.now().toString(36)}`,
      });
      if (!target.ok) throw new Error(target.error.message);
      const orgId = target.data.id;
      const group = await owner.client.groups.create(orgId, { name: 'victim-group' });
      const role = await owner.client.roles.create(orgId, {
        name: 'victim-role',
        permissions: ['org:read'],
      });
      const invite = await owner.client.invitations.create(orgId, { email: uniqueEmail('victim') });
      const link = await owner.client.invitations.createLink(orgId, { maxUses: 5 });
      const domain = await owner.client.domains.add(orgId, { domain: 'victim-example.com' });
      if (!group.ok || !role.ok || !invite.ok || !link.ok || !domain.ok) {
        throw new Error('could not seed the target org');
      }
      const ids: Record<string, string> = {
        groupId: group.data.id,
        name: role.data.name,
        invitationId: invite.data.id,
        linkId: link.data.id,
        domainId: domain.data.id,
        requestId: 'mreq_x',
        userId: target.data.ownerId,
      };

      const attacker = await signedIn();
      const own = await attacker.client.orgs.create({
        name: 'Attacker Org',
        slug: `attacker-${Date.now().toString(36)}`,
      });
      if (!own.ok) throw new Error(own.error.message);

      const operations = Object.entries(doc.paths)
        .filter(([path]) => /^\/orgs\/\{orgId\}\/.*\{\w+\}/.test(path))
        .flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, op]) => ({ path, method, op })),
        );
      const leaks: string[] = [];
      for (const { path, method, op } of operations) {
        const url = `/api/auth${path
          .replace('{orgId}', own.data.id)
          .replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x')}`;
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const res = await attacker.fetch(url, {
          method: method.toUpperCase(),
          ...(schema
            ? {
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(sampleBody(schema)),
              }
            : {}),
        });
        const text = await res.text();
        if (![403, 404].includes(res.status)) {
          leaks.push(`${op.operationId}: answered ${res.status} ${text}`);
        }
        for (const secret of [
          'victim-group',
          'Victim Org',
          'victim-example.com',
          target.data.slug,
        ]) {
          if (text.includes(secret)) leaks.push(`${op.operationId}: body contains ${secret}`);
        }
      }
      expect(operations.length).toBeGreaterThanOrEqual(10);
      expect(leaks).toEqual([]);
      // The victim's resources are untouched.
      const groups = await owner.client.groups.list(orgId);
      expect(groups.ok && groups.data.groups.map((g) => g.name)).toEqual(['victim-group']);
      const links = await owner.client.invitations.listLinks(orgId);
      expect(links.ok && links.data.inviteLinks[0]?.revokedAt).toBeNull();
    });
  },
);
