import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSchema, sampleValue, type OpenApi, type Schema } from '../../test/openapi.js';
import type { TestInstance } from '../testing/create-test-instance.js';
import { DRIVERS } from '../../test/drivers.js';
import { PASSWORD, instanceOn, uniqueEmail } from '../../test/instances.js';

// Generated from the OpenAPI document: every operation under /admin answers 403 to a signed-in
// user without a platform role and to an org owner, and `support` gets 403 on every write. A route
// added under /admin later is covered without editing this file.

describe.each(DRIVERS)(
  'platform authorization, generated from the OpenAPI document (%s)',
  (driver) => {
    let t: TestInstance;
    let doc: OpenApi;
    beforeAll(async () => {
      t = await instanceOn(driver);
      doc = (await (await t.fetch('/api/auth/openapi.json')).json()) as OpenApi;
    });
    afterAll(() => t.close());

    /** A body that passes validation, so the request reaches the authorization check. */
    function sampleBody(schema: Schema | undefined): Record<string, unknown> {
      const s = resolveSchema(doc, schema);
      const props = Object.entries(s?.properties ?? {});
      const wanted = s?.required?.length
        ? props.filter(([k]) => s.required!.includes(k))
        : props.slice(0, 1);
      return Object.fromEntries(wanted.map(([key, prop]) => [key, sampleValue(doc, prop)]));
    }

    async function signedIn(tag: string) {
      const browser = t.newBrowser();
      const email = uniqueEmail(tag);
      const up = await browser.client.signUp({ email, password: PASSWORD });
      if (!up.ok) throw new Error(up.error.message);
      return { ...browser, email, id: up.data.user.id };
    }

    const operations = () =>
      Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/admin/'))
        .flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, op]) => ({ path, method, op })),
        );

    async function call(
      caller: { fetch: typeof fetch },
      target: string,
      { path, method, op }: ReturnType<typeof operations>[number],
    ) {
      const url = `/api/auth${path.replace('{userId}', target).replace(/\{\w+\}/g, 'x')}`;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      return caller.fetch(url, {
        method: method.toUpperCase(),
        ...(schema
          ? {
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(sampleBody(schema)),
            }
          : {}),
      });
    }

    it('refuses every /admin operation to a signed-in user and to an org owner', async () => {
      const victim = await signedIn('victim');
      const member = await signedIn('member');
      const owner = await signedIn('owner');
      const org = await owner.client.orgs.create({
        name: 'Owner Org',
        slug: `own-${Date.now().toString(36)}`,
      });
      if (!org.ok) throw new Error(org.error.message);
      // The victim belongs to the owner's org: owning an org gives no platform rights over members.
      await t.authkit.api.users.setPlatformRoles(victim.email, []);

      const ops = operations();
      expect(ops.length).toBeGreaterThanOrEqual(15);
      const wrong: string[] = [];
      for (const caller of [member, owner]) {
        for (const op of ops) {
          const res = await call(caller, victim.id, op);
          if (res.status !== 403)
            wrong.push(`${op.op.operationId}: ${res.status} ${await res.text()}`);
        }
      }
      expect(wrong).toEqual([]);
      // The victim is untouched: still signed in, not banned, not deleted.
      const session = await victim.client.getSession();
      expect(session.ok && session.data.user?.id).toBe(victim.id);
    });

    it('lets support read and refuses support every write', async () => {
      const support = await signedIn('support');
      await t.authkit.api.users.setPlatformRoles(support.email, ['support']);
      const victim = await signedIn('victim');
      const wrong: string[] = [];
      for (const op of operations()) {
        const res = await call(support, victim.id, op);
        const read = op.method === 'get';
        if (read ? res.status === 403 : res.status !== 403)
          wrong.push(`${op.op.operationId} (${op.method}): ${res.status} ${await res.text()}`);
      }
      expect(wrong).toEqual([]);
      const session = await victim.client.getSession();
      expect(session.ok && session.data.user?.id).toBe(victim.id);
    });
  },
);
