import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Schema } from './schema.js';

/** A Drizzle handle on either driver, or a transaction on one: repositories accept all of them. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
