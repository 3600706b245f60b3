import { afterAll, beforeAll } from "vitest";
import type { ServiceContext } from "../src/server/services/context";
import { createTestServices } from "./fixtures";
import { createTestDatabase, type TestDatabase } from "./test-db";

/**
 * This file's own database and services for the whole file: created before its first test,
 * closed after its last. Read `.services` inside tests (it is set once beforeAll has run).
 */
export function servicesForThisFile(options: { poolSize?: number } = {}): {
  readonly services: ServiceContext;
  readonly database: TestDatabase;
} {
  let database: TestDatabase | undefined;
  let services: ServiceContext | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(options);
    services = createTestServices(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });
  return {
    get services() {
      if (!services) throw new Error("servicesForThisFile: read .services inside a test, after beforeAll");
      return services;
    },
    get database() {
      if (!database) throw new Error("servicesForThisFile: read .database inside a test, after beforeAll");
      return database;
    },
  };
}
