import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type {
  AdminUserFilter,
  AdminUserPage,
  AdminUserRepository,
} from '../../ports/admin-store.js';
import type { UserRecord } from '../../ports/store.js';
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

type SortKey = keyof typeof SORT_COLUMN;

/** One keyset segment: its conditions, in the order `users_*_idx` can walk (either direction). */
interface Segment {
  where: Array<SQL | undefined>;
  order: SQL[];
}

/**
 * Keyset paging on (sort column, id) with a plain order and a row comparison, so PostgreSQL walks
 * `users_created_idx` / the email index / `users_last_active_idx` from the cursor, forwards or
 * backwards, and page 2,000 costs what page 1 does. `last_active_at` can be null, and users who
 * were never active come last in both directions: that is two segments (the dated rows, then
 * the null tail in id order), each an index walk with no OR. The second runs only when the first
 * does not fill the page.
 */
function segments(page: AdminUserPage): { key: SortKey; parts: Segment[] } {
  const descending = page.sort.startsWith('-');
  const key = page.sort.replace('-', '') as SortKey;
  const column = SORT_COLUMN[key];
  // Both columns one way: `desc` is PostgreSQL's `desc nulls first`, a backward scan of the index.
  const order = descending ? [desc(column), desc(users.id)] : [asc(column), asc(users.id)];
  const after = page.after;
  const compare = sql.raw(descending ? '<' : '>');
  const beyond = (value: string) => {
    const typed = key === 'email' ? sql`${value}` : sql`${value}::timestamptz`;
    return sql`(${column}, ${users.id}) ${compare} (${typed}, ${after!.id})`;
  };
  if (key !== 'lastActive') {
    return { key, parts: [{ where: [after?.value ? beyond(after.value) : undefined], order }] };
  }
  const tail: Segment = {
    where: [
      isNull(column),
      after?.value === null
        ? descending
          ? lt(users.id, after.id)
          : gt(users.id, after.id)
        : undefined,
    ],
    order,
  };
  // A cursor already in the null tail: only the rest of the tail is left.
  if (after?.value === null) return { key, parts: [tail] };
  const dated: Segment = {
    where: [isNotNull(column), after?.value ? beyond(after.value) : undefined],
    order,
  };
  return { key, parts: [dated, tail] };
}

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
      const { key, parts } = segments(page);
      if (onlyEmail(filter) && !page.after) {
        const rows = await byEmailStatement(db, key).execute({
          email: filter.email,
          limit: page.limit,
        });
        return rows.map((r) => ({ ...r.user, sortKey: r.sortKey }));
      }
      const conditions = filterConditions(filter);
      const found: Array<UserRecord & { sortKey: string | null }> = [];
      for (const part of parts) {
        if (found.length >= page.limit) break;
        const rows = await db
          .select({ user: users, sortKey: sortKeyOf(key) })
          .from(users)
          .where(and(...conditions, ...part.where))
          .orderBy(...part.order)
          .limit(page.limit - found.length);
        found.push(...rows.map((r) => ({ ...r.user, sortKey: r.sortKey })));
      }
      return found;
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
      const rows = await db
        .select({ id: orgs.id })
        .from(orgs)
        .where(and(eq(orgs.ownerId, userId), eq(orgs.status, 'active')));
      return rows.map((r) => r.id);
    },
    async handOverDeletedOrgs(from, to) {
      const rows = await db
        .update(orgs)
        .set({ ownerId: to })
        .where(and(eq(orgs.ownerId, from), eq(orgs.status, 'deleted')))
        .returning({ id: orgs.id });
      return rows.map((r) => r.id).sort();
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
