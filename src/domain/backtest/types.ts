import type { Candle } from "../candles";
import type { MarketRules } from "../types";

/**
 * What a strategy wants to hold after a candle closes. Long-only and unlevered: LONG spends all
 * cash on the base asset, FLAT holds only cash.
 */
export type Exposure = "LONG" | "FLAT";

/** One news sentiment reading: -1 very negative … 1 very positive, stamped when it was published. */
export interface SentimentPoint {
  timeMs: number;
  score: number;
}

/** Everything a strategy may look at; each target it returns depends only on what came before it. */
export interface StrategyInput {
  candles: readonly Candle[];
  /** Oldest first. */
  sentiment: readonly SentimentPoint[];
}

/** Strategy parameters are all numbers (periods, thresholds), so grids and views stay simple. */
export type StrategyParams = Readonly<Record<string, number>>;

export interface SimulationConfig {
  rules: MarketRules;
  /** Quote minor units the run starts with. */
  initialCash: bigint;
  /** How far a market order's fill price moves against the trader from the candle's open. */
  slippageBps: number;
  /** Called every few thousand candles; the caller throws from it to stop (a deadline). */
  checkpoint?: () => void;
}
