import { and, asc, count, desc, eq, gt, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type {
  AdminUserFilter,
  AdminUserPage,
  AdminUserRepository,
} from '../../ports/admin-store.js';
import type { Db } from './db.js';
import { memberships, orgs, users } from './schema.js';

/** `%`, `_` and `\` are literal in a search box; LIKE would read them as wildcards. */
const likeEscape = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`);

function filterConditions(filter: AdminUserFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.q) {
    const pattern = `%${likeEscape(filter.q)}%`;
    where.push(
      or(
        sql`${users.email} ilike ${pattern}`,
        sql`${users.name} ilike ${pattern}`,
        eq(users.id, filter.q),
      ) as SQL,
    );
  }
  if (filter.email) where.push(eq(users.email, filter.email));
  if (filter.platformRole === 'none') where.push(sql`${users.platformRoles} = '[]'::jsonb`);
  else if (filter.platformRole === 'any') where.push(sql`${users.platformRoles} <> '[]'::jsonb`);
  else if (filter.platformRole)
    where.push(sql`${users.platformRoles} @> ${JSON.stringify([filter.platformRole])}::jsonb`);
  // A ban past its expiry no longer counts (the database clock decides here).
  const banned = sql`(${users.bannedAt} is not null and (${users.banExpiresAt} is null or ${users.banExpiresAt} > now()))`;
  if (filter.banned === true) where.push(banned);
  if (filter.banned === false) where.push(sql`not ${banned}`);
  if (filter.orgId)
    where.push(
      sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.orgId} = ${filter.orgId})`,
    );
  if (filter.label) where.push(sql`${users.labels} @> ${JSON.stringify([filter.label])}::jsonb`);
  if (filter.createdAfter) where.push(gte(users.createdAt, filter.createdAfter));
  if (filter.createdBefore) where.push(lt(users.createdAt, filter.createdBefore));
  if (filter.activeAfter) where.push(gte(users.lastActiveAt, filter.activeAfter));
  if (filter.activeBefore) where.push(lt(users.lastActiveAt, filter.activeBefore));
  return where;
}

const SORT_COLUMN = {
  created: users.createdAt,
  email: users.email,
  lastActive: users.lastActiveAt,
} as const;

/**
 * The sort value as PostgreSQL prints it: timestamps keep their microseconds, which a JS Date
 * would cut to milliseconds and so repeat or skip rows at a page boundary.
 */
const sortKeyOf = (key: keyof typeof SORT_COLUMN) =>
  key === 'email'
    ? sql<string | null>`${users.email}`
    : sql<
        string | null
      >`to_char(${SORT_COLUMN[key]} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Keyset paging on (sort column, id). `created_at` and `email` are never null: a plain order and
 * a row comparison let PostgreSQL walk `users_created_idx` / the email index from the cursor, so
 * page 2,000 costs what page 1 does. Only `last_active_at` can be null; its nulls come last, and
 * a cursor in the null tail only walks ids.
 */
function keyset(page: AdminUserPage): {
  key: keyof typeof SORT_COLUMN;
  where: SQL | undefined;
  order: SQL[];
} {
  const descending = page.sort.startsWith('-');
  const key = page.sort.replace('-', '') as keyof typeof SORT_COLUMN;
  const column = SORT_COLUMN[key];
  const nullable = key === 'lastActive';
  const direction = sql.raw(descending ? 'desc' : 'asc');
  const order = [
    nullable ? sql`${column} ${direction} nulls last` : sql`${column} ${direction}`,
    descending ? desc(users.id) : asc(users.id),
  ];
  const after = page.after;
  if (!after) return { key, where: undefined, order };
  const pastId = descending ? lt(users.id, after.id) : gt(users.id, after.id);
  if (after.value === null) return { key, where: and(isNull(column), pastId), order };
  const value = key === 'email' ? sql`${after.value}` : sql`${after.value}::timestamptz`;
  const compare = sql.raw(descending ? '<' : '>');
  const beyond = sql`(${column}, ${users.id}) ${compare} (${value}, ${after.id})`;
  return { key, where: nullable ? or(beyond, isNull(column)) : beyond, order };
}

type SortKey = keyof typeof SORT_COLUMN;

/**
 * The support desk's commonest lookup, an exact email (unique, so at most one row and never a
 * cursor), prepared once per handle and sort key: neither Drizzle nor PostgreSQL redo it per call.
 */
const byEmail = new WeakMap<Db, Map<SortKey, ReturnType<typeof prepareByEmail>>>();

function prepareByEmail(db: Db, key: SortKey) {
  return db
    .select({ user: users, sortKey: sortKeyOf(key) })
    .from(users)
    .where(eq(users.email, sql.placeholder('email')))
    .limit(sql.placeholder('limit'))
    .prepare(`catalyst_admin_user_by_email_${key}`);
}

function byEmailStatement(db: Db, key: SortKey) {
  let statements = byEmail.get(db);
  if (!statements) byEmail.set(db, (statements = new Map()));
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = prepareByEmail(db, key)));
  return statement;
}

/** Only `email` is set (other keys absent or undefined). */
const onlyEmail = (filter: AdminUserFilter): filter is AdminUserFilter & { email: string } =>
  Boolean(filter.email) &&
  Object.entries(filter).every(([name, value]) => name === 'email' || value === undefined);

export function createAdminUserRepository(db: Db): AdminUserRepository {
  return {
    async search(filter, page) {
      const { key, where, order } = keyset(page);
      if (onlyEmail(filter) && !page.after) {
        const rows = await byEmailStatement(db, key).execute({
          email: filter.email,
          limit: page.limit,
        });
        return rows.map((r) => ({ ...r.user, sortKey: r.sortKey }));
      }
      const rows = await db
        .select({ user: users, sortKey: sortKeyOf(key) })
        .from(users)
        .where(and(...filterConditions(filter), where))
        .orderBy(...order)
        .limit(page.limit);
      return rows.map((r) => ({ ...r.user, sortKey: r.sortKey }));
    },
    async memberships(userId) {
      return db
        .select({
          orgId: orgs.id,
          slug: orgs.slug,
          name: orgs.name,
          roles: memberships.roles,
          joinedAt: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(orgs, eq(orgs.id, memberships.orgId))
        .where(and(eq(memberships.userId, userId), eq(orgs.status, 'active')))
        .orderBy(asc(orgs.name));
    },
    async setBan(userId, ban, at) {
      const [row] = await db
        .update(users)
        .set({
          bannedAt: ban ? at : null,
          banReason: ban?.reason ?? null,
          banExpiresAt: ban?.expiresAt ?? null,
          updatedAt: at,
        })
        .where(eq(users.id, userId))
        .returning();
      return row ?? null;
    },
    async setName(userId, name, at) {
      const [row] = await db
        .update(users)
        .set({ name, updatedAt: at })
        .where(eq(users.id, userId))
        .returning();
      return row ?? null;
    },
    async ownedOrgs(userId) {
      const rows = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.ownerId, userId));
      return rows.map((r) => r.id);
    },
    async delete(userId) {
      const gone = await db.delete(users).where(eq(users.id, userId)).returning({ id: users.id });
      return gone.length > 0;
    },
    async countAdmins() {
      const [row] = await db
        .select({ n: count() })
        .from(users)
        .where(sql`${users.platformRoles} @> '["admin"]'::jsonb`);
      return row?.n ?? 0;
    },
  };
}
