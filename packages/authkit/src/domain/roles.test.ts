import { describe, expect, it } from 'vitest';
import { AuthkitError } from './errors.js';
import { grants, KNOWN_PERMISSIONS } from './permissions.js';
import {
  BUILT_IN_ROLE_PERMISSIONS,
  BUILT_IN_ROLES,
  canGrantRole,
  isBuiltInRole,
  permissionsOf,
  validateCustomRoleName,
} from './roles.js';

const NO_CUSTOM = new Map<string, readonly string[]>();

describe('built-in roles', () => {
  it('owner holds every permission, including unknown app ones', () => {
    const held = permissionsOf(['owner'], NO_CUSTOM);
    expect(held).toEqual(['*']);
    for (const p of [...KNOWN_PERMISSIONS, 'projects:deploy']) expect(grants(held, p)).toBe(true);
  });

  it('admin holds everything but deleting the org, transferring it and its sign-in provider and directory', () => {
    const held = permissionsOf(['admin'], NO_CUSTOM);
    const ownerOnly = ['org:delete', 'org:transfer', 'sso:manage', 'directory:manage'];
    for (const p of KNOWN_PERMISSIONS) {
      expect(grants(held, p)).toBe(!ownerOnly.includes(p));
    }
    expect(held).not.toContain('*');
  });

  it('member can read the org and its members only', () => {
    const held = permissionsOf(['member'], NO_CUSTOM);
    expect(held).toEqual(['members:read', 'org:read']);
    expect(KNOWN_PERMISSIONS.filter((p) => grants(held, p))).toEqual(['org:read', 'members:read']);
  });

  it('lists every built-in role', () => {
    expect([...BUILT_IN_ROLES].sort()).toEqual(Object.keys(BUILT_IN_ROLE_PERMISSIONS).sort());
    expect(isBuiltInRole('owner')).toBe(true);
    expect(isBuiltInRole('billing')).toBe(false);
  });
});

describe('permissionsOf', () => {
  const custom = new Map<string, readonly string[]>([
    ['billing', ['entitlements:manage', 'org:read']],
    ['auditor', ['audit:read', 'org:read']],
    // Reserved names cannot be created, but a stray entry must not redefine a built-in either.
    ['member', ['*']],
  ]);

  it('unions built-in and custom roles, sorted and unique', () => {
    expect(permissionsOf(['member', 'billing', 'auditor'], custom)).toEqual([
      'audit:read',
      'entitlements:manage',
      'members:read',
      'org:read',
    ]);
  });

  it('ignores unknown role names', () => {
    expect(permissionsOf(['ghost', 'auditor'], custom)).toEqual(['audit:read', 'org:read']);
    expect(permissionsOf([], custom)).toEqual([]);
  });

  it('prefers the built-in definition over a custom entry with the same name', () => {
    expect(permissionsOf(['member'], custom)).toEqual(['members:read', 'org:read']);
  });
});

describe('canGrantRole', () => {
  it('allows a role made of permissions the creator holds', () => {
    expect(canGrantRole(['roles:manage', 'audit:read', 'org:read'], ['audit:read'])).toEqual({
      ok: true,
    });
    expect(canGrantRole(['*'], ['*', 'members:*', 'org:delete'])).toEqual({ ok: true });
    expect(canGrantRole(['roles:manage'], [])).toEqual({ ok: true });
  });

  it('refuses privilege escalation and lists what is missing', () => {
    const admin = permissionsOf(['admin'], NO_CUSTOM);
    expect(canGrantRole(admin, ['org:read', 'org:delete', 'org:transfer', 'org:delete'])).toEqual({
      ok: false,
      missing: ['org:delete', 'org:transfer'],
    });
  });

  it('counts wildcards on both sides', () => {
    const creator = ['roles:manage', 'members:*'];
    expect(canGrantRole(creator, ['members:manage', 'members:read'])).toEqual({ ok: true });
    expect(canGrantRole(creator, ['members:*'])).toEqual({ ok: true });
    expect(canGrantRole(creator, ['members:manage', '*'])).toEqual({ ok: false, missing: ['*'] });
    expect(canGrantRole(['members:read', 'members:manage'], ['members:*'])).toEqual({
      ok: false,
      missing: ['members:*'],
    });
  });

  it('never grants a malformed permission', () => {
    expect(canGrantRole(['*'], ['Org:Read'])).toEqual({ ok: false, missing: ['Org:Read'] });
  });
});

describe('validateCustomRoleName', () => {
  it.each(['billing', 'a', 'read-only_2', 'x'.repeat(40)])('accepts %s', (name) => {
    expect(validateCustomRoleName(name)).toBe(name);
  });

  it.each(['', 'Billing', '1st', '-x', '_x', 'has space', 'x'.repeat(41), 'role:x'])(
    'rejects %j as malformed',
    (name) => {
      expect(() => validateCustomRoleName(name, 'role.name')).toThrow(
        expect.objectContaining({ code: 'invalid_request', field: 'role.name' }),
      );
    },
  );

  it.each(BUILT_IN_ROLES)('rejects the reserved name %s', (name) => {
    expect.assertions(3);
    try {
      validateCustomRoleName(name);
    } catch (error) {
      expect(error).toBeInstanceOf(AuthkitError);
      expect((error as AuthkitError).field).toBe('name');
      expect((error as AuthkitError).message).toMatch(/built-in/);
    }
  });
});
