/**
 * One backtest: the strategy's targets, the simulation, its metrics, and buy-and-hold over the
 * same candles with the same rules, fees, slippage and cash (LONG from the first close, so it
 * buys at the second candle's open: the earliest the strategy could). Deterministic: the same
 * inputs give the same result, bit for bit.
 */
import type { Candle, CandleInterval } from "../candles";
import { DomainError } from "../errors";
import { computeMetrics, type Metrics } from "./metrics";
import { regularSeries } from "./series";
import { type Simulation, simulate } from "./simulate";
import type { Strategy } from "./strategies/strategy";
import type { Exposure, SentimentPoint, SimulationConfig, StrategyParams } from "./types";

export interface Evaluation {
  simulation: Simulation;
  metrics: Metrics;
}

export interface BacktestResult extends Evaluation {
  params: StrategyParams;
  buyAndHold: Evaluation;
}

export interface BacktestSpec {
  strategy: Strategy;
  params: unknown;
  /** A regular series (regularSeries), at least two candles. */
  series: readonly Candle[];
  sentiment: readonly SentimentPoint[];
  interval: CandleInterval;
  config: SimulationConfig;
}

/** Fewer than two candles leave nothing to trade: the first close decides, the second open fills. */
export function assertEnoughCandles(candles: readonly Candle[]): void {
  if (candles.length < 2) throw new DomainError("BACKTEST_NOT_ENOUGH_DATA", undefined, { minCandles: "2" });
}

export function evaluate(
  candles: readonly Candle[],
  targets: readonly Exposure[],
  interval: CandleInterval,
  config: SimulationConfig,
): Evaluation {
  const simulation = simulate(candles, targets, config);
  return { simulation, metrics: computeMetrics(simulation, interval) };
}

export function buyAndHold(candles: readonly Candle[], interval: CandleInterval, config: SimulationConfig): Evaluation {
  return evaluate(
    candles,
    candles.map((): Exposure => "LONG"),
    interval,
    config,
  );
}

export function runOnSeries(spec: BacktestSpec): BacktestResult {
  const { strategy, series, sentiment, interval, config } = spec;
  assertEnoughCandles(series);
  const params = strategy.params.parse(spec.params);
  const targets = strategy.targets({ candles: series, sentiment }, params);
  return { params, ...evaluate(series, targets, interval, config), buyAndHold: buyAndHold(series, interval, config) };
}

/** A backtest over candles as a source gives them (gaps allowed): the series is made regular first. */
export function backtest(spec: Omit<BacktestSpec, "series"> & { candles: readonly Candle[] }): BacktestResult {
  return runOnSeries({ ...spec, series: regularSeries(spec.candles, spec.interval) });
}
