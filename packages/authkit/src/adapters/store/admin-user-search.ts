import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { AdminUserFilter, AdminUserPage } from '../../ports/admin-store.js';
import type { UserRecord } from '../../ports/store.js';
import type { Db } from './db.js';
import { memberships, users } from './schema.js';

/** `%`, `_` and `\` are literal in a search box; LIKE would read them as wildcards. */
const likeEscape = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * A statement being put together: its conditions hold placeholders, `shape` names which SQL was
 * written (never a value), and `params` holds the values, so one compiled statement serves every
 * search of the same shape.
 */
class Bound {
  readonly where: SQL[] = [];
  readonly shape: string[] = [];
  readonly params: Record<string, unknown> = {};

  value(name: string, value: unknown) {
    this.params[name] = value;
    return sql.placeholder(name);
  }

  add(token: string, condition: SQL | undefined) {
    this.shape.push(token);
    if (condition) this.where.push(condition);
  }
}

function filterConditions(filter: AdminUserFilter, b: Bound): void {
  if (filter.q) {
    const pattern = b.value('q', `%${likeEscape(filter.q)}%`);
    b.add(
      'q',
      or(
        sql`${users.email} ilike ${pattern}`,
        sql`${users.name} ilike ${pattern}`,
        eq(users.id, b.value('qId', filter.q)),
      ),
    );
  }
  if (filter.email) b.add('email', eq(users.email, b.value('email', filter.email)));
  if (filter.platformRole === 'none') b.add('role:none', sql`${users.platformRoles} = '[]'::jsonb`);
  else if (filter.platformRole === 'any')
    b.add('role:any', sql`${users.platformRoles} <> '[]'::jsonb`);
  else if (filter.platformRole)
    b.add(
      'role',
      sql`${users.platformRoles} @> ${b.value('role', JSON.stringify([filter.platformRole]))}::jsonb`,
    );
  // A ban past its expiry no longer counts (the database clock decides here).
  const banned = sql`(${users.bannedAt} is not null and (${users.banExpiresAt} is null or ${users.banExpiresAt} > now()))`;
  if (filter.banned === true) b.add('banned', banned);
  if (filter.banned === false) b.add('unbanned', sql`not ${banned}`);
  if (filter.orgId)
    b.add(
      'org',
      sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id} and ${memberships.orgId} = ${b.value('org', filter.orgId)})`,
    );
  if (filter.label)
    b.add(
      'label',
      sql`${users.labels} @> ${b.value('label', JSON.stringify([filter.label]))}::jsonb`,
    );
  const range = [
    ['createdAfter', gte, users.createdAt],
    ['createdBefore', lt, users.createdAt],
    ['activeAfter', gte, users.lastActiveAt],
    ['activeBefore', lt, users.lastActiveAt],
  ] as const;
  for (const [name, compare, column] of range) {
    const at = filter[name];
    if (at) b.add(name, compare(column, b.value(name, at)));
  }
}

/** The user's columns and the sort key side by side: rows come back flat, nothing to copy. */
const USER_COLUMNS = getTableColumns(users);

const SORT_COLUMN = {
  created: users.createdAt,
  email: users.email,
  lastActive: users.lastActiveAt,
} as const;

type SortKey = keyof typeof SORT_COLUMN;

/**
 * The sort value as PostgreSQL prints it: timestamps keep their microseconds, which a JS Date
 * would cut to milliseconds and so repeat or skip rows at a page boundary.
 */
export const sortKeyOf = (key: SortKey) =>
  key === 'email'
    ? sql<string | null>`${users.email}`
    : sql<
        string | null
      >`to_char(${SORT_COLUMN[key]} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Keyset paging on (sort column, id) with a plain order and a row comparison, so PostgreSQL walks
 * `users_created_idx` / the email index / `users_last_active_idx` from the cursor, forwards or
 * backwards, and page 2,000 costs what page 1 does. `last_active_at` can be null, and users who
 * were never active come last in both directions: that is two segments (the dated rows, then
 * the null tail in id order), each an index walk with no OR. The second runs only when the first
 * does not fill the page. Each segment adds its conditions to a copy of the filter's `Bound`.
 */
function segments(page: AdminUserPage, filtered: () => Bound): { key: SortKey; parts: Bound[] } {
  const descending = page.sort.startsWith('-');
  const key = page.sort.replace('-', '') as SortKey;
  const column = SORT_COLUMN[key];
  const after = page.after;
  const compare = sql.raw(descending ? '<' : '>');
  const beyond = (b: Bound, value: string) => {
    const at = b.value('afterValue', value);
    const typed = key === 'email' ? sql`${at}` : sql`${at}::timestamptz`;
    return sql`(${column}, ${users.id}) ${compare} (${typed}, ${b.value('afterId', after!.id)})`;
  };
  const part = (build: (b: Bound) => void) => {
    const b = filtered();
    build(b);
    return b;
  };
  if (key !== 'lastActive') {
    return {
      key,
      parts: [part((b) => after?.value && b.add('after', beyond(b, after.value)))],
    };
  }
  const idBeyond = (b: Bound, id: string) => {
    const at = b.value('afterId', id);
    return descending ? lt(users.id, at) : gt(users.id, at);
  };
  const tail = part((b) => {
    b.add('null-tail', isNull(column));
    if (after?.value === null) b.add('tail-after', idBeyond(b, after.id));
  });
  // A cursor already in the null tail: only the rest of the tail is left.
  if (after?.value === null) return { key, parts: [tail] };
  const dated = part((b) => {
    b.add('dated', isNotNull(column));
    if (after?.value) b.add('after', beyond(b, after.value));
  });
  return { key, parts: [dated, tail] };
}

/**
 * Compiled search statements, one per handle and shape (sort, filters present, segment): Drizzle
 * builds each once. They stay unnamed on the server (`prepare('')`), so PostgreSQL still plans
 * each search for its values: a rare label and a common one need different plans, and a generic
 * plan would fit one of them badly. Shapes are bounded by the filter's keys; the cap is a guard.
 */
const compiled = new WeakMap<Db, Map<string, ReturnType<typeof compile>>>();
const MAX_SHAPES = 256;

function compile(db: Db, key: SortKey, descending: boolean, b: Bound) {
  const column = SORT_COLUMN[key];
  return db
    .select({ ...USER_COLUMNS, sortKey: sortKeyOf(key) })
    .from(users)
    .where(and(...b.where))
    .orderBy(...(descending ? [desc(column), desc(users.id)] : [asc(column), asc(users.id)]))
    .limit(sql.placeholder('limit'))
    .prepare('');
}

function statementFor(db: Db, key: SortKey, descending: boolean, b: Bound) {
  let statements = compiled.get(db);
  if (!statements) compiled.set(db, (statements = new Map()));
  const shape = `${descending ? '-' : ''}${key}|${b.shape.join(',')}`;
  let statement = statements.get(shape);
  if (!statement) {
    statement = compile(db, key, descending, b);
    if (statements.size < MAX_SHAPES) statements.set(shape, statement);
  }
  return statement;
}

/**
 * The support desk's commonest lookup, an exact email (unique, so at most one row and never a
 * cursor), prepared once per handle and sort key: neither Drizzle nor PostgreSQL redo it per call.
 */
const byEmail = new WeakMap<Db, Map<SortKey, ReturnType<typeof prepareByEmail>>>();

function prepareByEmail(db: Db, key: SortKey) {
  return db
    .select({ ...USER_COLUMNS, sortKey: sortKeyOf(key) })
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

/** `AdminUserRepository.search`: at most `page.limit` rows with their sort keys. */
export async function searchUsers(
  db: Db,
  filter: AdminUserFilter,
  page: AdminUserPage,
): Promise<Array<UserRecord & { sortKey: string | null }>> {
  const descending = page.sort.startsWith('-');
  if (onlyEmail(filter) && !page.after) {
    const key = page.sort.replace('-', '') as SortKey;
    const rows = await byEmailStatement(db, key).execute({
      email: filter.email,
      limit: page.limit,
    });
    return rows;
  }
  const { key, parts } = segments(page, () => {
    const b = new Bound();
    filterConditions(filter, b);
    return b;
  });
  const found: Array<UserRecord & { sortKey: string | null }> = [];
  for (const part of parts) {
    if (found.length >= page.limit) break;
    const rows = await statementFor(db, key, descending, part).execute({
      ...part.params,
      limit: page.limit - found.length,
    });
    found.push(...rows);
  }
  return found;
}
