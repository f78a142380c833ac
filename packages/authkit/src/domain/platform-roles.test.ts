import { describe, expect, it } from 'vitest';
import { isPlatformRole, PLATFORM_ROLES, platformCan } from './platform-roles.js';

describe('platform roles', () => {
  it('are admin and support', () => {
    expect(PLATFORM_ROLES).toEqual(['admin', 'support']);
    expect(isPlatformRole('support')).toBe(true);
    expect(isPlatformRole('owner')).toBe(false);
  });

  it('admin reads and writes', () => {
    expect(platformCan('admin', 'read')).toBe(true);
    expect(platformCan('admin', 'write')).toBe(true);
  });

  it('support only reads', () => {
    expect(platformCan('support', 'read')).toBe(true);
    expect(platformCan('support', 'write')).toBe(false);
  });

  it.each([null, undefined, '', 'owner', 'Admin'])('%j gets nothing', (role) => {
    expect(platformCan(role, 'read')).toBe(false);
    expect(platformCan(role, 'write')).toBe(false);
  });
});
