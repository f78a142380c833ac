import { describe, expect, it } from 'vitest';
import { AuthkitError } from './errors.js';
import {
  grants,
  isPermission,
  KNOWN_PERMISSIONS,
  sortUnique,
  validatePermissions,
} from './permissions.js';

describe('isPermission', () => {
  it.each(['org:read', 'members:*', '*', 'my-app_2:do_it', ...KNOWN_PERMISSIONS])(
    'accepts %s',
    (p) => {
      expect(isPermission(p)).toBe(true);
    },
  );

  it.each([
    '',
    'org',
    'Org:read',
    'org:',
    ':read',
    '*:read',
    'org:read:x',
    '1org:read',
    ' org:read',
    '**',
    'org:re*',
  ])('rejects %j', (p) => {
    expect(isPermission(p)).toBe(false);
  });
});

describe('validatePermissions', () => {
  it('names the offending index in the field', () => {
    expect.assertions(3);
    try {
      validatePermissions(['org:read', 'members:*', 'nope'], 'role.permissions');
    } catch (error) {
      expect(error).toBeInstanceOf(AuthkitError);
      expect((error as AuthkitError).code).toBe('invalid_request');
      expect((error as AuthkitError).field).toBe('role.permissions.2');
    }
  });

  it('returns a copy of a valid list', () => {
    expect(validatePermissions(['org:read', '*'])).toEqual(['org:read', '*']);
  });
});

describe('grants', () => {
  it('matches exact permissions only', () => {
    expect(grants(['org:read'], 'org:read')).toBe(true);
    expect(grants(['org:read'], 'org:update')).toBe(false);
    expect(grants([], 'org:read')).toBe(false);
  });

  it('lets `*` cover everything, wildcards included', () => {
    for (const p of [...KNOWN_PERMISSIONS, 'members:*', '*', 'custom:thing']) {
      expect(grants(['*'], p)).toBe(true);
    }
  });

  it('lets `resource:*` cover that resource only', () => {
    expect(grants(['members:*'], 'members:manage')).toBe(true);
    expect(grants(['members:*'], 'members:read')).toBe(true);
    expect(grants(['members:*'], 'members:*')).toBe(true);
    expect(grants(['members:*'], 'org:read')).toBe(false);
    expect(grants(['members:*'], '*')).toBe(false);
    // A resource that merely shares a prefix is a different resource.
    expect(grants(['members:*'], 'membersx:read')).toBe(false);
    expect(grants(['org:*'], 'organisation:read')).toBe(false);
  });

  it('does not let a specific permission cover a wildcard', () => {
    expect(grants(['members:read', 'members:manage'], 'members:*')).toBe(false);
  });

  it('fails closed on malformed input', () => {
    expect(grants(['junk'], 'junk')).toBe(false);
    expect(grants(['*'], 'junk')).toBe(false);
    expect(grants(['members*'], 'members:read')).toBe(false);
  });
});

describe('sortUnique', () => {
  it('sorts by code unit and removes duplicates', () => {
    expect(sortUnique(['b', 'a', 'B', 'a'])).toEqual(['B', 'a', 'b']);
  });
});
