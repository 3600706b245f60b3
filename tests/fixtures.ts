import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { createContext, type AuthUser } from "../src/server/api/context";
import { createCaller } from "../src/server/api/root";
import { createMemoryCache } from "../src/server/cache/memory-cache";
import { assets, markets, users } from "../src/server/db/schema";
import type { Db } from "../src/server/db/types";
import type { ApiKeyScope } from "../src/server/db/schema";
import { createMemoryBus } from "../src/server/events/memory-bus";
import type { ServiceContext } from "../src/server/services/context";
import { deposit } from "../src/server/services/accounts/funding";
import { ensureSystemAccounts } from "../src/server/services/demo/seed-demo";
import { createTestDatabase, type TestDatabase } from "./test-db";

export function createTestServices(db: Db): ServiceContext {
  return { db, cache: createMemoryCache(), bus: createMemoryBus() };
}

export const uniqueSuffix = () => randomBytes(3).toString("hex").toUpperCase();

/** USD (scale 2) and a fresh base asset (scale 4) with a market: tick 0.01, step 0.01, fees 10/20 bps. */
export async function createTestMarket(
  services: ServiceContext,
  overrides: Partial<typeof markets.$inferInsert> = {},
): Promise<{ symbol: string; base: string; quote: string }> {
  await ensureSystemAccounts(services.db);
  const base = `T${uniqueSuffix()}`;
  await services.db
    .insert(assets)
    .values([{ symbol: "USD", name: "US Dollar", scale: 2 }])
    .onConflictDoNothing();
  await services.db.insert(assets).values({ symbol: base, name: `Test ${base}`, scale: 4 });
  const symbol = `${base}-USD`;
  await services.db.insert(markets).values({
    symbol,
    baseAsset: base,
    quoteAsset: "USD",
    priceTick: 1n,
    quantityStep: 100n,
    minQuantity: 100n,
    minNotional: 100n,
    makerFeeBps: 10,
    takerFeeBps: 20,
    ...overrides,
  });
  return { symbol, base, quote: "USD" };
}

export async function createTestUser(
  services: ServiceContext,
  funds: Record<string, string> = {},
  role: "trader" | "admin" = "trader",
): Promise<string> {
  const [row] = await services.db
    .insert(users)
    .values({ email: `user-${uniqueSuffix().toLowerCase()}@test.local`, name: "Test user", role })
    .returning({ id: users.id });
  if (!row) throw new Error("user insert failed");
  for (const [asset, amount] of Object.entries(funds)) await deposit(services, { userId: row.id, asset, amount });
  return row.id;
}

export function sessionUser(id: string, role: "trader" | "admin" = "trader"): AuthUser {
  return { id, role, via: { kind: "session" } };
}

export function keyUser(id: string, scopes: ApiKeyScope[]): AuthUser {
  return { id, role: "trader", via: { kind: "apiKey", keyId: "test-key", scopes } };
}

export function callerFor(services: ServiceContext, user: AuthUser | null) {
  return createCaller(createContext({ services, user }));
}

/**
 * This test file's own database and services: opened before its first test, closed after its
 * last. Read the fields inside tests and hooks (they are set once beforeAll has run).
 */
export function servicesForThisFile(): { readonly database: TestDatabase; readonly services: ServiceContext } {
  let database: TestDatabase | undefined;
  let services: ServiceContext | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    services = createTestServices(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("servicesForThisFile: read inside a test or hook, after beforeAll");
    return value;
  };
  return {
    get database() {
      return opened(database);
    },
    get services() {
      return opened(services);
    },
  };
}
