/**
 * What a backtest request may ask, bounded everywhere. Parameters are merged over the strategy's
 * defaults and checked by the strategy's own schema, so its bounds are stated once; a grid may
 * name only parameters the strategy has. Amounts are decimal strings, parsed at the market's
 * scale by the service (strictly: parseDecimal).
 */
import { z } from "zod";
import {
  MAX_IN_SAMPLE_FRACTION,
  MAX_SENTIMENT_POINTS,
  MAX_SLIPPAGE_BPS,
  MAX_SWEEP_COMBINATIONS,
  MIN_IN_SAMPLE_FRACTION,
  type Objective,
  OBJECTIVES,
  STRATEGIES,
  STRATEGY_NAMES,
} from "@/domain/backtest";
import { CANDLE_INTERVALS } from "@/domain/candles";
import { CANDLE_SOURCE_NAMES, type CandleSourceName } from "./candle-source";

/** What a slippage-free backtest would hide: a few basis points of spread and impact. */
export const DEFAULT_SLIPPAGE_BPS = 5;
export const DEFAULT_IN_SAMPLE_FRACTION = 0.7;
export const DEFAULT_SOURCE: CandleSourceName = "trades";
export const DEFAULT_OBJECTIVE: Objective = "sharpe";

/**
 * The request schemas, made fresh by each call: trpc-to-openapi sets `coerce` in place on the
 * number fields of the schemas it serves (for query strings), so REST gets its own instances and
 * the ones below, used by tRPC and the service, stay strict.
 */
export function createBacktestSchemas() {
  const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
  const sentimentPoint = z.strictObject({ timeMs: epochMs, score: z.number().min(-1).max(1) });
  const paramValues = z.record(z.string().max(40), z.number());

  const baseRequest = z.strictObject({
    market: z.string().min(1).max(25),
    interval: z.enum(CANDLE_INTERVALS),
    /** trades: the market's own trades; imported: history imported with `bourse import klines`. */
    source: z.enum(CANDLE_SOURCE_NAMES).default(DEFAULT_SOURCE),
    /** Epoch milliseconds; the candles whose buckets open from startTime's bucket to endTime's. */
    startTime: epochMs,
    endTime: epochMs,
    strategy: z.enum(STRATEGY_NAMES),
    /** Overrides of the strategy's defaults. */
    params: paramValues.default({}),
    /** Quote asset, a decimal string. */
    initialCash: z.string().max(60),
    slippageBps: z.number().int().min(0).max(MAX_SLIPPAGE_BPS).default(DEFAULT_SLIPPAGE_BPS),
    /** For the sentiment strategy; empty: the stored news of the market's base asset is used. */
    sentiment: z.array(sentimentPoint).max(MAX_SENTIMENT_POINTS).default([]),
  });

  const sweepFields = {
    grid: z.record(z.string().max(40), z.array(z.number()).min(1).max(MAX_SWEEP_COMBINATIONS)),
    objective: z.enum(OBJECTIVES).default(DEFAULT_OBJECTIVE),
  };

  return {
    backtestRequest: baseRequest.superRefine((request, ctx) => {
      checkRange(request, ctx);
      checkParams(request, ctx);
    }),
    sweepRequest: baseRequest.extend(sweepFields).superRefine((request, ctx) => {
      checkRange(request, ctx);
      checkGrid(request, ctx);
    }),
    walkForwardRequest: baseRequest
      .extend({
        ...sweepFields,
        inSampleFraction: z.number().min(MIN_IN_SAMPLE_FRACTION).max(MAX_IN_SAMPLE_FRACTION).default(DEFAULT_IN_SAMPLE_FRACTION),
      })
      .superRefine((request, ctx) => {
        checkRange(request, ctx);
        checkGrid(request, ctx);
      }),
  };
}

/** What every parsed request holds (defaults applied). */
export type BaseRequest = z.output<ReturnType<typeof createBacktestSchemas>["backtestRequest"]>;

function checkRange(request: BaseRequest, ctx: z.RefinementCtx): void {
  if (request.startTime > request.endTime)
    ctx.addIssue({ code: "custom", message: "startTime is after endTime", path: ["startTime"] });
}

function checkParams(request: BaseRequest, ctx: z.RefinementCtx): void {
  const strategy = STRATEGIES[request.strategy];
  const parsed = strategy.params.safeParse({ ...strategy.defaults, ...request.params });
  for (const issue of parsed.error?.issues ?? [])
    ctx.addIssue({ code: "custom", message: issue.message, path: ["params", ...issue.path] });
}

function checkGrid(request: BaseRequest & { grid: Record<string, number[]> }, ctx: z.RefinementCtx): void {
  const known = Object.keys(STRATEGIES[request.strategy].defaults);
  for (const name of Object.keys(request.grid)) {
    if (!known.includes(name))
      ctx.addIssue({ code: "custom", message: `${request.strategy} has no parameter ${name}`, path: ["grid", name] });
  }
}

export const { backtestRequest, sweepRequest, walkForwardRequest } = createBacktestSchemas();
export type BacktestRequest = z.input<typeof backtestRequest>;
export type SweepRequest = z.input<typeof sweepRequest>;
export type ParsedSweepRequest = z.output<typeof sweepRequest>;
export type WalkForwardRequest = z.input<typeof walkForwardRequest>;
export type ParsedWalkForwardRequest = z.output<typeof walkForwardRequest>;
