/**
 * A walk-forward split, so that overfitting shows: the sweep picks the best parameters on the
 * in-sample part (the first `inSampleFraction` of the candles) and those parameters alone are
 * then run on the out-of-sample rest, which the choice never saw. Strategies are causal (a
 * target depends only on candles up to it), so out-of-sample targets are computed over the whole
 * series, with the in-sample candles as warm-up, and the simulation starts flat with the initial
 * cash at the first out-of-sample candle. Both parts are compared with buy-and-hold on the same
 * candles.
 */
import { assert, DomainError } from "../errors";
import { buyAndHold, type Evaluation, evaluate } from "./run";
import { type SweepEntry, type SweepSpec, sweep } from "./sweep";

export const MIN_IN_SAMPLE_FRACTION = 0.5;
export const MAX_IN_SAMPLE_FRACTION = 0.9;

export interface WalkForwardSpec extends SweepSpec {
  inSampleFraction: number;
}

export interface WalkForwardResult {
  /** The open time of the first out-of-sample candle. */
  splitTimeMs: number;
  inSample: { best: SweepEntry; buyAndHold: Evaluation; tried: number; skipped: number };
  outOfSample: Evaluation & { buyAndHold: Evaluation };
}

function splitIndex(length: number, fraction: number): number {
  assert(fraction >= MIN_IN_SAMPLE_FRACTION && fraction <= MAX_IN_SAMPLE_FRACTION, "the in-sample fraction is within bounds");
  const index = Math.floor(length * fraction);
  if (index < 2 || length - index < 2) throw new DomainError("BACKTEST_NOT_ENOUGH_DATA", undefined, { minCandles: "4" });
  return index;
}

export function walkForward(spec: WalkForwardSpec): WalkForwardResult {
  const { strategy, series, sentiment, interval, config } = spec;
  const split = splitIndex(series.length, spec.inSampleFraction);
  const inSample = series.slice(0, split);
  const outOfSample = series.slice(split);
  const found = sweep({ ...spec, series: inSample });
  const best = found.ranked[0];
  assert(best !== undefined, "a sweep that ran returns at least one entry");
  const targets = strategy.targets({ candles: series, sentiment }, best.params).slice(split);
  return {
    splitTimeMs: outOfSample[0]?.openTimeMs ?? 0,
    inSample: { best, buyAndHold: buyAndHold(inSample, interval, config), tried: found.total, skipped: found.skipped },
    outOfSample: { ...evaluate(outOfSample, targets, interval, config), buyAndHold: buyAndHold(outOfSample, interval, config) },
  };
}
