import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../candles";
import { DomainError } from "../errors";
import { MAX_BACKTEST_CANDLES } from "./limits";
import { candleCount, hasTrades, regularSeries } from "./series";
import { dailyCandles } from "./test-candles";

describe("[BACKTEST] the regular series", () => {
  it("fills a two-day gap with flat candles at the previous close, without trades", () => {
    const [a, b, c] = dailyCandles([{ close: 100n }, { close: 999n }, { open: 120n, close: 130n }]);
    if (!a || !b || !c) throw new Error("candles missing");
    const series = regularSeries([a, c], "1d");
    expect(series.map((x) => [x.openTimeMs - a.openTimeMs, x.open, x.close, x.tradeCount])).toEqual([
      [0, 100n, 100n, 1],
      [DAY_MS, 100n, 100n, 0],
      [2 * DAY_MS, 120n, 130n, 1],
    ]);
    expect(series.map(hasTrades)).toEqual([true, false, true]);
    expect(regularSeries([], "1d")).toEqual([]);
  });

  it("counts the candles of a range and refuses more than the limit before building any", () => {
    expect(candleCount(0, 59 * 60_000, "1m")).toBe(60);
    const [first] = dailyCandles([{ close: 1n }]);
    if (!first) throw new Error("candle missing");
    const far = { ...first, openTimeMs: first.openTimeMs + MAX_BACKTEST_CANDLES * 60_000, closeTimeMs: first.closeTimeMs };
    const minute = { ...first, closeTimeMs: first.openTimeMs + 59_999 };
    const farMinute = { ...far, closeTimeMs: far.openTimeMs + 59_999 };
    expect(() => regularSeries([minute, farMinute], "1m")).toThrow(DomainError);
    expect(() => regularSeries([minute, farMinute], "1m")).toThrow(expect.objectContaining({ code: "BACKTEST_TOO_LARGE" }));
  });

  it("crashes on candles out of order or off their interval (a source's bug, not a request's)", () => {
    const [a, b] = dailyCandles([{ close: 1n }, { close: 2n }]);
    if (!a || !b) throw new Error("candles missing");
    expect(() => regularSeries([b, a], "1d")).toThrow(/Invariant/);
    expect(() => regularSeries([a], "1h")).toThrow(/Invariant/);
  });

  it("property: every input candle is kept, the result is one per interval, and fillers repeat the last close", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 20 }), (days) => {
        const sorted = [...days].sort((x, y) => x - y);
        const all = dailyCandles(Array.from({ length: 61 }, (_, i) => ({ close: BigInt(i + 1) })));
        const picked = sorted.map((day) => all[day]).filter((c) => c !== undefined);
        const series = regularSeries(picked, "1d");
        expect(series).toHaveLength((sorted.at(-1) ?? 0) - (sorted[0] ?? 0) + 1);
        series.forEach((candle, i) => {
          const previous = series[i - 1];
          if (previous) expect(candle.openTimeMs - previous.openTimeMs).toBe(DAY_MS);
          if (candle.tradeCount === 0 && previous) expect([candle.open, candle.close]).toEqual([previous.close, previous.close]);
        });
        for (const candle of picked) expect(series).toContainEqual(candle);
      }),
      { numRuns: 100 },
    );
  });
});
