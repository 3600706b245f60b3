import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";

/**
 * With TEST_DATABASE_URL (or DATABASE_URL) naming a real Postgres, this run gets a database of
 * its own, migrated once as a template; each test file then clones it (fast) and drops its clone.
 * Everything is dropped at the end, so runs never collide and leave nothing behind.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    project.provide("postgresTemplate", null);
    return;
  }
  const name = `bourse_test_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const templateUrl = withDatabase(adminUrl, name);
  const { openPg } = await import("../src/server/db/drivers");
  const database = await openPg({ url: templateUrl, poolSize: 2, onError: () => {} });
  await database.migrate();
  await database.close();
  project.provide("postgresTemplate", { adminUrl, template: name });

  return async () => {
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname like $1 and pid <> pg_backend_pid()`,
      [`${name}%`],
    );
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
      `${name}%`,
    ]);
    for (const row of rows) await admin.query(`drop database if exists ${row.datname}`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: { adminUrl: string; template: string } | null;
  }
}
