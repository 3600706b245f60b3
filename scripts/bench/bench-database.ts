import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The bench's own Postgres database, next to the one DATABASE_URL names: created empty (the
 * server under test migrates it), dropped with force at the end, also after a failure.
 */
export interface BenchDatabase {
  readonly url: string;
  readonly name: string;
  readonly serverVersion: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `bourse_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  let serverVersion: string;
  try {
    serverVersion = String((await admin.query<{ server_version: string }>("show server_version")).rows[0]?.server_version);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    serverVersion,
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
