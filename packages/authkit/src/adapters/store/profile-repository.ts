import { eq, sql, type SQL } from 'drizzle-orm';
import type { ProfileRecord, ProfileRepository } from '../../ports/profile-store.js';
import type { Db } from './db.js';
import { userProfiles, users } from './schema.js';

/** Users made before their profile row existed get one on first write. */
function ensureRow(db: Db, userId: string) {
  return db.execute(
    sql`insert into user_profiles (user_id) select id from users where id = ${userId} on conflict do nothing`,
  );
}

/** `data || set - removed`, computed by the database so concurrent edits of other fields survive. */
function mergedData(set: Record<string, unknown>, removed: readonly string[]): SQL {
  let expr = sql`(coalesce(${userProfiles.data}, '{}'::jsonb) || ${JSON.stringify(set)}::jsonb)`;
  for (const key of removed) expr = sql`(${expr} - ${key}::text)`;
  return expr;
}

export function createProfileRepository(db: Db): ProfileRepository {
  async function get(userId: string): Promise<ProfileRecord | null> {
    const [row] = await db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        locale: userProfiles.locale,
        timezone: userProfiles.timezone,
        avatarFileId: userProfiles.avatarFileId,
        data: userProfiles.data,
        profileUpdatedAt: userProfiles.updatedAt,
        userUpdatedAt: users.updatedAt,
      })
      .from(users)
      .leftJoin(userProfiles, eq(userProfiles.userId, users.id))
      .where(eq(users.id, userId))
      .limit(1);
    if (!row) return null;
    const { profileUpdatedAt, userUpdatedAt, ...rest } = row;
    const updatedAt =
      profileUpdatedAt && profileUpdatedAt > userUpdatedAt ? profileUpdatedAt : userUpdatedAt;
    return {
      ...rest,
      locale: rest.locale ?? null,
      timezone: rest.timezone ?? null,
      avatarFileId: rest.avatarFileId ?? null,
      data: rest.data ?? {},
      updatedAt,
    };
  }

  return {
    get,
    async update(userId, changes, at) {
      if (changes.name !== undefined) {
        await db
          .update(users)
          .set({ name: changes.name, updatedAt: at })
          .where(eq(users.id, userId));
      }
      await ensureRow(db, userId);
      const { setFields, removeFields } = changes;
      await db
        .update(userProfiles)
        .set({
          updatedAt: at,
          ...(changes.locale === undefined ? {} : { locale: changes.locale }),
          ...(changes.timezone === undefined ? {} : { timezone: changes.timezone }),
          ...(setFields || removeFields
            ? { data: mergedData(setFields ?? {}, removeFields ?? []) }
            : {}),
        })
        .where(eq(userProfiles.userId, userId));
      return get(userId);
    },
    async swapAvatar(userId, fileId, at) {
      await ensureRow(db, userId);
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ previous: userProfiles.avatarFileId })
          .from(userProfiles)
          .where(eq(userProfiles.userId, userId))
          .for('update');
        if (!row) return null;
        await tx
          .update(userProfiles)
          .set({ avatarFileId: fileId, updatedAt: at })
          .where(eq(userProfiles.userId, userId));
        return { previous: row.previous };
      });
    },
  };
}
