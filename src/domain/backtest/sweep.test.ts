import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { gridCombinations } from "./grid";
import { MAX_SWEEP_COMBINATIONS } from "./limits";
import { buyAndHold, evaluate } from "./run";
import { smaCross } from "./strategies/sma-cross";
import { type SweepProgress, sweep } from "./sweep";
import { closes, paperRules } from "./test-candles";
import { walkForward } from "./walk-forward";

const config = { rules: paperRules(), initialCash: 10_000n, slippageBps: 0 };
const series = closes([1000, 1100, 1200, 1100, 1000, 900, 1000, 1200, 1300, 1250, 1100, 1000]);
const spec = { strategy: smaCross, series, sentiment: [], interval: "1d" as const, config };

describe("[BACKTEST] grids", () => {
  it("every combination in a fixed order: names sorted, the last varying fastest, on top of the base", () => {
    expect(gridCombinations({ fast: 5, slow: 9, other: 1 }, { slow: [3, 4], fast: [1, 2] })).toEqual([
      { fast: 1, slow: 3, other: 1 },
      { fast: 1, slow: 4, other: 1 },
      { fast: 2, slow: 3, other: 1 },
      { fast: 2, slow: 4, other: 1 },
    ]);
  });
});

describe("[BACKTEST] sweeps", () => {
  it("runs each valid combination, skips the ones the schema refuses, ranks best first, reports progress", () => {
    const progress: SweepProgress[] = [];
    const result = sweep({
      ...spec,
      grid: { fast: [1, 2, 3], slow: [2, 3] },
      objective: "totalReturn",
      onProgress: (p) => progress.push(p),
    });
    // (1,2) (1,3) (2,3) are valid; (2,2) (3,2) (3,3) are not fast < slow.
    expect(result).toMatchObject({ total: 6, skipped: 3 });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p.total === 6)).toBe(true);
    const single = (fast: number, slow: number) =>
      evaluate(series, smaCross.targets({ candles: series, sentiment: [] }, { fast, slow }), "1d", config).metrics;
    const expected = [
      { params: { fast: 1, slow: 2 }, metrics: single(1, 2) },
      { params: { fast: 1, slow: 3 }, metrics: single(1, 3) },
      { params: { fast: 2, slow: 3 }, metrics: single(2, 3) },
    ].sort((a, b) => b.metrics.totalReturn - a.metrics.totalReturn);
    expect(result.ranked).toEqual(expected);
  });

  it("ranks a null figure last and keeps grid order among equals", () => {
    const flat = closes([1000, 1000, 1000, 1000]);
    const result = sweep({ ...spec, series: flat, grid: { fast: [1, 2], slow: [3] }, objective: "sharpe" });
    // Nothing ever crosses on a flat series: no variance, every Sharpe is null, grid order stays.
    expect(result.ranked.map((e) => e.params.fast)).toEqual([1, 2]);
  });

  it("refuses a grid over the limits before running anything", () => {
    const values = Array.from({ length: MAX_SWEEP_COMBINATIONS + 1 }, (_, i) => i + 2);
    let calls = 0;
    const run = () => sweep({ ...spec, grid: { slow: values }, objective: "sharpe", onProgress: () => calls++ });
    expect(run).toThrow(expect.objectContaining({ code: "BACKTEST_TOO_LARGE" }));
    const long = closes(Array.from({ length: 50_000 }, () => 1000));
    const heavy = () => sweep({ ...spec, series: long, grid: { slow: values.slice(0, 401) }, objective: "sharpe" });
    expect(heavy).toThrow(expect.objectContaining({ code: "BACKTEST_TOO_LARGE" }));
    expect(calls).toBe(0);
  });

  it("a grid with no valid combination throws the strategy's own validation error", () => {
    expect(() => sweep({ ...spec, grid: { fast: [5], slow: [3] }, objective: "sharpe" })).toThrow(ZodError);
  });

  it("a progress callback that throws stops the sweep (how the service's deadline works)", () => {
    const stop = new Error("deadline");
    const run = () =>
      sweep({
        ...spec,
        grid: { fast: [1, 2], slow: [3, 4] },
        objective: "sharpe",
        onProgress: ({ done }) => {
          if (done === 2) throw stop;
        },
      });
    expect(run).toThrow(stop);
  });
});

describe("[BACKTEST] walk-forward", () => {
  it("picks the best in-sample parameters and runs only those out of sample, with in-sample warm-up", () => {
    const grid = { fast: [1, 2, 3], slow: [2, 4] };
    const result = walkForward({ ...spec, grid, objective: "totalReturn", inSampleFraction: 0.5 });
    const inSample = series.slice(0, 6);
    const outOfSample = series.slice(6);
    const best = sweep({ ...spec, series: inSample, grid, objective: "totalReturn" }).ranked[0];
    expect(result.inSample.best).toEqual(best);
    expect(result.inSample).toMatchObject({ tried: 6, skipped: 2 });
    expect(result.splitTimeMs).toBe(outOfSample[0]?.openTimeMs);
    const targets = smaCross.targets({ candles: series, sentiment: [] }, best?.params).slice(6);
    expect(result.outOfSample.metrics).toEqual(evaluate(outOfSample, targets, "1d", config).metrics);
    expect(result.outOfSample.buyAndHold).toEqual(buyAndHold(outOfSample, "1d", config));
    expect(result.inSample.buyAndHold).toEqual(buyAndHold(inSample, "1d", config));
    // The out-of-sample run starts flat with the initial cash.
    expect(result.outOfSample.simulation.equity[0]?.equity).toBe(10_000n);
  });

  it("needs two candles on each side of the split", () => {
    const run = () =>
      walkForward({ ...spec, series: series.slice(0, 3), grid: { fast: [1] }, objective: "sharpe", inSampleFraction: 0.5 });
    expect(run).toThrow(expect.objectContaining({ code: "BACKTEST_NOT_ENOUGH_DATA" }));
  });
});
