/**
 * Backtesting, pure: strategies over candles (and news sentiment), a fill engine on the market's
 * own rules and rounding, metrics, parameter sweeps and walk-forward splits. No I/O, no clock:
 * the service loads candles and passes a checkpoint that enforces its deadline.
 * Read in this order: types, series, fills, simulate, metrics, run, sweep, walk-forward, then
 * job (what a worker thread runs) and wire (how a job and its outcome cross to it).
 */
export { STRATEGIES, STRATEGY_NAMES, type StrategyName } from "./registry";
export { type ParameterSpec, type StrategySpec, strategyCatalog } from "./catalog";
export { assertGridWithinLimits, type ParameterGrid } from "./grid";
export * from "./limits";
export type { Metrics } from "./metrics";
export { periodsPerYear } from "./metrics";
export { type BacktestResult, backtest, type Evaluation, runOnSeries } from "./run";
export { regularSeries, candleCount, assertCandleCount } from "./series";
export type { EquityPoint, RoundTrip, Simulation } from "./simulate";
export type { SimulatedFill } from "./fills";
export type { Strategy } from "./strategies/strategy";
export { OBJECTIVES, type Objective, type SweepEntry, type SweepProgress, type SweepResult, sweep } from "./sweep";
export type { Exposure, SentimentPoint, SimulationConfig, StrategyParams } from "./types";
export { MAX_IN_SAMPLE_FRACTION, MIN_IN_SAMPLE_FRACTION, type WalkForwardResult, walkForward } from "./walk-forward";
