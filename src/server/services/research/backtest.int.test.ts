import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { servicesForThisFile } from "../../../../tests/file-services";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { hasRealPostgres } from "../../../../tests/test-db";
import { backtest, STRATEGIES } from "@/domain/backtest";
import { aggregateCandles, DAY_MS } from "@/domain/candles";
import { trades } from "../../db/schema";
import { requireMarket } from "../markets/market-data";
import { placeOrder } from "../trading/place-order";
import { BACKTEST_TIMEOUT_MS, runBacktest, runSweep, runWalkForward } from "./backtest";
import { evaluationView } from "./backtest-view";

const file = servicesForThisFile();

const DAY0_MS = Date.UTC(2026, 2, 1);

/**
 * A market whose only trades are one per listed day at noon, at the given prices: real orders
 * matched by the exchange, then moved back in time so that each lands in its own daily candle.
 */
async function marketWithDailyTrades(pricesByDay: ReadonlyMap<number, string>) {
  const market = await createTestMarket(file.services);
  const buyer = await createTestUser(file.services, { USD: "100000.00" });
  const seller = await createTestUser(file.services, { [market.base]: "1000" });
  for (const price of pricesByDay.values()) {
    await placeOrder(file.services, {
      userId: seller,
      market: market.symbol,
      side: "SELL",
      type: "LIMIT",
      price,
      quantity: "0.10",
    });
    await placeOrder(file.services, {
      userId: buyer,
      market: market.symbol,
      side: "BUY",
      type: "LIMIT",
      price,
      quantity: "0.10",
    });
  }
  const rows = await file.services.db
    .select({ id: trades.id })
    .from(trades)
    .where(eq(trades.market, market.symbol))
    .orderBy(asc(trades.id));
  expect(rows).toHaveLength(pricesByDay.size);
  const days = [...pricesByDay.keys()];
  for (const [i, row] of rows.entries()) {
    const atMs = DAY0_MS + (days[i] ?? 0) * DAY_MS + 12 * 3_600_000;
    await file.services.db.execute(
      sql`update trades set created_at = timestamptz 'epoch' + ${atMs}::float8 * interval '1 millisecond' where id = ${row.id}`,
    );
  }
  return market.symbol;
}

// Closes 10, 11, 12, 11, 10, 12, (no trade on day 6), 13.
const prices = new Map([
  [0, "10.00"],
  [1, "11.00"],
  [2, "12.00"],
  [3, "11.00"],
  [4, "10.00"],
  [5, "12.00"],
  [7, "13.00"],
]);
const range = { interval: "1d", startTime: DAY0_MS, endTime: DAY0_MS + 10 * DAY_MS } as const;

describe(`[RESEARCH] backtests over the market's own trades (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  let market: string;
  beforeAll(async () => {
    market = await marketWithDailyTrades(prices);
  });

  it("sma-cross 1/2 on the market's tick, step and 20 bps taker fee, computed by hand", async () => {
    const view = await runBacktest(file.services, {
      market,
      ...range,
      strategy: "sma-cross",
      params: { fast: 1, slow: 2 },
      initialCash: "100.00",
      slippageBps: 0,
    });
    // Eight daily candles (day 6 filled flat at 12.00). Targets F L L F F L F L (12 is not above 12).
    expect(view).toMatchObject({
      market,
      candleCount: 8,
      firstCandle: DAY0_MS,
      lastCandle: DAY0_MS + 7 * DAY_MS,
      params: { fast: 1, slow: 2 },
    });
    // Buy at day 2's open 12.00: 8.31 units cost 99.72 + 0.19 fee ≤ 100.00; 8.32 would cost 99.84 + 0.19.
    // Sell at day 4's open 10.00: 83.10 − 0.16 fee. Day 6's LONG finds no trade to fill at; day 7 wants FLAT again.
    expect(view.result.trades).toEqual([
      {
        entry: { time: DAY0_MS + 2 * DAY_MS, side: "BUY", price: "12.00", quantity: "8.3100", notional: "99.72", fee: "0.19" },
        exit: { time: DAY0_MS + 4 * DAY_MS, side: "SELL", price: "10.00", quantity: "8.3100", notional: "83.10", fee: "0.16" },
        pnl: "-16.97",
      },
    ]);
    expect(view.result).toMatchObject({
      finalEquity: "83.03",
      feesPaid: "0.35",
      fillCount: 2,
      skippedOrders: 0,
      openTrade: null,
    });
    expect(view.result.metrics.totalReturn).toBeCloseTo(-0.1697, 12);
    // Cash 0.09 after the buy, plus 8.31 units at the closes 12.00 and 11.00.
    expect(view.result.equity.map((p) => p.equity)).toEqual([
      "100.00",
      "100.00",
      "99.81",
      "91.50",
      "83.03",
      "83.03",
      "83.03",
      "83.03",
    ]);
    // Buy-and-hold from day 1's open 11.00: 9.07 units for 99.77 + 0.19, marked at 13.00.
    expect(view.buyAndHold.openTrade).toMatchObject({ price: "11.00", quantity: "9.0700" });
    expect(view.buyAndHold.finalEquity).toBe("117.95");
  });

  it("the service's answer is the pure backtest of the same trades' candles, formatted", async () => {
    const rows = await file.services.db.select().from(trades).where(eq(trades.market, market)).orderBy(asc(trades.id));
    const candles = aggregateCandles(
      rows.map((t) => ({ timeMs: t.createdAt.getTime(), price: t.price, quantity: t.quantity, quoteQuantity: t.quoteQuantity })),
      "1d",
    );
    const rules = await requireMarket(file.services.db, market);
    const params = { fast: 2, slow: 3 };
    const config = { rules, initialCash: 50_000n, slippageBps: 25 };
    const expected = backtest({
      strategy: STRATEGIES["ema-cross"],
      params,
      candles,
      sentiment: [],
      interval: "1d",
      config,
    });
    const view = await runBacktest(file.services, {
      market,
      ...range,
      strategy: "ema-cross",
      params,
      initialCash: "500",
      slippageBps: 25,
    });
    expect(view.result).toEqual(evaluationView(expected, rules));
    expect(view.buyAndHold).toEqual(evaluationView(expected.buyAndHold, rules));
  });

  it("sweeps a grid with progress, and walks forward", async () => {
    const progress: number[] = [];
    const swept = await runSweep(
      file.services,
      {
        market,
        ...range,
        strategy: "sma-cross",
        grid: { fast: [1, 2], slow: [2, 3] },
        objective: "totalReturn",
        initialCash: "100.00",
      },
      { onProgress: (p) => progress.push(p.done) },
    );
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(swept).toMatchObject({ total: 4, skipped: 1, objective: "totalReturn" });
    expect(swept.ranked).toHaveLength(3);
    const walked = await runWalkForward(file.services, {
      market,
      ...range,
      strategy: "sma-cross",
      grid: { fast: [1, 2], slow: [3] },
      initialCash: "100.00",
      inSampleFraction: 0.5,
    });
    expect(walked.splitTime).toBe(DAY0_MS + 4 * DAY_MS);
    expect(walked.inSample.tried).toBe(2);
    expect(walked.outOfSample.equity[0]?.equity).toBe("100.00");
  });

  it("refuses what it must, by name", async () => {
    const base = { market, ...range, strategy: "sma-cross" as const, initialCash: "100.00" };
    await expect(runBacktest(file.services, { ...base, market: "NOPE-USD" })).rejects.toMatchObject({ code: "MARKET_NOT_FOUND" });
    await expect(runBacktest(file.services, { ...base, interval: "1m", endTime: DAY0_MS + 200 * DAY_MS })).rejects.toMatchObject({
      code: "BACKTEST_TOO_LARGE",
    });
    await expect(
      runSweep(file.services, {
        ...base,
        grid: { fast: Array.from({ length: 30 }, (_, i) => i + 1), slow: Array.from({ length: 30 }, (_, i) => i + 31) },
      }),
    ).rejects.toMatchObject({
      code: "BACKTEST_TOO_LARGE",
    });
    await expect(
      runBacktest(file.services, { ...base, startTime: DAY0_MS + 100 * DAY_MS, endTime: DAY0_MS + 110 * DAY_MS }),
    ).rejects.toMatchObject({
      code: "BACKTEST_NOT_ENOUGH_DATA",
    });
    await expect(runBacktest(file.services, { ...base, initialCash: "1.005" })).rejects.toMatchObject({
      code: "TOO_MANY_DECIMALS",
    });
    await expect(runBacktest(file.services, { ...base, initialCash: "0" })).rejects.toMatchObject({
      code: "AMOUNT_NOT_POSITIVE",
    });
    await expect(runBacktest(file.services, { ...base, params: { fast: 5, slow: 3 } })).rejects.toBeInstanceOf(ZodError);
    await expect(runSweep(file.services, { ...base, grid: { period: [3] } })).rejects.toBeInstanceOf(ZodError);
    await expect(runBacktest(file.services, { ...base, startTime: DAY0_MS + DAY_MS, endTime: DAY0_MS })).rejects.toBeInstanceOf(
      ZodError,
    );
  });

  it("stops with BACKTEST_TIMEOUT once its deadline has passed", async () => {
    let nowMs = 0;
    // Each look at the clock is a minute later; the second sweep combination is past the deadline.
    const clock = () => {
      nowMs += BACKTEST_TIMEOUT_MS / 3;
      return nowMs;
    };
    const request = {
      market,
      ...range,
      strategy: "sma-cross" as const,
      grid: { fast: [1, 2], slow: [3] },
      initialCash: "100.00",
    };
    await expect(runSweep(file.services, request, { clock })).rejects.toMatchObject({ code: "BACKTEST_TIMEOUT" });
  });
});
