/**
 * npx tsx scripts/measure-batch-size.ts — the evidence behind ORDER_BATCH_MAX: resting orders
 * placed in-process by 64 clients on one hot market, for several batch limits, on Postgres
 * (DATABASE_URL, a database it creates and drops). Prints orders/s, p50, p99 and the mean
 * batch. Loopback only; a fixed number of orders per limit.
 */
import { getEnv, resetEnvForTests } from "../src/env";
import { createMemoryCache } from "../src/server/cache/memory-cache";
import { openPg } from "../src/server/db/drivers";
import { createMemoryBus } from "../src/server/bus/memory-bus";
import type { ServiceContext } from "../src/server/services/context";
import { orderEntryStats } from "../src/server/services/order-entry/order-entry";
import { placeOrder } from "../src/server/services/trading/place-order";
import { createTestMarket, createTestUser } from "../tests/fixtures";
import { createBenchDatabase } from "./bench/bench-database";

const LIMITS = [1, 4, 16, 64, 256];
const CLIENTS = 64;
const ORDERS = 3_000;

const adminUrl = getEnv().DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const scratch = await createBenchDatabase(adminUrl);
try {
  const rows = [];
  for (const limit of LIMITS) {
    // Each limit gets fresh services (so fresh queues), reading ORDER_BATCH_MAX when first used.
    process.env.ORDER_BATCH_MAX = String(limit);
    resetEnvForTests();
    const database = await openPg({ url: scratch.url, poolSize: 8, onError: () => {} });
    await database.migrate();
    const ctx: ServiceContext = { db: database.db, cache: createMemoryCache(), bus: createMemoryBus() };
    const market = await createTestMarket(ctx);
    const users: string[] = [];
    for (let i = 0; i < CLIENTS; i++) users.push(await createTestUser(ctx, { USD: "10000000.00" }));
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      users.map(async (userId, k) => {
        while (next < ORDERS) {
          const i = next++;
          const t0 = performance.now();
          await placeOrder(ctx, {
            userId,
            market: market.symbol,
            side: "BUY",
            type: "LIMIT",
            price: `${1 + ((i + k) % 50)}.00`,
            quantity: "1",
          });
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    const stats = orderEntryStats(ctx).find((s) => s.market === market.symbol);
    rows.push({
      ORDER_BATCH_MAX: limit,
      ordersPerSecond: Math.round(ORDERS / seconds),
      p50Ms: +at(0.5).toFixed(1),
      p99Ms: +at(0.99).toFixed(1),
      meanBatch: stats ? +(stats.commands / stats.batches).toFixed(1) : 0,
    });
    await database.close();
  }
  console.table(rows);
} finally {
  await scratch.drop();
}
process.exit(0);
