import { z } from "zod";
import { OBJECTIVES, STRATEGY_NAMES } from "@/domain/backtest";
import { CANDLE_INTERVALS } from "@/domain/candles";
import { SIDES } from "@/domain/types";
import { CANDLE_SOURCE_NAMES } from "../services/research/candle-source";

/**
 * What the backtest procedures answer, for tRPC's output check and the OpenAPI document. Amounts
 * are decimal strings at the market's scales, times epoch milliseconds, ratios JS numbers; a
 * figure with no meaning is null (see docs/backtesting.md, Metrics). The request schemas are the
 * service's own (services/research/backtest-schema.ts).
 */

const decimalOut = z.string();
const epochMs = z.number().int();
const ratio = z.number();

export const metricsOutput = z.object({
  totalReturn: ratio.describe("Final equity / initial cash − 1."),
  cagr: ratio.nullable().describe("Compound annual growth; null under a whole period or past any float."),
  maxDrawdown: ratio.describe("Largest fall from a peak, 0 … 1."),
  sharpe: ratio.nullable().describe("Annualised, per-candle returns, risk-free rate 0."),
  sortino: ratio.nullable(),
  winRate: ratio.nullable().describe("Winning round trips / round trips (after both fees)."),
  profitFactor: ratio.nullable().describe("Gains / losses of the round trips; null without a loss."),
  exposure: ratio.describe("Share of candles closed holding a position."),
  tradeCount: z.number().int().describe("Closed round trips."),
});

const fillOutput = z.object({
  time: epochMs.describe("Open time of the candle filled at."),
  side: z.enum(SIDES),
  price: decimalOut,
  quantity: decimalOut,
  notional: decimalOut,
  fee: decimalOut,
});

export const evaluationOutput = z.object({
  metrics: metricsOutput,
  finalEquity: decimalOut,
  feesPaid: decimalOut,
  fillCount: z.number().int(),
  skippedOrders: z.number().int().describe("Orders the market's minimums refused; each was tried again at the next candle."),
  trades: z
    .array(z.object({ entry: fillOutput, exit: fillOutput, pnl: decimalOut }))
    .describe("The last 500 round trips, oldest first; metrics count every one."),
  openTrade: fillOutput.nullable().describe("The buy of a position still held at the end, marked at the last close."),
  equity: z
    .array(z.object({ time: epochMs, equity: decimalOut, cash: decimalOut, position: decimalOut }))
    .describe("At most 1,000 points, evenly sampled, first and last kept; one per candle close before sampling."),
});

const paramsOutput = z.record(z.string(), z.number());

const headerFields = {
  market: z.string(),
  interval: z.enum(CANDLE_INTERVALS),
  source: z.enum(CANDLE_SOURCE_NAMES),
  strategy: z.enum(STRATEGY_NAMES),
  initialCash: decimalOut,
  slippageBps: z.number().int(),
  firstCandle: epochMs.nullable(),
  lastCandle: epochMs.nullable(),
  candleCount: z.number().int().describe("Candles simulated, gaps filled with flat candles."),
  sentiment: z
    .object({ source: z.enum(["request", "news"]), points: z.number().int(), isTruncated: z.boolean() })
    .nullable()
    .describe("What the sentiment strategy read: the request's points or the stored news; null for other strategies."),
};

export const backtestOutput = z.object({
  ...headerFields,
  params: paramsOutput,
  result: evaluationOutput,
  buyAndHold: evaluationOutput.describe("The same engine holding from the second candle's open: the baseline."),
});

const sweepEntryOutput = z.object({ params: paramsOutput, metrics: metricsOutput });

export const sweepOutput = z.object({
  ...headerFields,
  objective: z.enum(OBJECTIVES),
  ranked: z.array(sweepEntryOutput).describe("Best first by the objective; null figures last, ties in grid order."),
  skipped: z.number().int().describe("Combinations the strategy's own rules refused (say fast ≥ slow)."),
  total: z.number().int(),
});

export const walkForwardOutput = z.object({
  ...headerFields,
  objective: z.enum(OBJECTIVES),
  inSampleFraction: ratio,
  splitTime: epochMs.describe("Open time of the first out-of-sample candle."),
  inSample: z.object({
    best: sweepEntryOutput,
    buyAndHold: metricsOutput,
    tried: z.number().int(),
    skipped: z.number().int(),
  }),
  outOfSample: evaluationOutput.extend({ buyAndHold: evaluationOutput }),
});

const parameterSpecOutput = z.object({
  name: z.string(),
  kind: z.enum(["integer", "number"]),
  min: z.number(),
  max: z.number(),
  default: z.number(),
});

export const catalogOutput = z.object({
  strategies: z.array(
    z.object({
      name: z.enum(STRATEGY_NAMES),
      summary: z.string(),
      parameters: z.array(parameterSpecOutput),
      rules: z.array(z.string()).describe("Checks across parameters, in words."),
      readsNews: z.boolean(),
    }),
  ),
  objectives: z.array(z.enum(OBJECTIVES)),
  sources: z.array(z.enum(CANDLE_SOURCE_NAMES)),
  intervals: z.array(z.enum(CANDLE_INTERVALS)),
  defaults: z.object({
    source: z.enum(CANDLE_SOURCE_NAMES),
    slippageBps: z.number().int(),
    objective: z.enum(OBJECTIVES),
    inSampleFraction: ratio,
  }),
  limits: z.object({
    maxCandles: z.number().int(),
    maxCombinations: z.number().int(),
    maxCandleSteps: z.number().int().describe("Combinations × candles of one sweep."),
    maxSlippageBps: z.number().int(),
    maxSentimentPoints: z.number().int(),
    minInSampleFraction: ratio,
    maxInSampleFraction: ratio,
    timeoutMs: z.number().int(),
    maxEquityPoints: z.number().int(),
    maxTrades: z.number().int(),
  }),
});
