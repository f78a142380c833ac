import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../test/drivers.js';
import { instanceOn } from '../../test/instances.js';
import type { StoragePort, StoredFile } from '../ports/storage.js';
import { createTestInstance, type TestInstance } from '../testing/create-test-instance.js';
import { SVG_WITH_SCRIPT, jpeg, png, put, signedIn, type Browser } from './uploads.fixtures.js';

let n = 0;

async function orgOf(owner: Browser) {
  const org = await owner.client.orgs.create({
    name: 'Logo Co',
    slug: `logo-${n++}-${Date.now()}`,
  });
  if (!org.ok) throw new Error(org.error.message);
  return org.data.id;
}

describe.each(DRIVERS)('org logos (%s)', (driver) => {
  let t: TestInstance;
  beforeAll(async () => {
    t = await instanceOn(driver);
  });
  afterAll(() => t.close());

  it('sets profile.logoUrl to the served file, replaces it, and removes it', async () => {
    const owner = await signedIn(t);
    const orgId = await orgOf(owner);
    const first = await owner.profile.uploadOrgLogo(orgId, new Blob([await png()]));
    if (!first.ok) throw new Error(first.error.message);
    const url = first.data.profile.logoUrl!;
    expect(url).toMatch(/^http:\/\/localhost:3000\/api\/auth\/files\/file_/);
    const served = await owner.fetch(url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');

    const second = await owner.profile.uploadOrgLogo(orgId, new Blob([await jpeg()]));
    expect(second.ok && second.data.profile.logoUrl).not.toBe(url);
    expect((await owner.fetch(url)).status).toBe(404);

    expect((await owner.profile.deleteOrgLogo(orgId)).ok).toBe(true);
    const org = await owner.client.orgs.get(orgId);
    expect(org.ok && org.data.profile.logoUrl).toBeUndefined();
    expect((await owner.fetch(second.ok ? second.data.profile.logoUrl! : '')).status).toBe(404);
  });

  it("never deletes another org's file that a hand-set logoUrl points to", async () => {
    const victim = await signedIn(t);
    const victimOrg = await orgOf(victim);
    const uploaded = await victim.profile.uploadOrgLogo(victimOrg, new Blob([await png()]));
    const victimUrl = uploaded.ok ? uploaded.data.profile.logoUrl! : '';
    const attacker = await signedIn(t);
    const attackerOrg = await orgOf(attacker);
    await attacker.client.orgs.update(attackerOrg, { profile: { logoUrl: victimUrl } });
    expect((await attacker.profile.uploadOrgLogo(attackerOrg, new Blob([await png()]))).ok).toBe(
      true,
    );
    expect((await attacker.profile.deleteOrgLogo(attackerOrg)).ok).toBe(true);
    expect((await victim.fetch(victimUrl)).status).toBe(200);
  });

  it('refuses a plain member (403), an outsider (404), and a bad image (415)', async () => {
    const owner = await signedIn(t);
    const orgId = await orgOf(owner);
    const member = await signedIn(t);
    const added = await owner.client.orgs.addMember(orgId, {
      userId: member.userId,
      roles: ['member'],
    });
    expect(added.ok).toBe(true);
    const outsider = await signedIn(t);
    const image = await png();

    const asMember = await put(member, `/orgs/${orgId}/logo`, image);
    expect(asMember.status).toBe(403);
    expect(((await asMember.json()) as { code: string }).code).toBe('forbidden');
    expect((await member.fetch(`/api/auth/orgs/${orgId}/logo`, { method: 'DELETE' })).status).toBe(
      403,
    );
    for (const res of [
      await put(outsider, `/orgs/${orgId}/logo`, image),
      // An outsider learns nothing from a bad upload either: the membership check comes first.
      await put(outsider, `/orgs/${orgId}/logo`, SVG_WITH_SCRIPT, 'image/svg+xml'),
      await outsider.fetch(`/api/auth/orgs/${orgId}/logo`, { method: 'DELETE' }),
    ]) {
      expect(res.status).toBe(404);
    }
    const bad = await put(owner, `/orgs/${orgId}/logo`, SVG_WITH_SCRIPT, 'image/svg+xml');
    expect(bad.status).toBe(415);
    const org = await owner.client.orgs.get(orgId);
    expect(org.ok && org.data.profile.logoUrl).toBeUndefined();
  });
});

describe('uploads through an app-supplied StoragePort', () => {
  const files = new Map<string, StoredFile>();
  const storage: StoragePort = {
    async put(file) {
      const id = `file_custom${files.size}`;
      const info = { id, contentType: file.contentType, size: file.bytes.byteLength, sha256: 'ab' };
      files.set(id, { ...file, ...info });
      return info;
    },
    get: async (id) => files.get(id) ?? null,
    delete: async (id) => void files.delete(id),
  };
  let t: TestInstance;
  beforeAll(async () => {
    t = await createTestInstance({
      storage,
      rateLimits: { uploadsPerUser: { points: 2, durationSeconds: 60 } },
    });
  });
  afterAll(() => t.close());

  it('stores there, serves from there, and limits uploads per user', async () => {
    const b = await signedIn(t);
    const first = await b.profile.uploadAvatar(new Blob([await png()]));
    expect(first.ok && first.data.avatarUrl).toMatch(/\/files\/file_custom0$/);
    expect(files.get('file_custom0')?.ownerId).toBe(b.userId);
    const served = await b.fetch(first.ok ? first.data.avatarUrl! : '');
    expect(served.headers.get('etag')).toBe('"ab"');
    await b.profile.uploadAvatar(new Blob([await png()]));
    expect(files.has('file_custom0')).toBe(false);
    const third = await b.profile.uploadAvatar(new Blob([await png()]));
    expect(!third.ok && third.error.code).toBe('rate_limited');
  });
});
