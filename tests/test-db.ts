import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openPg, openPglite } from "../src/server/db/drivers";
import type { Database } from "../src/server/db/types";
import { withDatabase } from "./global-setup";

export interface TestDatabase extends Database {
  /** "pglite" or "postgres", for test names and skips. */
  label: "pglite" | "postgres";
  /** The connection string of this file's own database (postgres only). */
  url: string | null;
}

/** This file's own database: a fresh in-memory PGlite, or a clone of the run's Postgres template. */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const postgres = inject("postgresTemplate");
  if (!postgres) {
    const database = await openPglite();
    await database.migrate();
    return { ...database, label: "pglite", url: null };
  }
  const name = `${postgres.template}_f${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${postgres.template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(postgres.adminUrl, name);
  const database = await openPg({ url, poolSize: options.poolSize ?? 8, onError: () => {} });
  return {
    ...database,
    label: "postgres",
    url,
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: postgres.adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function hasRealPostgres(): boolean {
  return inject("postgresTemplate") !== null;
}
