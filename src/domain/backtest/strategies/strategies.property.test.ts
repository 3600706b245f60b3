/**
 * Every strategy is causal: the target at a candle depends only on the candles (and news) up to
 * its close. Walk-forward relies on this to warm indicators up on in-sample candles, and a
 * backtest without it would trade on the future.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../candles";
import { STRATEGIES, STRATEGY_NAMES } from "../index";
import { DAY0_MS, dailyCandles } from "../test-candles";

const candlesArb = fc
  .array(fc.record({ close: fc.bigInt({ min: 1n, max: 5_000n }), spread: fc.bigInt({ min: 0n, max: 300n }) }), {
    minLength: 2,
    maxLength: 60,
  })
  .map((bars) =>
    dailyCandles(bars.map(({ close, spread }) => ({ close, high: close + spread, low: close > spread ? close - spread : 1n }))),
  );

const sentimentArb = fc.array(
  fc.record({
    timeMs: fc.integer({ min: DAY0_MS - DAY_MS, max: DAY0_MS + 61 * DAY_MS }),
    score: fc.double({ min: -1, max: 1, noNaN: true }),
  }),
  { maxLength: 80 },
);

const paramsArb = {
  "sma-cross": fc.record({ fast: fc.integer({ min: 1, max: 5 }), slow: fc.integer({ min: 6, max: 12 }) }),
  "ema-cross": fc.record({ fast: fc.integer({ min: 1, max: 5 }), slow: fc.integer({ min: 6, max: 12 }) }),
  "rsi-reversion": fc.record({
    period: fc.integer({ min: 2, max: 10 }),
    oversold: fc.integer({ min: 10, max: 45 }),
    overbought: fc.integer({ min: 55, max: 90 }),
  }),
  "donchian-breakout": fc.record({ entryPeriod: fc.integer({ min: 2, max: 10 }), exitPeriod: fc.integer({ min: 2, max: 10 }) }),
  sentiment: fc.record({
    enterAbove: fc.double({ min: 0, max: 1, noNaN: true }),
    exitBelow: fc.double({ min: -1, max: -0.01, noNaN: true }),
    lookbackCandles: fc.integer({ min: 1, max: 10 }),
  }),
} as const;

describe("[BACKTEST] strategies are causal", () => {
  it.each(STRATEGY_NAMES)("%s: the targets of a prefix are the prefix of the targets", (name) => {
    const strategy = STRATEGIES[name];
    fc.assert(
      fc.property(candlesArb, sentimentArb, paramsArb[name], fc.nat(), (candles, sentiment, params, cut) => {
        const full = strategy.targets({ candles, sentiment }, params);
        expect(full).toHaveLength(candles.length);
        const k = 1 + (cut % candles.length);
        expect(strategy.targets({ candles: candles.slice(0, k), sentiment }, params)).toEqual(full.slice(0, k));
      }),
      { numRuns: 60 },
    );
  });
});
