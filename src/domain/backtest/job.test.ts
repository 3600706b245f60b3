import { describe, expect, it } from "vitest";
import { wholeUnitRules } from "../test-rules";
import { runJob } from "./job";
import { MAX_EQUITY_POINTS, MAX_TRADES } from "./limits";
import { STRATEGIES } from "./registry";
import { backtest } from "./run";
import { summarize } from "./summary";
import { sweep } from "./sweep";
import { waveCandles } from "./test-candles";

const config = { rules: wholeUnitRules(), initialCash: 1_000_000n, slippageBps: 5 };
const series = waveCandles(30_000);
const base = { strategy: "sma-cross", series, sentiment: [], interval: "1m", config } as const;

describe("[BACKTEST] a job, as a worker runs it", () => {
  it("a run is the backtest, summarised: metrics over every point, curve and trades bounded", () => {
    const outcome = runJob({ ...base, kind: "run", params: { fast: 1, slow: 2 } });
    const full = backtest({ ...base, strategy: STRATEGIES["sma-cross"], params: { fast: 1, slow: 2 }, candles: series });
    expect(outcome).toEqual({ params: { fast: 1, slow: 2 }, result: summarize(full), buyAndHold: summarize(full.buyAndHold) });
    expect(full.simulation.roundTrips.length).toBeGreaterThan(MAX_TRADES);
    expect(outcome.result.roundTrips).toEqual(full.simulation.roundTrips.slice(-MAX_TRADES));
    expect(outcome.result.metrics.tradeCount).toBe(full.simulation.roundTrips.length);
    expect(outcome.result.equity).toHaveLength(MAX_EQUITY_POINTS);
    expect(outcome.result.equity[0]).toEqual(full.simulation.equity[0]);
    expect(outcome.result.equity.at(-1)).toEqual(full.simulation.equity.at(-1));
    expect(outcome.result.finalEquity).toBe(full.simulation.equity.at(-1)?.equity);
  });

  it("a sweep is the domain's sweep, and reports progress through the checkpoint first", () => {
    const calls: string[] = [];
    const grid = { fast: [2, 5], slow: [20, 40] };
    const outcome = runJob(
      { ...base, kind: "sweep", base: {}, grid, objective: "sharpe" },
      { checkpoint: () => calls.push("checkpoint"), onProgress: (p) => calls.push(`${p.done}/${p.total}`) },
    );
    expect(outcome).toEqual(sweep({ ...base, strategy: STRATEGIES["sma-cross"], grid, objective: "sharpe" }));
    expect(calls.filter((c) => c.includes("/"))).toEqual(["1/4", "2/4", "3/4", "4/4"]);
    expect(calls[calls.indexOf("1/4") - 1]).toBe("checkpoint");
  });

  it("a walk-forward keeps the in-sample buy-and-hold's metrics and both out-of-sample summaries", () => {
    const outcome = runJob({
      ...base,
      kind: "walk-forward",
      base: {},
      grid: { fast: [2, 5], slow: [20] },
      objective: "sharpe",
      inSampleFraction: 0.7,
    });
    expect(outcome.splitTimeMs).toBe(series[21_000]?.openTimeMs);
    expect(outcome.inSample.tried).toBe(2);
    expect(outcome.inSample.buyAndHold.totalReturn).toEqual(expect.any(Number));
    expect(outcome.outOfSample.result.equity[0]?.equity).toBe(config.initialCash);
    expect(outcome.outOfSample.buyAndHold.metrics.tradeCount).toBe(0);
  });
});
