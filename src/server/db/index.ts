import { getEnv } from "@/env";
import { logger } from "../logger";
import { openNeon, openPg, openPglite } from "./drivers";
import type { Database } from "./types";
import { ensureRetrying, processSlot } from "../process-slot";

export type { Database, Db, DbOrTx, DriverKind, Tx } from "./types";

/** One per process: PGlite allows a single client per data folder, and pools are meant to be shared. */
const processDatabase = processSlot<Promise<Database>>("Database");

export function getDatabase(): Promise<Database> {
  // A failure is not kept: the next call tries again.
  return ensureRetrying(processDatabase, openConfigured);
}

async function openConfigured(): Promise<Database> {
  const database = await openDatabase((error) => logger.error({ err: error }, "database pool error"));
  if (database.kind === "pglite") logger.info({ dir: getEnv().PGLITE_DIR }, "embedded PGlite database ready");
  else logger.info({ driver: database.kind }, "database ready");
  return database;
}

/**
 * A database of its own, configured by the server's environment and migrated, for operator
 * commands (`bourse import`) that must not print the server's logs into their output. The
 * caller closes it; with PGlite no other process may have the same data folder open.
 */
export async function openDatabase(onError: (error: Error) => void): Promise<Database> {
  const env = getEnv();
  const database = env.DATABASE_URL
    ? await (env.DATABASE_DRIVER === "neon" ? openNeon : openPg)({
        url: env.DATABASE_URL,
        poolSize: env.DATABASE_POOL_SIZE,
        onError,
      })
    : await openPglite(env.PGLITE_DIR);
  await database.migrate();
  return database;
}
