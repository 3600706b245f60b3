/**
 * Backtests as a use case: validate the request, bound it before any read (candles in the range,
 * grid size), load the market's rules and candles through a CandleSource, run the pure domain
 * code under a deadline, and return decimal strings. Reads only; nothing here writes.
 *
 * The deadline: the domain has no clock, so the service hands it a checkpoint (called every few
 * thousand candles and after each sweep combination) that throws BACKTEST_TIMEOUT once
 * BACKTEST_TIMEOUT_MS have passed since the request began.
 */
import { requireMarket } from "../markets/market-data";
import type { MarketRow } from "../../db/queries/markets";
import {
  assertCandleCount,
  assertGridWithinLimits,
  candleCount,
  type ParameterGrid,
  regularSeries,
  runOnSeries,
  type SimulationConfig,
  STRATEGIES,
  sweep,
  type SweepProgress,
  walkForward,
} from "@/domain/backtest";
import { bucketStart, type Candle } from "@/domain/candles";
import { formatDecimal, parseDecimal } from "@/domain/decimal";
import { DomainError } from "@/domain/errors";
import type { ServiceContext } from "../context";
import {
  type BacktestRequest,
  type BaseRequest,
  backtestRequest,
  type ParsedSweepRequest,
  type SweepRequest,
  sweepRequest,
  type WalkForwardRequest,
  walkForwardRequest,
} from "./backtest-schema";
import { evaluationView, walkForwardView } from "./backtest-view";
import type { CandleSource, CandleSourceName } from "./candle-source";
import { ownTradeCandles } from "./own-trade-candles";

/** How long one backtest, sweep or walk-forward may compute before it is stopped. */
export const BACKTEST_TIMEOUT_MS = 20_000;

const CANDLE_SOURCES: Readonly<Record<CandleSourceName, (ctx: ServiceContext) => CandleSource>> = {
  trades: (ctx) => ownTradeCandles(ctx.db),
};

export interface BacktestOptions {
  /** Milliseconds since the epoch; injected so tests can run out of time. */
  clock?: () => number;
  onProgress?: (progress: SweepProgress) => void;
}

function deadline(options: BacktestOptions): () => void {
  const clock = options.clock ?? Date.now;
  const endsAtMs = clock() + BACKTEST_TIMEOUT_MS;
  return () => {
    if (clock() > endsAtMs) throw new DomainError("BACKTEST_TIMEOUT", undefined, { timeoutMs: String(BACKTEST_TIMEOUT_MS) });
  };
}

function candleWindow(request: BaseRequest) {
  const fromMs = bucketStart(request.startTime, request.interval);
  const toMs = bucketStart(request.endTime, request.interval);
  return { fromMs, toMs, count: candleCount(fromMs, toMs, request.interval) };
}

/** Everything a run needs once the request is within bounds: rules, cash, the regular series. */
async function prepare(ctx: ServiceContext, request: BaseRequest, checkpoint: () => void, grid?: ParameterGrid) {
  const window = candleWindow(request);
  assertCandleCount(window.count);
  if (grid) assertGridWithinLimits(grid, window.count);
  const market = await requireMarket(ctx.db, request.market);
  const initialCash = parseDecimal(request.initialCash, market.quoteScale);
  if (initialCash <= 0n) throw new DomainError("AMOUNT_NOT_POSITIVE", undefined, { field: "initialCash" });
  const source = CANDLE_SOURCES[request.source](ctx);
  const candles = await source.loadCandles({
    market: market.symbol,
    interval: request.interval,
    fromMs: window.fromMs,
    toMs: window.toMs,
  });
  checkpoint();
  const config: SimulationConfig = { rules: market, initialCash, slippageBps: request.slippageBps, checkpoint };
  return { market, config, series: regularSeries(candles, request.interval) };
}

function header(request: BaseRequest, market: MarketRow, config: SimulationConfig, series: readonly Candle[]) {
  return {
    market: market.symbol,
    interval: request.interval,
    source: request.source,
    strategy: request.strategy,
    initialCash: formatDecimal(config.initialCash, market.quoteScale),
    slippageBps: request.slippageBps,
    firstCandle: series[0]?.openTimeMs ?? null,
    lastCandle: series.at(-1)?.openTimeMs ?? null,
    candleCount: series.length,
  };
}

export async function runBacktest(ctx: ServiceContext, input: BacktestRequest, options: BacktestOptions = {}) {
  const checkpoint = deadline(options);
  const request = backtestRequest.parse(input);
  const { market, config, series } = await prepare(ctx, request, checkpoint);
  const strategy = STRATEGIES[request.strategy];
  const params = { ...strategy.defaults, ...request.params };
  const result = runOnSeries({ strategy, params, series, sentiment: request.sentiment, interval: request.interval, config });
  return {
    ...header(request, market, config, series),
    params: result.params,
    result: evaluationView(result, market),
    buyAndHold: evaluationView(result.buyAndHold, market),
  };
}
export type BacktestView = Awaited<ReturnType<typeof runBacktest>>;

/** The sweep as the domain takes it, its progress checked against the deadline before the caller hears it. */
function sweepSpec(request: ParsedSweepRequest, checkpoint: () => void, options: BacktestOptions) {
  return {
    strategy: STRATEGIES[request.strategy],
    base: request.params,
    grid: request.grid,
    objective: request.objective,
    sentiment: request.sentiment,
    interval: request.interval,
    onProgress: (progress: SweepProgress) => {
      checkpoint();
      options.onProgress?.(progress);
    },
  };
}

export async function runSweep(ctx: ServiceContext, input: SweepRequest, options: BacktestOptions = {}) {
  const checkpoint = deadline(options);
  const request = sweepRequest.parse(input);
  const { market, config, series } = await prepare(ctx, request, checkpoint, request.grid);
  const result = sweep({ ...sweepSpec(request, checkpoint, options), series, config });
  return { ...header(request, market, config, series), objective: request.objective, ...result };
}
export type SweepView = Awaited<ReturnType<typeof runSweep>>;

export async function runWalkForward(ctx: ServiceContext, input: WalkForwardRequest, options: BacktestOptions = {}) {
  const checkpoint = deadline(options);
  const request = walkForwardRequest.parse(input);
  const { market, config, series } = await prepare(ctx, request, checkpoint, request.grid);
  const result = walkForward({
    ...sweepSpec(request, checkpoint, options),
    series,
    config,
    inSampleFraction: request.inSampleFraction,
  });
  return {
    ...header(request, market, config, series),
    objective: request.objective,
    inSampleFraction: request.inSampleFraction,
    ...walkForwardView(result, market),
  };
}
export type WalkForwardView = Awaited<ReturnType<typeof runWalkForward>>;
