/**
 * A backtest job: everything one run, sweep or walk-forward needs, as plain data (the strategy by
 * name, the regular series, the rules, cash and slippage), so it can be handed to another thread
 * and run there exactly as here. runJob is the one entry point both the worker thread and the
 * in-thread runner call; its outcome is bounded (summary.ts) whatever the series' length.
 */
import type { Candle, CandleInterval } from "../candles";
import { assert } from "../errors";
import type { ParameterGrid } from "./grid";
import { STRATEGIES, type StrategyName } from "./registry";
import type { Metrics } from "./metrics";
import { runOnSeries } from "./run";
import { type EvaluationSummary, summarize } from "./summary";
import { type Objective, type SweepEntry, type SweepProgress, type SweepResult, sweep } from "./sweep";
import type { SentimentPoint, SimulationConfig, StrategyParams } from "./types";
import { walkForward } from "./walk-forward";

/** A simulation's configuration without the caller's checkpoint (a function crosses no thread). */
export type JobConfig = Omit<SimulationConfig, "checkpoint">;

interface JobBase {
  strategy: StrategyName;
  /** A regular series (regularSeries). */
  series: readonly Candle[];
  sentiment: readonly SentimentPoint[];
  interval: CandleInterval;
  config: JobConfig;
}

export interface RunJob extends JobBase {
  kind: "run";
  /** Merged over the strategy's defaults, checked by its schema. */
  params: StrategyParams;
}

export interface SweepJob extends JobBase {
  kind: "sweep";
  base: StrategyParams;
  grid: ParameterGrid;
  objective: Objective;
}

export interface WalkForwardJob extends Omit<SweepJob, "kind"> {
  kind: "walk-forward";
  inSampleFraction: number;
}

export type BacktestJob = RunJob | SweepJob | WalkForwardJob;
export type JobKind = BacktestJob["kind"];

export interface RunOutcome {
  params: StrategyParams;
  result: EvaluationSummary;
  buyAndHold: EvaluationSummary;
}

export type SweepOutcome = SweepResult;

export interface WalkForwardOutcome {
  splitTimeMs: number;
  inSample: { best: SweepEntry; buyAndHold: Metrics; tried: number; skipped: number };
  outOfSample: { result: EvaluationSummary; buyAndHold: EvaluationSummary };
}

export type OutcomeOf<J extends BacktestJob> = J extends RunJob
  ? RunOutcome
  : J extends SweepJob
    ? SweepOutcome
    : WalkForwardOutcome;
export type JobOutcome = RunOutcome | SweepOutcome | WalkForwardOutcome;

export interface JobHooks {
  /** Called every few thousand candles; throw from it to stop. */
  checkpoint?: () => void;
  /** A sweep's (and walk-forward's) combinations done so far, after each one. */
  onProgress?: (progress: SweepProgress) => void;
}

function sweepSpec(job: SweepJob | WalkForwardJob, config: SimulationConfig, hooks: JobHooks) {
  const { strategy, base, grid, objective, series, sentiment, interval } = job;
  const onProgress = (progress: SweepProgress) => {
    hooks.checkpoint?.();
    hooks.onProgress?.(progress);
  };
  return { strategy: STRATEGIES[strategy], base, grid, objective, series, sentiment, interval, config, onProgress };
}

export function runJob<J extends BacktestJob>(job: J, hooks?: JobHooks): OutcomeOf<J>;
export function runJob(job: BacktestJob, hooks: JobHooks = {}): JobOutcome {
  assert(Object.hasOwn(STRATEGIES, job.strategy), "a job names a known strategy");
  const config: SimulationConfig = { ...job.config, checkpoint: hooks.checkpoint };
  switch (job.kind) {
    case "run": {
      const { strategy, params, series, sentiment, interval } = job;
      const result = runOnSeries({ strategy: STRATEGIES[strategy], params, series, sentiment, interval, config });
      return { params: result.params, result: summarize(result), buyAndHold: summarize(result.buyAndHold) };
    }
    case "sweep":
      return sweep(sweepSpec(job, config, hooks));
    case "walk-forward": {
      const found = walkForward({ ...sweepSpec(job, config, hooks), inSampleFraction: job.inSampleFraction });
      return {
        splitTimeMs: found.splitTimeMs,
        inSample: { ...found.inSample, buyAndHold: found.inSample.buyAndHold.metrics },
        outOfSample: { result: summarize(found.outOfSample), buyAndHold: summarize(found.outOfSample.buyAndHold) },
      };
    }
  }
}
