/**
 * Backtests as a use case: validate the request, bound it before any read (candles in the range,
 * grid size), claim the caller's one slot, load the market's rules, its candles through a
 * CandleSource and (for the sentiment strategy) its news, hand the pure job to the instance's
 * runner, and return decimal strings. Reads only; nothing here writes.
 *
 * Where it computes: `ctx.backtests`, the instance's worker-thread pool (server/workers), so a
 * run of seconds never blocks order entry or live streams; without one (tests, scripts), on the
 * calling thread.
 *
 * The deadline: BACKTEST_TIMEOUT_MS from the request's start, loading and waiting for a worker
 * included. The load is checked against it once done; the runner enforces the rest (a worker is
 * terminated at the deadline, the in-thread runner checks a clock at the domain's checkpoints).
 */
import { requireMarket } from "../markets/market-data";
import type { MarketRow } from "../../db/queries/markets";
import {
  assertCandleCount,
  assertGridWithinLimits,
  BACKTEST_TIMEOUT_MS,
  candleCount,
  type ParameterGrid,
  regularSeries,
  STRATEGIES,
  type SweepProgress,
} from "@/domain/backtest";
import type { BacktestJob, JobConfig, OutcomeOf } from "@/domain/backtest/job";
import { bucketStart, intervalMs } from "@/domain/candles";
import { formatDecimal, parseDecimal } from "@/domain/decimal";
import { DomainError } from "@/domain/errors";
import { createInThreadRunner } from "../../workers/in-thread";
import { backtestTimeout } from "../../workers/types";
import type { ServiceContext } from "../context";
import {
  type BacktestRequest,
  type BaseRequest,
  backtestRequest,
  type SweepRequest,
  sweepRequest,
  type WalkForwardRequest,
  walkForwardRequest,
} from "./backtest-schema";
import { type RunSentiment, sentimentForRun } from "./backtest-sentiment";
import { claimBacktestSlot } from "./backtest-slots";
import { evaluationView, walkForwardView } from "./backtest-view";
import type { CandleSource, CandleSourceName } from "./candle-source";
import { importedHistoryCandles } from "./imported-history-candles";
import { ownTradeCandles } from "./own-trade-candles";

export { BACKTEST_TIMEOUT_MS };

const CANDLE_SOURCES: Readonly<Record<CandleSourceName, (ctx: ServiceContext) => CandleSource>> = {
  trades: (ctx) => ownTradeCandles(ctx.db),
  imported: (ctx) => importedHistoryCandles(ctx.db),
};

export interface BacktestOptions {
  /** The caller: one backtest at a time per user (claimBacktestSlot). Absent for trusted callers. */
  userId?: string;
  /** Milliseconds since the epoch; injected so tests can run out of time (on the in-thread runner). */
  clock?: () => number;
  onProgress?: (progress: SweepProgress) => void;
  /** Aborted when the caller has gone: the run is dropped or stopped. */
  signal?: AbortSignal;
}

interface Budget {
  clock: () => number;
  endsAtMs: number;
}

function candleWindow(request: BaseRequest) {
  const fromMs = bucketStart(request.startTime, request.interval);
  const toMs = bucketStart(request.endTime, request.interval);
  return { fromMs, toMs, count: candleCount(fromMs, toMs, request.interval) };
}

/** Everything a run needs once the request is within bounds: rules, cash, the regular series, the news. */
async function prepare(ctx: ServiceContext, request: BaseRequest, budget: Budget, grid?: ParameterGrid) {
  const window = candleWindow(request);
  assertCandleCount(window.count);
  if (grid) assertGridWithinLimits(grid, window.count);
  const market = await requireMarket(ctx.db, request.market);
  const initialCash = parseDecimal(request.initialCash, market.quoteScale);
  if (initialCash <= 0n) throw new DomainError("AMOUNT_NOT_POSITIVE", undefined, { field: "initialCash" });
  const candles = await CANDLE_SOURCES[request.source](ctx).loadCandles({
    market: market.symbol,
    interval: request.interval,
    fromMs: window.fromMs,
    toMs: window.toMs,
  });
  const range = { fromMs: window.fromMs, toMs: window.toMs + intervalMs(request.interval) - 1 };
  const sentiment = await sentimentForRun(ctx, request, market, range);
  if (budget.clock() > budget.endsAtMs) throw backtestTimeout();
  const config: JobConfig = { rules: rulesOf(market), initialCash, slippageBps: request.slippageBps };
  return { market, config, sentiment, series: regularSeries(candles, request.interval) };
}
type Prepared = Awaited<ReturnType<typeof prepare>>;

/** Only the rules travel to a worker, not the whole market row. */
function rulesOf(market: MarketRow): JobConfig["rules"] {
  const { baseScale, quoteScale, priceTick, quantityStep, minQuantity, minNotional, makerFeeBps, takerFeeBps } = market;
  return { baseScale, quoteScale, priceTick, quantityStep, minQuantity, minNotional, makerFeeBps, takerFeeBps };
}

/** What a job needs of the prepared run, and of the request, whatever its kind. */
function jobBase(request: BaseRequest, prepared: Prepared) {
  return {
    strategy: request.strategy,
    series: prepared.series,
    sentiment: prepared.sentiment?.points ?? [],
    interval: request.interval,
    config: prepared.config,
  };
}

function sentimentView(sentiment: RunSentiment | null) {
  return sentiment && { source: sentiment.source, points: sentiment.points.length, isTruncated: sentiment.isTruncated };
}

function header(request: BaseRequest, { market, config, series, sentiment }: Prepared) {
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
    sentiment: sentimentView(sentiment),
  };
}

/** A backtest whose request passed, whose caller holds its slot and whose inputs are loaded. */
interface Started {
  prepared: Prepared;
  /** Computes the job where the instance computes, within what is left of the budget. */
  run<J extends BacktestJob>(job: J, onProgress?: (progress: SweepProgress) => void): Promise<OutcomeOf<J>>;
  /** Frees the caller's slot; call it once the run has settled. */
  release(): void;
}

/** The budget starts before anything is read; the slot is claimed before the load and freed if it fails. */
async function start(
  ctx: ServiceContext,
  request: BaseRequest,
  options: BacktestOptions,
  grid?: ParameterGrid,
): Promise<Started> {
  const clock = options.clock ?? Date.now;
  const budget = { clock, endsAtMs: clock() + BACKTEST_TIMEOUT_MS };
  const release = options.userId === undefined ? () => {} : claimBacktestSlot(ctx, options.userId);
  try {
    const prepared = await prepare(ctx, request, budget, grid);
    const runner = ctx.backtests ?? createInThreadRunner(clock);
    return {
      prepared,
      release,
      run: (job, onProgress) => runner.run(job, { timeoutMs: budget.endsAtMs - clock(), onProgress, signal: options.signal }),
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function settled<T>(started: Started, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    started.release();
  }
}

export async function runBacktest(ctx: ServiceContext, input: BacktestRequest, options: BacktestOptions = {}) {
  const request = backtestRequest.parse(input);
  const started = await start(ctx, request, options);
  const { prepared } = started;
  const params = { ...STRATEGIES[request.strategy].defaults, ...request.params };
  const outcome = await settled(started, () => started.run({ kind: "run", ...jobBase(request, prepared), params }));
  return {
    ...header(request, prepared),
    params: outcome.params,
    result: evaluationView(outcome.result, prepared.market),
    buyAndHold: evaluationView(outcome.buyAndHold, prepared.market),
  };
}
export type BacktestView = Awaited<ReturnType<typeof runBacktest>>;

/**
 * A sweep checked, its slot claimed and its candles loaded, not yet computed: refusals come
 * here, before a stream of its progress begins. `run` computes it once and frees the slot.
 */
export async function startSweep(ctx: ServiceContext, input: SweepRequest, options: Omit<BacktestOptions, "onProgress"> = {}) {
  const request = sweepRequest.parse(input);
  const started = await start(ctx, request, options, request.grid);
  const { grid, objective } = request;
  const job = { kind: "sweep", ...jobBase(request, started.prepared), base: request.params, grid, objective } as const;
  return {
    run: (onProgress?: (progress: SweepProgress) => void) =>
      settled(started, async () => ({
        ...header(request, started.prepared),
        objective,
        ...(await started.run(job, onProgress)),
      })),
  };
}

export async function runSweep(ctx: ServiceContext, input: SweepRequest, options: BacktestOptions = {}) {
  return (await startSweep(ctx, input, options)).run(options.onProgress);
}
export type SweepView = Awaited<ReturnType<typeof runSweep>>;

export async function runWalkForward(ctx: ServiceContext, input: WalkForwardRequest, options: BacktestOptions = {}) {
  const request = walkForwardRequest.parse(input);
  const started = await start(ctx, request, options, request.grid);
  const { prepared } = started;
  const { grid, objective, inSampleFraction } = request;
  const outcome = await settled(started, () =>
    started.run({ kind: "walk-forward", ...jobBase(request, prepared), base: request.params, grid, objective, inSampleFraction }),
  );
  return { ...header(request, prepared), objective, inSampleFraction, ...walkForwardView(outcome, prepared.market) };
}
export type WalkForwardView = Awaited<ReturnType<typeof runWalkForward>>;
