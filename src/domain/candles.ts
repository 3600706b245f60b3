/**
 * Candles (klines) and 24h statistics from trades. Times are JS numbers of epoch
 * milliseconds (not money, and exact up to year 287396); prices and volumes stay bigint.
 * Buckets are aligned to the UTC epoch, so 1d candles open at 00:00 UTC and 4h ones at
 * 00, 04, 08 ... UTC. Following Binance, a candle's closeTimeMs is the last millisecond it
 * covers (open + interval - 1). Only buckets with trades produce candles; no gap filling.
 */
import { maxBigint, minBigint } from "./decimal";
import { assert } from "./errors";

export const CANDLE_INTERVALS = ["1m", "5m", "15m", "1h", "4h", "1d"] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const INTERVAL_MS: Readonly<Record<CandleInterval, number>> = {
  "1m": MINUTE_MS,
  "5m": 5 * MINUTE_MS,
  "15m": 15 * MINUTE_MS,
  "1h": HOUR_MS,
  "4h": 4 * HOUR_MS,
  "1d": DAY_MS,
};

export function intervalMs(interval: CandleInterval): number {
  return INTERVAL_MS[interval];
}

export function isCandleInterval(value: string): value is CandleInterval {
  return (CANDLE_INTERVALS as readonly string[]).includes(value);
}

export interface CandleTrade {
  timeMs: number;
  price: bigint;
  /** Base minor units. */
  quantity: bigint;
  /** Quote minor units (the fill's notional). */
  quoteQuantity: bigint;
}

export interface Candle {
  openTimeMs: number;
  closeTimeMs: number;
  open: bigint;
  high: bigint;
  low: bigint;
  close: bigint;
  baseVolume: bigint;
  quoteVolume: bigint;
  tradeCount: number;
}

/** Start of the UTC-aligned bucket holding `timestampMs` (floor, also before 1970). */
export function bucketStart(timestampMs: number, interval: CandleInterval): number {
  assert(Number.isSafeInteger(timestampMs), "timestamps are integer milliseconds");
  const size = INTERVAL_MS[interval];
  return timestampMs - (((timestampMs % size) + size) % size);
}

function openCandle(trade: CandleTrade, interval: CandleInterval): Candle {
  const openTimeMs = bucketStart(trade.timeMs, interval);
  return {
    openTimeMs,
    closeTimeMs: openTimeMs + INTERVAL_MS[interval] - 1,
    open: trade.price,
    high: trade.price,
    low: trade.price,
    close: trade.price,
    baseVolume: trade.quantity,
    quoteVolume: trade.quoteQuantity,
    tradeCount: 1,
  };
}

function addTrade(candle: Candle, trade: CandleTrade): Candle {
  return {
    ...candle,
    high: maxBigint(candle.high, trade.price),
    low: minBigint(candle.low, trade.price),
    close: trade.price,
    baseVolume: candle.baseVolume + trade.quantity,
    quoteVolume: candle.quoteVolume + trade.quoteQuantity,
    tradeCount: candle.tradeCount + 1,
  };
}

/**
 * Live update: folds one new trade into the latest candle, or opens the next one. A trade
 * older than `last`'s bucket (possible: Postgres stamps rows with their transaction's start
 * time, so commit order and time order can disagree by a few ms) belongs to a closed candle;
 * `last` is returned unchanged and the next full aggregation picks the trade up.
 */
export function mergeCandle(last: Candle | null, trade: CandleTrade, interval: CandleInterval): Candle {
  if (last === null) return openCandle(trade, interval);
  assert(last.closeTimeMs - last.openTimeMs + 1 === INTERVAL_MS[interval], "the candle has this interval");
  const start = bucketStart(trade.timeMs, interval);
  if (start > last.openTimeMs) return openCandle(trade, interval);
  if (start < last.openTimeMs) return last;
  return addTrade(last, trade);
}

/**
 * Candles for `trades`, oldest first. Trades are ordered by time; equal times keep the input
 * order, so pass them in execution (sequence) order for the right open and close.
 */
export function aggregateCandles(trades: readonly CandleTrade[], interval: CandleInterval): Candle[] {
  const ordered = [...trades].sort((a, b) => a.timeMs - b.timeMs); // Array sort is stable.
  const candles: Candle[] = [];
  for (const trade of ordered) {
    const last = candles.at(-1) ?? null;
    const merged = mergeCandle(last, trade, interval);
    if (last !== null && merged.openTimeMs === last.openTimeMs) candles[candles.length - 1] = merged;
    else candles.push(merged);
  }
  return candles;
}

export interface Ticker24h {
  /** Null when no trade happened in the window. */
  open: bigint | null;
  high: bigint | null;
  low: bigint | null;
  last: bigint | null;
  /** last - open, in quote minor units. */
  change: bigint | null;
  /** (last - open) / open in basis points, truncated toward zero; a ratio, so a number. */
  changeBps: bigint | null;
  baseVolume: bigint;
  quoteVolume: bigint;
  tradeCount: number;
}

/** Statistics over the trades in (nowMs - 24h, nowMs]; `nowMs` comes from the caller. */
export function ticker24h(trades: readonly CandleTrade[], nowMs: number): Ticker24h {
  assert(Number.isSafeInteger(nowMs), "nowMs is integer milliseconds");
  const inWindow = trades.filter((t) => t.timeMs > nowMs - DAY_MS && t.timeMs <= nowMs);
  const ordered = inWindow.sort((a, b) => a.timeMs - b.timeMs);
  let candle: Candle | null = null;
  for (const trade of ordered) candle = candle === null ? openCandle(trade, "1d") : addTrade(candle, trade);
  assert(candle === null || candle.open > 0n, "trade prices are positive");
  // No trade in the window is a ticker of nothing: no prices, zero volumes.
  const open = candle?.open ?? null;
  const last = candle?.close ?? null;
  return {
    open,
    high: candle?.high ?? null,
    low: candle?.low ?? null,
    last,
    ...priceChange(open, last),
    baseVolume: candle?.baseVolume ?? 0n,
    quoteVolume: candle?.quoteVolume ?? 0n,
    tradeCount: candle?.tradeCount ?? 0,
  };
}

/**
 * last − open, and the same in basis points of open, truncated toward zero (bigint division);
 * null where either price is missing. The one definition every 24h figure uses.
 */
export function priceChange(open: bigint | null, last: bigint | null): { change: bigint | null; changeBps: bigint | null } {
  if (open === null || last === null) return { change: null, changeBps: null };
  const change = last - open;
  return { change, changeBps: open > 0n ? (change * 10_000n) / open : null };
}
