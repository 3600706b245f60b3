import { afterAll, beforeAll } from "vitest";
import type { ServiceContext } from "../src/server/services/context";
import { createTestServices } from "./fixtures";
import { createTestDatabase, type TestDatabase } from "./test-db";

/** What a test needs of the file's database; opening and closing it is this helper's business. */
type FileDatabase = Pick<TestDatabase, "db" | "label" | "url">;

interface FileServices {
  readonly services: ServiceContext;
  readonly database: FileDatabase;
}

/**
 * This file's own database and services for the whole file: created before its first test,
 * closed after its last. Both are returned at once, before they exist, so a file can write
 * `const { services, database } = servicesForThisFile();` at its top and use them in any test;
 * each reads through to the real one, and throws if read before beforeAll has run.
 */
export function servicesForThisFile(options: { poolSize?: number } = {}): FileServices {
  let opened: { database: TestDatabase; services: ServiceContext } | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase(options);
    opened = { database, services: createTestServices(database.db) };
  });
  afterAll(async () => {
    await opened?.database.close();
  });
  const current = () => {
    if (!opened) throw new Error("servicesForThisFile: use the services inside a test or hook, after beforeAll");
    return opened;
  };
  return { services: servicesThrough(() => current().services), database: databaseThrough(() => current().database) };
}

// Getters, not a Proxy: spreading a stand-in (`{ ...services, cache }`) must copy the real fields.
function servicesThrough(read: () => ServiceContext): ServiceContext {
  return {
    get db() {
      return read().db;
    },
    get cache() {
      return read().cache;
    },
    get bus() {
      return read().bus;
    },
  };
}

function databaseThrough(read: () => TestDatabase): FileDatabase {
  return {
    get db() {
      return read().db;
    },
    get label() {
      return read().label;
    },
    get url() {
      return read().url;
    },
  };
}
