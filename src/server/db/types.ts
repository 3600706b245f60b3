import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

type Schema = typeof schema;

/** What every data function takes first: the database, or a transaction inside it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export type DriverKind = "pglite" | "pg" | "neon";

export interface Database {
  db: Db;
  kind: DriverKind;
  /** Applies the committed migrations in drizzle/; safe to call from several instances. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
