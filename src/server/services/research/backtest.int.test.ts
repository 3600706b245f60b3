import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { servicesForThisFile } from "../../../../tests/file-services";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { hasRealPostgres } from "../../../../tests/test-db";
import { backtest, STRATEGIES } from "@/domain/backtest";
import { summarize } from "@/domain/backtest/summary";
import { aggregateCandles, DAY_MS } from "@/domain/candles";
import { listImportedCandles } from "../../db/queries/imported-candles";
import { trades } from "../../db/schema";
import { openKlineFile } from "../../files/kline-files";
import { createBacktestPool } from "../../workers/backtest-pool";
import { findWorkerScript } from "../../workers/worker-script";
import { requireMarket } from "../markets/market-data";
import { placeOrder } from "../trading/place-order";
import { BACKTEST_TIMEOUT_MS, runBacktest, runSweep, runWalkForward } from "./backtest";
import { evaluationView } from "./backtest-view";
import { importKlines } from "./import-klines";
import { addNewsItem } from "./news/news-items";
import { newsSentimentSeries } from "./news/sentiment-series";

const file = servicesForThisFile();

const DAY0_MS = Date.UTC(2026, 2, 1);

/**
 * A market whose only trades are one per listed day at noon, at the given prices: real orders
 * matched by the exchange, then moved back in time so that each lands in its own daily candle.
 */
async function marketWithDailyTrades(pricesByDay: ReadonlyMap<number, string>, existing?: { symbol: string; base: string }) {
  const market = existing ?? (await createTestMarket(file.services));
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
    expect(view.result).toEqual(evaluationView(summarize(expected), rules));
    expect(view.buyAndHold).toEqual(evaluationView(summarize(expected.buyAndHold), rules));
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

describe(`[RESEARCH] backtests over imported history, stored news, and a worker thread (${hasRealPostgres() ? "postgres" : "pglite"})`, () => {
  const T0 = 1_704_067_200_000; // 2024-01-01T00:00Z, the kline fixture's first open
  const pool = createBacktestPool({
    script: findWorkerScript({ moduleUrl: import.meta.url, cwd: process.cwd(), isProduction: false }) ?? {
      kind: "bundle",
      file: "missing",
    },
    size: 1,
    queueMax: 2,
    queueWaitMs: 30_000,
    memoryMb: 256,
  });
  afterAll(() => pool.close());

  async function marketWithImportedFixture() {
    const market = (await createTestMarket(file.services)).symbol;
    const kline = await openKlineFile(
      path.resolve(import.meta.dirname, "../../../../tests/fixtures/klines/BTCUSDT-1m-2024-01-01.csv"),
    );
    const report = await importKlines(file.services.db, kline.chunks, {
      market,
      interval: "1m",
      fileName: kline.name,
      skipBad: false,
      priceRounding: "reject",
    });
    expect(report).toMatchObject({ status: "imported", inserted: 5 });
    return market;
  }

  it("source imported reads the imported klines: sma-cross 1/2 over the fixture's five minutes, by hand", async () => {
    const market = await marketWithImportedFixture();
    const request = {
      market,
      interval: "1m",
      startTime: T0,
      endTime: T0 + 4 * 60_000,
      strategy: "sma-cross",
      params: { fast: 1, slow: 2 },
      initialCash: "10000.00",
      slippageBps: 0,
    } as const;
    const view = await runBacktest(file.services, { ...request, source: "imported" });
    expect(view).toMatchObject({ source: "imported", candleCount: 5, firstCandle: T0, sentiment: null });
    // Closes 42282.21 42276.13 42268.89 42272.17 42277.08 against their 2-SMA: LONG from the 4th close.
    // Buy at the 5th open 42272.17: 0.23 for 9722.59 + 19.44 fee (0.24 would not fit); cash 257.97.
    expect(view.result.openTrade).toMatchObject({ price: "42272.17", quantity: "0.2300", notional: "9722.59", fee: "19.44" });
    expect(view.result.finalEquity).toBe("9981.69"); // 257.97 + floor(0.23 × 42277.08)
    const candles = await listImportedCandles(file.services.db, { market, interval: "1m", limit: 10, from: "oldest" });
    const rules = await requireMarket(file.services.db, market);
    const expected = backtest({
      strategy: STRATEGIES["sma-cross"],
      params: request.params,
      candles,
      sentiment: [],
      interval: "1m",
      config: { rules, initialCash: 1_000_000n, slippageBps: 0 },
    });
    expect(view.result).toEqual(evaluationView(summarize(expected), rules));
    // The market has no trades of its own: the default source finds nothing to test.
    await expect(runBacktest(file.services, request)).rejects.toMatchObject({ code: "BACKTEST_NOT_ENOUGH_DATA" });
  });

  it("the sentiment strategy reads the base asset's stored news when the request sends none", async () => {
    const created = await createTestMarket(file.services);
    const market = await marketWithDailyTrades(prices, created);
    const nowMs = DAY0_MS + 30 * DAY_MS;
    const at = (day: number) => new Date(DAY0_MS + day * DAY_MS + 6 * 3_600_000).toISOString();
    for (const [day, title] of [
      [0, "Record profit and strong growth lift shares"],
      [1, "Analysts praise excellent results and upgrade outlook"],
      [3, "Fraud lawsuit and losses crush the company"],
      [4, "Terrible scandal, bankruptcy fears and panic"],
    ] as const)
      await addNewsItem(file.services, { asset: created.base, title, publishedAt: at(day) }, nowMs);
    const request = { market, ...range, strategy: "sentiment", params: { lookbackCandles: 1 }, initialCash: "100.00" } as const;
    const view = await runBacktest(file.services, request);
    expect(view.sentiment).toMatchObject({ source: "news", isTruncated: false });
    expect(view.sentiment?.points).toBeGreaterThanOrEqual(4);
    expect(view.result.fillCount).toBeGreaterThan(0);
    // The same as sending that series yourself.
    const series = await newsSentimentSeries(file.services, {
      asset: created.base,
      fromMs: DAY0_MS,
      toMs: DAY0_MS + 8 * DAY_MS - 1,
    });
    const sent = await runBacktest(file.services, { ...request, sentiment: series.points });
    expect(sent.sentiment).toMatchObject({ source: "request", points: series.points.length });
    expect(sent.result).toEqual(view.result);
    // Stored news is read over at most the series' own range.
    await expect(
      runBacktest(file.services, { ...request, interval: "1d", endTime: DAY0_MS + 500 * DAY_MS }),
    ).rejects.toMatchObject({ code: "BACKTEST_TOO_LARGE", details: { maxSentimentDays: "400" } });
  });

  it("a worker thread gives the in-thread answer, with the sweep's progress", async () => {
    const market = await marketWithImportedFixture();
    const onWorker = { ...file.services, backtests: pool };
    const request = {
      market,
      source: "imported",
      interval: "1m",
      startTime: T0,
      endTime: T0 + 4 * 60_000,
      initialCash: "10000.00",
    } as const;
    const run = { ...request, strategy: "ema-cross", params: { fast: 1, slow: 3 } } as const;
    expect(await runBacktest(onWorker, run)).toEqual(await runBacktest(file.services, run));
    const sweep = { ...request, strategy: "sma-cross" as const, grid: { fast: [1, 2], slow: [2, 3] } };
    const progress: string[] = [];
    const swept = await runSweep(onWorker, sweep, { onProgress: (p) => progress.push(`${p.done}/${p.total}`) });
    expect(progress).toEqual(["1/4", "2/4", "3/4", "4/4"]);
    expect(swept).toEqual(await runSweep(file.services, sweep));
    const walk = { ...sweep, grid: { fast: [1, 2], slow: [3] }, inSampleFraction: 0.6 };
    expect(await runWalkForward(onWorker, walk)).toEqual(await runWalkForward(file.services, walk));
  });

  it("runs one backtest per user at a time", async () => {
    const market = await marketWithImportedFixture();
    const request = {
      market,
      source: "imported",
      interval: "1m",
      startTime: T0,
      endTime: T0 + 4 * 60_000,
      strategy: "sma-cross",
      initialCash: "100.00",
    } as const;
    const first = runBacktest(file.services, request, { userId: "u1" });
    await expect(runBacktest(file.services, request, { userId: "u1" })).rejects.toMatchObject({
      code: "BACKTEST_ALREADY_RUNNING",
    });
    await expect(runBacktest(file.services, request, { userId: "u2" })).resolves.toMatchObject({ candleCount: 5 });
    await first;
    await expect(runBacktest(file.services, request, { userId: "u1" })).resolves.toMatchObject({ candleCount: 5 });
  });
});
