import { describe, expect, it } from 'vitest';
import type { DirectoryGroup, DirectoryUser } from '../ports/directory.js';
import {
  eligibleUsers,
  emptyStats,
  MAX_GROUP_DEPTH,
  membersByGroup,
  parentsFirst,
} from './directory-sync.js';

const user = (externalId: string, fields: Partial<DirectoryUser> = {}): DirectoryUser => ({
  externalId,
  username: externalId,
  email: `${externalId}@acme.test`,
  emailVerified: null,
  name: externalId,
  active: true,
  groupIds: null,
  ...fields,
});
const group = (externalId: string, parentIds: string[] = []): DirectoryGroup => ({
  externalId,
  name: externalId,
  parentIds,
  memberIds: null,
});

describe('eligibleUsers', () => {
  it('takes active users with a sane address at a verified domain, each address once', () => {
    const stats = emptyStats();
    const picked = eligibleUsers(
      [
        user('ann', { email: ' Ann@ACME.test ', name: 'Ann\u0007 Lee' }),
        user('dup', { email: 'ann@acme.test' }),
        user('off', { active: false }),
        user('none', { email: null }),
        user('ctl', { email: 'x\u0000y@acme.test' }),
        user('out', { email: 'out@other.test' }),
        // A subdomain is another domain: the org verified acme.test only.
        user('sub', { email: 'sub@eu.acme.test' }),
      ],
      ['ACME.test'],
      stats,
    );
    expect(picked).toEqual([{ externalId: 'ann', email: 'ann@acme.test', name: 'Ann Lee' }]);
    expect(stats).toMatchObject({
      usersSeen: 7,
      usersSkipped: 6,
      skipped: { duplicate_email: 1, inactive: 1, no_email: 2, outside_domains: 2 },
    });
  });
});

describe('membersByGroup', () => {
  it('merges members listed on groups, on users, and read one group at a time', () => {
    const members = membersByGroup(
      [user('a', { groupIds: ['g1'] }), user('b', { groupIds: ['unknown'] })],
      [{ ...group('g1'), memberIds: ['c'] }, group('g2')],
      new Map([['g2', ['b']]]),
    );
    expect([...members.get('g1')!].sort()).toEqual(['a', 'c']);
    expect([...members.get('g2')!]).toEqual(['b']);
    expect(members.has('unknown')).toBe(false);
  });
});

describe('parentsFirst', () => {
  it('puts parents before children and keeps one parent that is in the directory', () => {
    const order = parentsFirst([
      group('child', ['missing', 'mid']),
      group('mid', ['top']),
      group('top'),
    ]);
    expect(order.map((o) => [o.group.externalId, o.parentId])).toEqual([
      ['top', null],
      ['mid', 'top'],
      ['child', 'mid'],
    ]);
  });

  it('cuts a cycle and nesting deeper than org groups allow', () => {
    const cycle = parentsFirst([group('a', ['b']), group('b', ['a'])]);
    expect(cycle.filter((o) => o.parentId === null)).toHaveLength(1);
    const chain = Array.from({ length: MAX_GROUP_DEPTH + 3 }, (_, i) =>
      group(`g${i}`, i === 0 ? [] : [`g${i - 1}`]),
    );
    const depth = new Map<string, number>();
    for (const { group: g, parentId } of parentsFirst(chain)) {
      depth.set(g.externalId, parentId === null ? 0 : depth.get(parentId)! + 1);
    }
    expect(Math.max(...depth.values())).toBeLessThan(MAX_GROUP_DEPTH);
  });
});
