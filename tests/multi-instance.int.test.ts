import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisCache } from "../src/server/cache/redis-cache";
import { findTestService, uniqueName } from "./test-services";
import { openPg } from "../src/server/db/drivers";
import type { Database } from "../src/server/db/types";
import { createPostgresBus } from "../src/server/bus/postgres-bus";
import { createRedisBus } from "../src/server/bus/redis-bus";
import type { EventBus } from "../src/server/bus/types";
import type { TradesStreamItem } from "../src/server/services/markets/market-streams";
import type { ServiceContext } from "../src/server/services/context";
import { callerFor, createTestMarket, createTestUser, sessionUser } from "./fixtures";
import { type Received, readItems, readUntil, streamingCaller } from "./live-helpers";
import { createTestDatabase, hasRealPostgres, type TestDatabase } from "./test-db";

const redis = await findTestService("redis");
const canRun = hasRealPostgres() && redis.isAvailable;
const label = canRun
  ? "[LIVE] three instances on one Postgres and Redis"
  : "SKIPPED (needs TEST_DATABASE_URL and a Redis): [LIVE] three instances on one Postgres and Redis";
if (!canRun) console.warn(`\n*** ${label} ***\n`);

interface Instance {
  services: ServiceContext;
  database: Database;
  bus: EventBus & { waitUntilListening(timeoutMs: number): Promise<boolean> };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

describe.skipIf(!canRun)(label, () => {
  let shared: TestDatabase;
  const instances: Instance[] = [];

  beforeAll(async () => {
    shared = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(instances.map(async (i) => Promise.all([i.bus.close(), i.services.cache.close(), i.database.close()])));
    await shared?.close();
  });

  /** Instances as separate processes would have them: own pool, own cache client, own bus. */
  async function startInstances(kind: "redis" | "postgres"): Promise<Instance[]> {
    const url = shared.url ?? "";
    const channel = uniqueName(kind === "redis" ? "bourse:events_test" : "bourse_events_test");
    const started = await Promise.all(
      [1, 2, 3].map(async () => {
        const database = await openPg({ url, poolSize: 4, onError: () => {} });
        const bus = kind === "redis" ? createRedisBus(redis.url, { channel }) : createPostgresBus(url, { channel });
        const services = { db: database.db, cache: createRedisCache(redis.url), bus };
        return { services, database, bus };
      }),
    );
    for (const instance of started) expect(await instance.bus.waitUntilListening(10_000)).toBe(true);
    instances.push(...started);
    return started;
  }

  for (const kind of ["redis", "postgres"] as const) {
    it(`an order placed on one instance reaches subscribers on all three (${kind} bus)`, async () => {
      const cluster = await startInstances(kind);
      const [first] = cluster;
      if (!first) throw new Error("no instance");
      const market = await createTestMarket(first.services);
      const funds = { USD: "100000.00", [market.base]: "1000" };
      const users = await Promise.all(cluster.map((i) => createTestUser(i.services, funds)));
      const subscribers = await Promise.all(
        cluster.map(async (instance) =>
          (await streamingCaller(instance.services, null).market.onTrades({ market: market.symbol }))[Symbol.asyncIterator](),
        ),
      );
      for (const subscriber of subscribers) await readItems(subscriber, 1);

      const latenciesMs: number[] = [];
      const afterReturnMs: number[] = [];
      const placeMs: number[] = [];
      const rounds = 20;
      for (let round = 0; round < rounds; round++) {
        // Maker and taker on different instances, rotating, so every instance publishes.
        const maker = cluster[round % 3];
        const taker = cluster[(round + 1) % 3];
        const makerId = users[round % 3];
        const takerId = users[(round + 1) % 3];
        if (!maker || !taker || !makerId || !takerId) throw new Error("instance missing");
        await callerFor(maker.services, sessionUser(makerId)).order.place({
          market: market.symbol,
          side: "SELL",
          type: "LIMIT",
          price: "10.00",
          quantity: "0.50",
        });
        const startedMs = performance.now();
        const { trades } = await callerFor(taker.services, sessionUser(takerId)).order.place({
          market: market.symbol,
          side: "BUY",
          type: "LIMIT",
          price: "10.00",
          quantity: "0.50",
        });
        const returnedMs = performance.now();
        placeMs.push(returnedMs - startedMs);
        const tradeId = trades[0]?.id;
        await Promise.all(
          subscribers.map(async (subscriber) => {
            const items: Received<TradesStreamItem>[] = await readUntil(
              subscriber,
              ({ data }) => data.kind === "trade" && data.trade.id === tradeId,
              5_000,
            );
            latenciesMs.push(performance.now() - startedMs);
            afterReturnMs.push(performance.now() - returnedMs);
            expect(items).toHaveLength(1);
          }),
        );
      }
      console.info(
        `[LIVE] ${kind} bus, 3 instances, ${latenciesMs.length} deliveries: order call start -> trade received p50 ${percentile(latenciesMs, 50).toFixed(1)} ms, p95 ${percentile(latenciesMs, 95).toFixed(1)} ms, max ${Math.max(...latenciesMs).toFixed(1)} ms; the order call itself p50 ${percentile(placeMs, 50).toFixed(1)} ms; received after it returned p50 ${percentile(afterReturnMs, 50).toFixed(1)} ms, p95 ${percentile(afterReturnMs, 95).toFixed(1)} ms`,
      );
      // Far below the 1 s poll: the bus, not the fallback poll, delivered them.
      expect(percentile(latenciesMs, 50)).toBeLessThan(500);
      // Cache is shared: a ticker cached by one instance is invalidated by a trade on another.
      const ticker = await callerFor(cluster[2]?.services ?? first.services, null).market.ticker({ symbol: market.symbol });
      expect(ticker.tradeCount).toBe(rounds);
      const makerId = users[0] ?? "";
      await callerFor(first.services, sessionUser(makerId)).order.place({
        market: market.symbol,
        side: "SELL",
        type: "LIMIT",
        price: "10.00",
        quantity: "0.50",
      });
      await callerFor(cluster[1]?.services ?? first.services, sessionUser(users[1] ?? "")).order.place({
        market: market.symbol,
        side: "BUY",
        type: "MARKET",
        quantity: "0.50",
      });
      expect(
        (await callerFor(cluster[2]?.services ?? first.services, null).market.ticker({ symbol: market.symbol })).tradeCount,
      ).toBe(rounds + 1);
      for (const subscriber of subscribers) await subscriber.return?.();
    });
  }
});
