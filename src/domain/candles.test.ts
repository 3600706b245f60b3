import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregateCandles,
  bucketStart,
  CANDLE_INTERVALS,
  DAY_MS,
  intervalMs,
  isCandleInterval,
  mergeCandle,
  ticker24h,
} from "./candles";
import type { CandleTrade } from "./candles";

const T0 = Date.UTC(2025, 0, 15, 10, 7, 30); // 2025-01-15 10:07:30 UTC
const MIN = 60_000;

function trade(timeMs: number, price: bigint, quantity = 1n, quoteQuantity = price * quantity): CandleTrade {
  return { timeMs, price, quantity, quoteQuantity };
}

describe("intervals", () => {
  it("lists the six intervals with their lengths", () => {
    expect(CANDLE_INTERVALS).toEqual(["1m", "5m", "15m", "1h", "4h", "1d"]);
    expect(CANDLE_INTERVALS.map(intervalMs)).toEqual([MIN, 5 * MIN, 15 * MIN, 60 * MIN, 240 * MIN, DAY_MS]);
    expect(isCandleInterval("4h")).toBe(true);
    expect(isCandleInterval("3m")).toBe(false);
  });
});

describe("bucketStart", () => {
  it("aligns to UTC boundaries", () => {
    expect(bucketStart(T0, "1m")).toBe(Date.UTC(2025, 0, 15, 10, 7));
    expect(bucketStart(T0, "5m")).toBe(Date.UTC(2025, 0, 15, 10, 5));
    expect(bucketStart(T0, "15m")).toBe(Date.UTC(2025, 0, 15, 10, 0));
    expect(bucketStart(T0, "1h")).toBe(Date.UTC(2025, 0, 15, 10));
    expect(bucketStart(T0, "4h")).toBe(Date.UTC(2025, 0, 15, 8));
    expect(bucketStart(T0, "1d")).toBe(Date.UTC(2025, 0, 15));
  });

  it("keeps a boundary in its own bucket and floors times before 1970", () => {
    expect(bucketStart(Date.UTC(2025, 0, 15), "1d")).toBe(Date.UTC(2025, 0, 15));
    expect(bucketStart(-1, "1m")).toBe(-MIN);
  });

  it("always returns an aligned start within one interval before the time", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 45), max: 2 ** 45 }), fc.constantFrom(...CANDLE_INTERVALS), (time, interval) => {
        const start = bucketStart(time, interval);
        expect(start <= time && time - start < intervalMs(interval)).toBe(true);
        expect(((start % intervalMs(interval)) + intervalMs(interval)) % intervalMs(interval)).toBe(0);
      }),
    );
  });

  it("crashes on fractional milliseconds", () => {
    expect(() => bucketStart(1.5, "1m")).toThrow(/Invariant/);
  });
});

describe("aggregateCandles", () => {
  it("builds OHLC and volumes per bucket, oldest first", () => {
    const start = bucketStart(T0, "1m");
    const candles = aggregateCandles(
      [
        trade(start + 61_000, 105n, 2n),
        trade(start + 1_000, 100n, 1n),
        trade(start + 2_000, 103n, 2n),
        trade(start + 3_000, 99n, 1n),
        trade(start + 4_000, 101n, 5n),
      ],
      "1m",
    );
    expect(candles).toEqual([
      {
        openTimeMs: start,
        closeTimeMs: start + MIN - 1,
        open: 100n,
        high: 103n,
        low: 99n,
        close: 101n,
        baseVolume: 9n,
        quoteVolume: 100n + 206n + 99n + 505n,
        tradeCount: 4,
      },
      {
        openTimeMs: start + MIN,
        closeTimeMs: start + 2 * MIN - 1,
        open: 105n,
        high: 105n,
        low: 105n,
        close: 105n,
        baseVolume: 2n,
        quoteVolume: 210n,
        tradeCount: 1,
      },
    ]);
  });

  it("keeps input order for trades with the same time and skips empty buckets", () => {
    const start = bucketStart(T0, "1m");
    const candles = aggregateCandles([trade(start, 1n), trade(start, 2n), trade(start + 10 * MIN, 3n)], "1m");
    expect(candles.map((c) => [c.open, c.close])).toEqual([
      [1n, 2n],
      [3n, 3n],
    ]);
    expect(aggregateCandles([], "1h")).toEqual([]);
  });

  it("conserves volume and trade count for any trades and interval", () => {
    const tradeArb = fc.record({
      timeMs: fc.integer({ min: T0, max: T0 + 3 * DAY_MS }),
      price: fc.bigInt({ min: 1n, max: 1_000n }),
      quantity: fc.bigInt({ min: 1n, max: 1_000n }),
      quoteQuantity: fc.bigInt({ min: 0n, max: 1_000_000n }),
    });
    fc.assert(
      fc.property(fc.array(tradeArb, { maxLength: 50 }), fc.constantFrom(...CANDLE_INTERVALS), (trades, interval) => {
        const candles = aggregateCandles(trades, interval);
        expect(candles.reduce((s, c) => s + c.baseVolume, 0n)).toBe(trades.reduce((s, t) => s + t.quantity, 0n));
        expect(candles.reduce((s, c) => s + c.quoteVolume, 0n)).toBe(trades.reduce((s, t) => s + t.quoteQuantity, 0n));
        expect(candles.reduce((s, c) => s + c.tradeCount, 0)).toBe(trades.length);
        for (const [i, c] of candles.entries()) {
          expect(c.low <= c.open && c.low <= c.close && c.high >= c.open && c.high >= c.close).toBe(true);
          expect(i === 0 || (candles[i - 1]?.openTimeMs ?? 0) < c.openTimeMs).toBe(true);
        }
        // Live updates trade by trade end in the same last candle as the batch aggregation.
        const ordered = [...trades].sort((a, b) => a.timeMs - b.timeMs);
        const live = ordered.reduce<ReturnType<typeof mergeCandle> | null>((last, t) => mergeCandle(last, t, interval), null);
        expect(live).toEqual(candles.at(-1) ?? null);
      }),
      { numRuns: 300 },
    );
  });
});

describe("mergeCandle", () => {
  const start = bucketStart(T0, "5m");

  it("opens a candle from nothing, folds a same-bucket trade and opens the next bucket", () => {
    const first = mergeCandle(null, trade(start + 1, 10n), "5m");
    expect(first).toMatchObject({ openTimeMs: start, open: 10n, close: 10n, tradeCount: 1 });
    const second = mergeCandle(first, trade(start + 2, 12n, 2n), "5m");
    expect(second).toMatchObject({
      openTimeMs: start,
      open: 10n,
      high: 12n,
      low: 10n,
      close: 12n,
      baseVolume: 3n,
      tradeCount: 2,
    });
    const next = mergeCandle(second, trade(start + 5 * MIN, 11n), "5m");
    expect(next).toMatchObject({ openTimeMs: start + 5 * MIN, open: 11n, tradeCount: 1 });
  });

  it("leaves the candle alone for a late trade from an earlier bucket", () => {
    const last = mergeCandle(null, trade(start + 1, 10n), "5m");
    expect(mergeCandle(last, trade(start - 1, 99n), "5m")).toBe(last);
  });

  it("crashes when the candle belongs to another interval", () => {
    const last = mergeCandle(null, trade(start, 10n), "1m");
    expect(() => mergeCandle(last, trade(start, 10n), "5m")).toThrow(/interval/);
  });
});

describe("ticker24h", () => {
  const now = T0;

  it("summarises the trades of the last 24 hours", () => {
    const ticker = ticker24h(
      [
        trade(now - DAY_MS, 1n),
        trade(now - DAY_MS + 1, 100n),
        trade(now - 5_000, 130n, 2n),
        trade(now - 1_000, 90n),
        trade(now, 110n),
        trade(now + 1, 500n),
      ],
      now,
    );
    expect(ticker).toEqual({
      open: 100n,
      high: 130n,
      low: 90n,
      last: 110n,
      change: 10n,
      changeBps: 1_000n,
      baseVolume: 5n,
      quoteVolume: 100n + 260n + 90n + 110n,
      tradeCount: 4,
    });
  });

  it("orders by time, whatever the input order", () => {
    const ticker = ticker24h([trade(now, 90n), trade(now - 10, 120n)], now);
    expect(ticker).toMatchObject({ open: 120n, last: 90n, change: -30n, changeBps: -2_500n });
  });

  it("reports no prices when nothing traded", () => {
    expect(ticker24h([trade(now - DAY_MS - 1, 5n)], now)).toEqual({
      open: null,
      high: null,
      low: null,
      last: null,
      change: null,
      changeBps: null,
      baseVolume: 0n,
      quoteVolume: 0n,
      tradeCount: 0,
    });
  });
});
