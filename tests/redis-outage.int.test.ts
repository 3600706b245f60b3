import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisCache } from "../src/server/cache/redis-cache";
import { uniqueName } from "./test-services";
import { CACHE_KEY_PREFIX } from "../src/server/cache/types";
import { createRedisBus, type RedisEventBus } from "../src/server/bus/redis-bus";
import { cacheKeys } from "../src/server/services/cache-keys";
import type { ServiceContext } from "../src/server/services/context";
import { servicesForThisFile } from "./file-services";
import { callerFor, createTestMarket, createTestUser, sessionUser } from "./fixtures";
import { readItems, readUntil, streamingCaller } from "./live-helpers";
import { hasRealPostgres } from "./test-db";
import { startThrowawayRedis, type ThrowawayRedis } from "./throwaway-redis";

const { database } = servicesForThisFile();
let redis: ThrowawayRedis;
const buses: RedisEventBus[] = [];
const instances: ServiceContext[] = [];

beforeAll(async () => {
  redis = await startThrowawayRedis();
  const channel = uniqueName("bourse:events_test");
  // Two instances on one database, sharing the throwaway Redis for cache and bus.
  for (let i = 0; i < 2; i++) {
    const bus = createRedisBus(redis.url, { channel, reconnectMaxDelayMs: 500 });
    buses.push(bus);
    instances.push({ db: database.db, cache: createRedisCache(redis.url, { reconnectMaxDelayMs: 500 }), bus });
  }
  for (const bus of buses) expect(await bus.waitUntilListening(5_000)).toBe(true);
});
afterAll(async () => {
  await Promise.all(instances.map(async (i) => Promise.all([i.bus.close(), i.cache.close()])));
  await redis?.stop();
});

/** Publishes probe signals until a subscriber of the same bus hears one (at most 10 s). */
async function isHeardAgain(bus: RedisEventBus): Promise<boolean> {
  const topic = uniqueName("probe");
  let isHeard = false;
  const unsubscribe = bus.subscribe((signal) => {
    if (signal.topics.includes(topic)) isHeard = true;
  });
  try {
    for (let attempt = 0; attempt < 100 && !isHeard; attempt++) {
      await bus.publish({ topics: [topic], seq: String(attempt + 1) });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return isHeard;
  } finally {
    unsubscribe();
  }
}

/** Runs `work` and says how long it took. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe(`[LIVE] Redis stopped mid-test (throwaway redis-server, ${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("reads answer from the database within a bounded time, streams keep flowing by polling, and both recover", async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error("instances missing");
    const market = await createTestMarket(a);
    const funds = { USD: "100000.00", [market.base]: "1000" };
    const maker = callerFor(a, sessionUser(await createTestUser(a, funds)));
    const taker = callerFor(b, sessionUser(await createTestUser(a, funds)));
    const reader = callerFor(a, null);
    const inspect = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    inspect.on("error", () => {});
    await inspect.connect();

    const trade = async () => {
      await maker.order.place({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "0.50" });
      const { trades } = await taker.order.place({
        market: market.symbol,
        side: "BUY",
        type: "LIMIT",
        price: "10.00",
        quantity: "0.50",
      });
      return trades[0]?.id;
    };
    const readAll = () =>
      Promise.all([
        reader.market.list(),
        reader.market.ticker({ symbol: market.symbol }),
        reader.market.orderBook({ market: market.symbol }),
        reader.market.candles({ market: market.symbol, interval: "1m" }),
      ]);

    await trade();
    const warm = await readAll();
    expect(await inspect.exists(CACHE_KEY_PREFIX + cacheKeys.ticker(market.symbol))).toBe(1);
    const stream = (await streamingCaller(b, null).market.onTrades({ market: market.symbol }))[Symbol.asyncIterator]();
    await readItems(stream, 1);

    inspect.disconnect();
    await redis.stop();
    // Every read still answers, from Postgres, each well within a second.
    const downReadsMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { value, ms } = await timed(readAll);
      downReadsMs.push(Math.round(ms));
      expect(ms).toBeLessThan(1_500);
      expect(value[1].tradeCount).toBe(warm[1].tradeCount);
    }
    // A trade while Redis is down: the signal is lost, the poll delivers it, and nothing is stale.
    const { value: downTradeId, ms: downTradeMs } = await timed(trade);
    expect(downTradeMs).toBeLessThan(3_000);
    const { ms: pollMs } = await timed(() =>
      readUntil(stream, ({ data }) => data.kind === "trade" && data.trade.id === downTradeId, 5_000),
    );
    expect(pollMs).toBeLessThan(3_000);
    console.info(
      `[LIVE] Redis down: 4 reads in parallel took ${downReadsMs.join(", ")} ms; a trade took ${Math.round(downTradeMs)} ms and reached the other instance's stream ${Math.round(pollMs)} ms later (poll)`,
    );
    expect((await reader.market.ticker({ symbol: market.symbol })).tradeCount).toBe(2);

    await redis.start();
    for (const bus of buses) expect(await bus.waitUntilListening(10_000)).toBe(true);
    // Publishing connections redial on their own schedule: wait until each bus's signal is heard.
    for (const bus of buses) expect(await isHeardAgain(bus)).toBe(true);
    await expect.poll(() => a.cache.ping(), { timeout: 10_000 }).toBe(true);
    await readAll();
    const again = new Redis(redis.url, { enableOfflineQueue: true });
    try {
      // The cache fills again...
      await expect.poll(() => again.exists(CACHE_KEY_PREFIX + cacheKeys.ticker(market.symbol)), { timeout: 5_000 }).toBe(1);
      // ...and the bus carries signals again: delivery is immediate, not a poll away.
      const upTradeId = await trade();
      const { ms: upMs } = await timed(() =>
        readUntil(stream, ({ data }) => data.kind === "trade" && data.trade.id === upTradeId, 5_000),
      );
      expect(upMs).toBeLessThan(500);
      console.info(`[LIVE] Redis back: the next trade reached the stream ${upMs.toFixed(1)} ms after the order returned (bus)`);
      expect((await reader.market.ticker({ symbol: market.symbol })).tradeCount).toBe(3);
    } finally {
      again.disconnect();
    }
    await stream.return?.();
  });
});
