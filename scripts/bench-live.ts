import { openScratchDatabase } from "./scratch-database";
import { sql } from "drizzle-orm";
import { getEnv } from "../src/env";
import { createMemoryCache } from "../src/server/cache/memory-cache";
import { minuteTickerStats, rebuildMarketMinutes } from "../src/server/db/queries/market-minutes";
import { aggregateTradeCandles, aggregateTradeStats } from "../src/server/db/queries/market-stats";
import { openPglite } from "../src/server/db/drivers";
import { orders } from "../src/server/db/schema";
import type { Database } from "../src/server/db/types";
import { CANDLE_INTERVALS, intervalMs } from "../src/domain/candles";
import { createMemoryBus } from "../src/server/bus/memory-bus";
import { getCandles } from "../src/server/services/markets/candles";
import type { ServiceContext } from "../src/server/services/context";
import { placeOrder } from "../src/server/services/trading/place-order";
import { createTestMarket, createTestUser } from "../tests/fixtures";

// Arguments, not environment: --trades=N (history size), --postgres-only.
const tradesArgument = process.argv.find((arg) => arg.startsWith("--trades="))?.slice("--trades=".length);
const TRADES = Number(tradesArgument ?? 200_000);
const isPostgresOnly = process.argv.includes("--postgres-only");

async function timeIt(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return +(times[Math.floor(times.length / 2)] ?? 0).toFixed(2);
}

async function bench(label: string, database: Database): Promise<Record<string, string | number>[]> {
  await database.migrate();
  const services: ServiceContext = { db: database.db, cache: createMemoryCache(), bus: createMemoryBus() };
  const market = await createTestMarket(services);
  const funds = { USD: "100000000.00", [market.base]: "10000000" };
  const maker = await createTestUser(services, funds);
  const taker = await createTestUser(services, funds);
  await placeOrder(services, {
    userId: maker,
    market: market.symbol,
    side: "SELL",
    type: "LIMIT",
    price: "900.00",
    quantity: "1",
  });
  await placeOrder(services, { userId: taker, market: market.symbol, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" });
  const [a, b] = await database.db.select({ id: orders.id }).from(orders).where(sql`${orders.market} = ${market.symbol}`);
  // History: TRADES trades over 30 days, a tenth of them in the last 24 hours.
  const seedStarted = performance.now();
  for (const [count, span] of [
    [Math.round(TRADES * 0.9), "30 days"],
    [Math.round(TRADES * 0.1), "24 hours"],
  ] as const) {
    await database.db.execute(sql`
      insert into trades (market, price, quantity, quote_quantity, taker_side, maker_order_id, taker_order_id, maker_user_id, taker_user_id, maker_fee, taker_fee, created_at)
      select ${market.symbol}, 1000 + (random() * 500)::int, 100, 1000, 'BUY', ${a?.id.toString()}::bigint, ${b?.id.toString()}::bigint,
             ${maker}::uuid, ${taker}::uuid, 0, 0, now() - random() * ${span}::interval
      from generate_series(1, ${count}::int)`);
  }
  await database.db.execute(sql`analyze trades`);
  // Trades inserted directly bypass order entry, so their minute rollups are built here.
  await database.db.transaction((tx) => rebuildMarketMinutes(tx));
  console.log(`${label}: ${TRADES} trades seeded in ${Math.round(performance.now() - seedStarted)} ms`);

  const rows: Record<string, string | number>[] = [];
  const add = (what: string, medianMs: number) => rows.push({ target: label, trades: TRADES, what, medianMs });
  add(
    `24h ticker aggregate (${Math.round(TRADES * 0.1)} trades in window), in a transaction`,
    await timeIt(10, () => database.db.transaction((tx) => aggregateTradeStats(tx, { market: market.symbol }))),
  );
  add(
    "24h ticker from minute rollups (what order entry runs), in a transaction",
    await timeIt(10, () => database.db.transaction((tx) => minuteTickerStats(tx, market.symbol))),
  );
  const nowMs = Date.now();
  for (const interval of CANDLE_INTERVALS) {
    const size = intervalMs(interval);
    const toMs = nowMs - (nowMs % size);
    add(
      `candles ${interval} x500, SQL`,
      await timeIt(5, () =>
        aggregateTradeCandles(database.db, { market: market.symbol, intervalMs: size, fromMs: toMs - 499 * size, toMs }),
      ),
    );
  }
  for (const interval of ["1m", "1h", "1d"] as const) {
    const cache = createMemoryCache();
    const cold = { ...services, cache };
    add(
      `market.candles ${interval} x500 first call (fills the cache)`,
      await timeIt(1, () => getCandles(cold, { market: market.symbol, interval, limit: 500 })),
    );
    add(
      `market.candles ${interval} x500 cached`,
      await timeIt(20, () => getCandles(cold, { market: market.symbol, interval, limit: 500 })),
    );
  }
  let i = 0;
  add(
    "placeOrder: taker filling one maker (trade + book + ticker events)",
    await timeIt(100, async () => {
      i++;
      await placeOrder(services, {
        userId: maker,
        market: market.symbol,
        side: "SELL",
        type: "LIMIT",
        price: "1000.00",
        quantity: "1",
        clientOrderId: `m-${i}`,
      });
      const started = performance.now();
      await placeOrder(services, {
        userId: taker,
        market: market.symbol,
        side: "BUY",
        type: "LIMIT",
        price: "1000.00",
        quantity: "1",
        clientOrderId: `t-${i}`,
      });
      return performance.now() - started;
    }),
  );
  return rows;
}

async function withPostgres(adminUrl: string, run: (database: Database) => Promise<Record<string, string | number>[]>) {
  const { database, drop } = await openScratchDatabase(adminUrl, 4);
  try {
    return await run(database);
  } finally {
    await database.close();
    await drop();
  }
}

const rows: Record<string, string | number>[] = [];
const url = getEnv().DATABASE_URL;
if (url) rows.push(...(await withPostgres(url, (db) => bench("Postgres", db))));
else console.log("DATABASE_URL not set: Postgres rows skipped");
if (!isPostgresOnly) {
  const pglite = await openPglite();
  rows.push(...(await bench("PGlite", pglite)));
  await pglite.close();
}
console.table(rows);
process.exit(0);
