import { openPg, openPglite } from "../src/server/db/drivers";
import type { Database } from "../src/server/db/types";
import { createBenchDatabase } from "./bench/bench-database";

/**
 * A measuring script's own database: a fresh in-memory PGlite, or (given the admin URL of a
 * Postgres) a database created beside it. `drop` removes it; close the database first.
 */
export async function openScratchDatabase(
  adminUrl: string | undefined,
  poolSize: number,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!adminUrl) return { database: await openPglite(), drop: async () => {} };
  const created = await createBenchDatabase(adminUrl);
  const database = await openPg({ url: created.url, poolSize, onError: () => {} });
  return { database, drop: () => created.drop() };
}
