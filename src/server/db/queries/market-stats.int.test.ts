import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { hasRealPostgres } from "../../../../tests/test-db";
import { aggregateCandles, CANDLE_INTERVALS, type CandleTrade, DAY_MS, intervalMs, ticker24h } from "@/domain/candles";
import { placeOrder } from "../../services/trading/place-order";
import { orders } from "../schema";
import { aggregateTradeCandles, aggregateTradeStats } from "./market-stats";

const { services, database } = servicesForThisFile();

/** Trades written straight into the table (orders only satisfy the foreign keys), times ascending with ids. */
async function seedTrades(count: number, startMs: number, spanMs: number): Promise<{ symbol: string; trades: CandleTrade[] }> {
  const market = await createTestMarket(services);
  const alice = await createTestUser(services, { USD: "100000.00" });
  const bob = await createTestUser(services, { [market.base]: "1000" });
  await placeOrder(services, { userId: alice, market: market.symbol, side: "BUY", type: "LIMIT", price: "1.00", quantity: "1" });
  await placeOrder(services, { userId: bob, market: market.symbol, side: "SELL", type: "LIMIT", price: "900.00", quantity: "1" });
  const [buy, sell] = await services.db.select({ id: orders.id }).from(orders).where(sql`${orders.market} = ${market.symbol}`);
  if (!buy || !sell) throw new Error("orders missing");
  const times = Array.from({ length: count }, () => startMs + Math.floor(Math.random() * spanMs)).sort((a, b) => a - b);
  const trades = times.map((timeMs) => {
    const price = BigInt(1 + Math.floor(Math.random() * 50_000));
    const quantity = BigInt(100 * (1 + Math.floor(Math.random() * 20)));
    return { timeMs, price, quantity, quoteQuantity: (price * quantity) / 10_000n };
  });
  for (let start = 0; start < trades.length; start += 500) {
    const rows = trades
      .slice(start, start + 500)
      .map(
        (t) =>
          sql`(${market.symbol}, ${t.price.toString()}::numeric, ${t.quantity.toString()}::numeric, ${t.quoteQuantity.toString()}::numeric, 'BUY', ${buy.id.toString()}::bigint, ${sell.id.toString()}::bigint, ${alice}::uuid, ${bob}::uuid, 0, 0, timestamptz 'epoch' + ${t.timeMs}::float8 * interval '1 millisecond')`,
      );
    await services.db.execute(
      sql`insert into trades (market, price, quantity, quote_quantity, taker_side, maker_order_id, taker_order_id, maker_user_id, taker_user_id, maker_fee, taker_fee, created_at) values ${sql.join(rows, sql`, `)}`,
    );
  }
  return { symbol: market.symbol, trades };
}

describe(`[MARKET] candles and 24h figures in SQL equal the pure domain functions (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  it("every interval, over three days of random trades", async () => {
    const startMs = Date.UTC(2026, 0, 1, 7, 13, 0);
    const { symbol, trades } = await seedTrades(1_500, startMs, 3 * DAY_MS);
    for (const interval of CANDLE_INTERVALS) {
      const expected = aggregateCandles(trades, interval);
      const actual = await aggregateTradeCandles(database.db, {
        market: symbol,
        intervalMs: intervalMs(interval),
        fromMs: startMs - DAY_MS,
        toMs: startMs + 4 * DAY_MS,
      });
      expect(actual, interval).toEqual(expected);
    }
    // A window that cuts through the middle keeps only the buckets that open inside it.
    const fromMs = startMs + DAY_MS;
    const toMs = fromMs + 60 * 60_000;
    const cut = await aggregateTradeCandles(database.db, { market: symbol, intervalMs: 60_000, fromMs, toMs });
    expect(cut).toEqual(aggregateCandles(trades, "1m").filter((c) => c.openTimeMs >= fromMs && c.openTimeMs <= toMs));
  });

  it("24h figures at several moments, including before any trade", async () => {
    const startMs = Date.UTC(2026, 1, 3, 0, 0, 0);
    const { symbol, trades } = await seedTrades(600, startMs, 2 * DAY_MS);
    for (const atMs of [startMs - 1, startMs + 3_600_000, startMs + DAY_MS + 17, startMs + 2 * DAY_MS, startMs + 5 * DAY_MS]) {
      const { atMs: reported, ...stats } = await aggregateTradeStats(database.db, { market: symbol, atMs });
      expect(reported).toBe(atMs);
      expect(stats).toEqual(ticker24h(trades, atMs));
    }
  });
});
