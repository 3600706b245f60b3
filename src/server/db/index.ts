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
  const env = getEnv();
  const onError = (error: Error) => logger.error({ err: error }, "database pool error");
  if (!env.DATABASE_URL) {
    const database = await openPglite(env.PGLITE_DIR);
    await database.migrate();
    logger.info({ dir: env.PGLITE_DIR }, "embedded PGlite database ready");
    return database;
  }
  const options = { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, onError };
  const database = env.DATABASE_DRIVER === "neon" ? await openNeon(options) : await openPg(options);
  await database.migrate();
  logger.info({ driver: database.kind }, "database ready");
  return database;
}
