import path from "node:path";
import * as schema from "./schema";
import type { Database, Db } from "./types";

/**
 * One constructor per driver. Each is imported lazily so that a deployment on pg never loads
 * PGlite's WASM and the embedded default never loads pg or the Neon WebSocket client.
 */

const migrationsFolder = path.join(process.cwd(), "drizzle");
// Any constant works; it only has to be the same for every instance of Bourse.
const MIGRATION_LOCK_KEY = 7_363_531;

/** `dataDir` undefined: in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (dataDir) {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(dataDir, { recursive: true });
  }
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const native = drizzle(client, { schema });
  return {
    db: native as unknown as Db,
    kind: "pglite",
    migrate: () => migrate(native, { migrationsFolder }),
    ping: async () => {
      await client.query("select 1");
    },
    close: () => client.close(),
  };
}

export interface PgOptions {
  url: string;
  poolSize: number;
  onError: (error: Error) => void;
}

export async function openPg({ url, poolSize, onError }: PgOptions): Promise<Database> {
  const { default: pg } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A runaway query must not hold the market lock forever.
    statement_timeout: 15_000,
    idle_in_transaction_session_timeout: 30_000,
    application_name: "bourse",
    // Short OLTP queries: JIT compilation cost ~250 ms on candle aggregations and never paid back.
    options: "-c jit=off",
  });
  // Without a listener, an idle client's error (e.g. Postgres restarting) kills the process.
  pool.on("error", onError);
  return {
    db: drizzle(pool, { schema }) as unknown as Db,
    kind: "pg",
    // Several instances may start at once: the first migrates under a session lock held on one
    // dedicated connection, the others wait and then find nothing left to do.
    migrate: async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        await migrate(drizzle(client, { schema }), { migrationsFolder });
      } finally {
        await client.end();
      }
    },
    ping: async () => {
      await pool.query("select 1");
    },
    close: () => pool.end(),
  };
}

export async function openNeon({ url, poolSize, onError }: PgOptions): Promise<Database> {
  const { Pool, neonConfig } = await import("@neondatabase/serverless");
  const { drizzle } = await import("drizzle-orm/neon-serverless");
  const { migrate } = await import("drizzle-orm/neon-serverless/migrator");
  const { default: ws } = await import("ws");
  // Node 20 has no global WebSocket.
  neonConfig.webSocketConstructor = ws;
  const pool = new Pool({ connectionString: url, max: poolSize });
  pool.on("error", onError);
  const native = drizzle(pool, { schema });
  return {
    db: native as unknown as Db,
    kind: "neon",
    migrate: () => migrate(native, { migrationsFolder }),
    ping: async () => {
      await pool.query("select 1");
    },
    close: () => pool.end(),
  };
}
