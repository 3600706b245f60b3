import { cached, invalidate } from "../../cache/cached";
import { aggregateTradeCandles } from "../../db/queries/market-stats";
import type { DbOrTx } from "../../db/types";
import { bucketStart, type Candle, type CandleInterval, intervalMs } from "@/domain/candles";
import { formatDecimal } from "@/domain/decimal";
import { cacheKeys } from "../cache-keys";
import type { ServiceContext } from "../context";
import { getMarket } from "./market-data";
import type { MarketView } from "../views";

/** Most candles one request returns (REFERENCE.md klines: default 500, max 1000). */
export const MAX_CANDLES = 1_000;
const RECENT_TTL_MS = 5_000;
const MAX_HISTORY_TTL_MS = 60 * 60_000;

type Scales = Pick<MarketView, "baseScale" | "quoteScale">;

export function candleView(candle: Candle, market: Scales) {
  const price = (value: bigint) => formatDecimal(value, market.quoteScale);
  return {
    /** Epoch milliseconds; candles are keyed by open time. */
    openTime: candle.openTimeMs,
    /** The last millisecond the candle covers. */
    closeTime: candle.closeTimeMs,
    open: price(candle.open),
    high: price(candle.high),
    low: price(candle.low),
    close: price(candle.close),
    baseVolume: formatDecimal(candle.baseVolume, market.baseScale),
    quoteVolume: formatDecimal(candle.quoteVolume, market.quoteScale),
    tradeCount: candle.tradeCount,
  };
}
export type CandleView = ReturnType<typeof candleView>;

export interface CandlesRequest {
  market: string;
  interval: CandleInterval;
  startTime?: number;
  endTime?: number;
  limit: number;
}

/**
 * The open times [fromMs, toMs] a request covers, never more than `limit` buckets and never past
 * the current one. With startTime: forward from its bucket. Otherwise: back from endTime (or now).
 * Null when the range is empty (startTime after endTime).
 */
export function candleRange(request: Omit<CandlesRequest, "market">, nowMs: number): { fromMs: number; toMs: number } | null {
  const size = intervalMs(request.interval);
  const current = bucketStart(nowMs, request.interval);
  const last = Math.min(request.endTime === undefined ? current : bucketStart(request.endTime, request.interval), current);
  if (request.startTime === undefined) return { fromMs: last - (request.limit - 1) * size, toMs: last };
  const fromMs = bucketStart(request.startTime, request.interval);
  const toMs = Math.min(last, fromMs + (request.limit - 1) * size);
  return fromMs > toMs ? null : { fromMs, toMs };
}

async function loadCandles(db: DbOrTx, market: MarketView, interval: CandleInterval, fromMs: number, toMs: number) {
  const candles = await aggregateTradeCandles(db, { market: market.symbol, intervalMs: intervalMs(interval), fromMs, toMs });
  return candles.map((c) => candleView(c, market));
}

/**
 * Candles from cache in two parts: closed history, which no commit changes (a transaction's trades
 * are stamped when it began, and none runs for a whole interval), cached per boundary; and the
 * last two buckets, invalidated by every trade. A range older than the cached span is read from
 * Postgres directly. Every part is computed by SQL over trades_market_time_idx.
 */
export async function getCandles(ctx: ServiceContext, request: CandlesRequest, nowMs = Date.now()): Promise<CandleView[]> {
  const market = await getMarket(ctx, request.market);
  const range = candleRange(request, nowMs);
  if (!range) return [];
  const size = intervalMs(request.interval);
  const current = bucketStart(nowMs, request.interval);
  const boundary = current - size;
  const cachedFrom = current - (MAX_CANDLES - 1) * size;
  if (range.fromMs < cachedFrom) return loadCandles(ctx.db, market, request.interval, range.fromMs, range.toMs);

  const historyKey = cacheKeys.candleHistory(market.symbol, request.interval, boundary);
  const historyTtlMs = Math.min(size, MAX_HISTORY_TTL_MS);
  const [history, recent] = await Promise.all([
    cached(ctx.cache, historyKey, historyTtlMs, () => loadCandles(ctx.db, market, request.interval, cachedFrom, boundary - size)),
    recentCandles(ctx, market, request.interval, boundary),
  ]);
  return [...history, ...recent].filter((c) => c.openTime >= range.fromMs && c.openTime <= range.toMs);
}

async function recentCandles(ctx: ServiceContext, market: MarketView, interval: CandleInterval, boundary: number) {
  const key = cacheKeys.candles(market.symbol, interval);
  const load = async () => ({
    fromMs: boundary,
    candles: await loadCandles(ctx.db, market, interval, boundary, boundary + intervalMs(interval)),
  });
  let recent = await cached(ctx.cache, key, RECENT_TTL_MS, load);
  // Cached before the clock crossed into a new bucket: it lacks the newest one.
  if (recent.fromMs !== boundary) {
    await invalidate(ctx.cache, [key]);
    recent = await cached(ctx.cache, key, RECENT_TTL_MS, load);
  }
  return recent.fromMs === boundary ? recent.candles : (await load()).candles;
}
