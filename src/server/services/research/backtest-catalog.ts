import {
  BACKTEST_TIMEOUT_MS,
  MAX_BACKTEST_CANDLES,
  MAX_EQUITY_POINTS,
  MAX_IN_SAMPLE_FRACTION,
  MAX_SENTIMENT_POINTS,
  MAX_SLIPPAGE_BPS,
  MAX_SWEEP_CANDLE_STEPS,
  MAX_SWEEP_COMBINATIONS,
  MAX_TRADES,
  MIN_IN_SAMPLE_FRACTION,
  OBJECTIVES,
  strategyCatalog,
} from "@/domain/backtest";
import { CANDLE_INTERVALS } from "@/domain/candles";
import { DEFAULT_IN_SAMPLE_FRACTION, DEFAULT_OBJECTIVE, DEFAULT_SLIPPAGE_BPS, DEFAULT_SOURCE } from "./backtest-schema";
import { CANDLE_SOURCE_NAMES } from "./candle-source";

/**
 * Everything a form needs to build a valid backtest request without guessing: the strategies
 * with their parameters' bounds and defaults, the choices, the defaults and the limits, each
 * taken from where it is enforced. The same for everyone and fixed for a build: computed once.
 */
function buildCatalog() {
  return {
    strategies: strategyCatalog(),
    objectives: [...OBJECTIVES],
    sources: [...CANDLE_SOURCE_NAMES],
    intervals: [...CANDLE_INTERVALS],
    defaults: {
      source: DEFAULT_SOURCE,
      slippageBps: DEFAULT_SLIPPAGE_BPS,
      objective: DEFAULT_OBJECTIVE,
      inSampleFraction: DEFAULT_IN_SAMPLE_FRACTION,
    },
    limits: {
      maxCandles: MAX_BACKTEST_CANDLES,
      maxCombinations: MAX_SWEEP_COMBINATIONS,
      maxCandleSteps: MAX_SWEEP_CANDLE_STEPS,
      maxSlippageBps: MAX_SLIPPAGE_BPS,
      maxSentimentPoints: MAX_SENTIMENT_POINTS,
      minInSampleFraction: MIN_IN_SAMPLE_FRACTION,
      maxInSampleFraction: MAX_IN_SAMPLE_FRACTION,
      timeoutMs: BACKTEST_TIMEOUT_MS,
      maxEquityPoints: MAX_EQUITY_POINTS,
      maxTrades: MAX_TRADES,
    },
  };
}

let catalog: ReturnType<typeof buildCatalog> | undefined;

export async function getBacktestCatalog() {
  catalog ??= buildCatalog();
  return catalog;
}
export type BacktestCatalog = Awaited<ReturnType<typeof getBacktestCatalog>>;
