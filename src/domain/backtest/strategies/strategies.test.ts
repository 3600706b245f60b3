import { describe, expect, it } from "vitest";
import { DAY_MS } from "../../candles";
import { STRATEGIES, STRATEGY_NAMES } from "../index";
import { closes, DAY0_MS, dailyCandles } from "../test-candles";
import type { SentimentPoint } from "../types";
import { windowMeans } from "./sentiment";

const noNews: SentimentPoint[] = [];
const letters = (targets: readonly string[]) => targets.map((t) => (t === "LONG" ? "L" : "F")).join("");
// Closes 10, 11, 12, 11, 10, 9, 10, 12 (whole units in cents).
const zigzag = closes([1000, 1100, 1200, 1100, 1000, 900, 1000, 1200]);

describe("[BACKTEST] strategies, by hand", () => {
  it("sma-cross 2/3: SMA2 10.5 11.5 11.5 10.5 9.5 9.5 11 against SMA3 – 11 11.33 11 10 9.67 10.33", () => {
    expect(letters(STRATEGIES["sma-cross"].targets({ candles: zigzag, sentiment: noNews }, { fast: 2, slow: 3 }))).toBe(
      "FFLLFFFL",
    );
  });

  it("ema-cross 2/3: seeded with the first close; EMA2 11.56 11.19 10.40 9.47 9.82 11.27 against EMA3 11.25 11.13 10.56 9.78 9.89 10.95", () => {
    // EMA2 is warm from the 2nd close, EMA3 from the 3rd, so the first decision is at index 2.
    expect(letters(STRATEGIES["ema-cross"].targets({ candles: zigzag, sentiment: noNews }, { fast: 2, slow: 3 }))).toBe(
      "FFLLFFFL",
    );
  });

  it("rsi-reversion 2 (30/70): Wilder RSI 50, 25, 12.5, 56.25, 85.42, 91.25 from the 3rd close", () => {
    // Changes +1 −1 −1 −1 +1 +2 +1. Seed: gain 0.5, loss 0.5 → RSI 50; then avg ← avg + (x − avg) / 2:
    // gains 0.25 0.125 0.5625 1.28125 1.140625, losses 0.75 0.875 0.4375 0.21875 0.109375.
    const candles = closes([1000, 1100, 1000, 900, 800, 900, 1100, 1200]);
    const targets = STRATEGIES["rsi-reversion"].targets(
      { candles, sentiment: noNews },
      { period: 2, oversold: 30, overbought: 70 },
    );
    expect(letters(targets)).toBe("FFFLLLFF");
  });

  it("donchian-breakout 2/2: a close above the two previous highs buys, below the two previous lows sells", () => {
    const candles = dailyCandles([
      { high: 1100n, low: 900n, close: 1000n },
      { high: 1200n, low: 1000n, close: 1100n },
      { high: 1400n, low: 1100n, close: 1300n }, // 1300 > max(1100, 1200)
      { high: 1400n, low: 1200n, close: 1300n }, // lows before: 1000, 1100
      { high: 1300n, low: 1000n, close: 1050n }, // 1050 < min(1100, 1200)
      { high: 1200n, low: 1000n, close: 1200n }, // highs before: 1400, 1300
    ]);
    const targets = STRATEGIES["donchian-breakout"].targets({ candles, sentiment: noNews }, { entryPeriod: 2, exitPeriod: 2 });
    expect(letters(targets)).toBe("FFLLFF");
  });

  it("sentiment 2 candles, +0.3/−0.1: means 0.5, 0.25, −0.25, 0.2, 0.9", () => {
    const candles = closes([1000, 1000, 1000, 1000, 1000]);
    const at = (day: number, hour: number, score: number) => ({ timeMs: DAY0_MS + day * DAY_MS + hour * 3_600_000, score });
    const sentiment = [at(0, 12, 0.5), at(1, 3, 0), at(2, 9, -0.5), at(3, 1, 0.9)];
    expect(windowMeans(candles, sentiment, 2)).toEqual([0.5, 0.25, -0.25, 0.2, 0.9]);
    const targets = STRATEGIES.sentiment.targets(
      { candles, sentiment },
      { enterAbove: 0.3, exitBelow: -0.1, lookbackCandles: 2 },
    );
    // 0.5 enters, 0.25 holds, −0.25 exits, 0.2 is not enough to enter again, 0.9 is.
    expect(letters(targets)).toBe("LLFFL");
  });

  it("sentiment sees no news from after a close, and goes flat when the news fades", () => {
    const candles = closes([1000, 1000, 1000]);
    const firstClose = candles[0]?.closeTimeMs ?? 0;
    expect(windowMeans(candles, [{ timeMs: firstClose + 1, score: 1 }], 1)).toEqual([null, 1, null]);
    const targets = STRATEGIES.sentiment.targets(
      { candles, sentiment: [{ timeMs: firstClose, score: 1 }] },
      { enterAbove: 0.3, exitBelow: -0.1, lookbackCandles: 1 },
    );
    expect(letters(targets)).toBe("LFF");
  });
});

describe("[BACKTEST] strategy parameters", () => {
  it.each(STRATEGY_NAMES)("%s: its defaults pass its own schema and its name is its key", (name) => {
    const strategy = STRATEGIES[name];
    expect(strategy.name).toBe(name);
    expect(strategy.params.safeParse(strategy.defaults).success).toBe(true);
  });

  it.each([
    ["sma-cross", { fast: 30, slow: 10 }],
    ["ema-cross", { fast: 0, slow: 10 }],
    ["sma-cross", { fast: 2, slow: 3, extra: 1 }],
    ["rsi-reversion", { period: 14, oversold: 70, overbought: 60 }],
    ["rsi-reversion", { period: 1, oversold: 30, overbought: 70 }],
    ["donchian-breakout", { entryPeriod: 2.5, exitPeriod: 10 }],
    ["donchian-breakout", { entryPeriod: 20, exitPeriod: 501 }],
    ["sentiment", { enterAbove: 0.2, exitBelow: 0.3, lookbackCandles: 5 }],
    ["sentiment", { enterAbove: 1.5, exitBelow: 0, lookbackCandles: 5 }],
  ] as const)("%s refuses %j", (name, params) => {
    expect(STRATEGIES[name].params.safeParse(params).success).toBe(false);
    expect(() => STRATEGIES[name].targets({ candles: zigzag, sentiment: noNews }, params)).toThrow();
  });
});
