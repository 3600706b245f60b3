/**
 * A parameter sweep: one backtest per grid combination over the same series, ranked by an
 * objective (higher is better; a null figure ranks last; ties keep grid order). Combinations the
 * strategy's schema refuses (say fast ≥ slow) are skipped and counted, not run; a grid that has
 * no combination the schema accepts throws the schema's error for the first one. Bounded by
 * MAX_SWEEP_COMBINATIONS and MAX_SWEEP_CANDLE_STEPS before anything runs; the caller's progress
 * callback hears after every combination and may throw to stop (a deadline).
 */
import type { z } from "zod";
import type { Candle, CandleInterval } from "../candles";
import { assertGridWithinLimits, gridCombinations, type ParameterGrid } from "./grid";
import type { Metrics } from "./metrics";
import { assertEnoughCandles, evaluate } from "./run";
import type { Strategy } from "./strategies/strategy";
import type { SentimentPoint, SimulationConfig, StrategyParams } from "./types";

export const OBJECTIVES = ["sharpe", "sortino", "totalReturn", "cagr", "profitFactor"] as const;
export type Objective = (typeof OBJECTIVES)[number];

export interface SweepProgress {
  done: number;
  total: number;
}

export interface SweepSpec {
  strategy: Strategy;
  /** Values for the parameters the grid leaves out; the strategy's defaults where absent. */
  base?: StrategyParams;
  grid: ParameterGrid;
  objective: Objective;
  /** A regular series (regularSeries). */
  series: readonly Candle[];
  sentiment: readonly SentimentPoint[];
  interval: CandleInterval;
  config: SimulationConfig;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepEntry {
  params: StrategyParams;
  metrics: Metrics;
}

export interface SweepResult {
  /** Best first. */
  ranked: SweepEntry[];
  /** Combinations the strategy's schema refused. */
  skipped: number;
  total: number;
}

/** Higher first, null last; a stable sort keeps grid order among equals. */
export function rankBy(entries: readonly SweepEntry[], objective: Objective): SweepEntry[] {
  const score = (entry: SweepEntry) => entry.metrics[objective] ?? Number.NEGATIVE_INFINITY;
  return [...entries].sort((a, b) => {
    const [x, y] = [score(a), score(b)];
    return x === y ? 0 : y > x ? 1 : -1;
  });
}

export function sweep(spec: SweepSpec): SweepResult {
  const { strategy, series, sentiment, interval, config, onProgress } = spec;
  assertEnoughCandles(series);
  assertGridWithinLimits(spec.grid, series.length);
  const combinations = gridCombinations({ ...strategy.defaults, ...spec.base }, spec.grid);
  const entries: SweepEntry[] = [];
  let firstRefusal: z.ZodError | null = null;
  combinations.forEach((candidate, i) => {
    const parsed = strategy.params.safeParse(candidate);
    if (parsed.success) {
      const targets = strategy.targets({ candles: series, sentiment }, parsed.data);
      entries.push({ params: parsed.data, metrics: evaluate(series, targets, interval, config).metrics });
    } else {
      firstRefusal ??= parsed.error;
    }
    onProgress?.({ done: i + 1, total: combinations.length });
  });
  if (entries.length === 0 && firstRefusal !== null) throw firstRefusal;
  return { ranked: rankBy(entries, spec.objective), skipped: combinations.length - entries.length, total: combinations.length };
}
