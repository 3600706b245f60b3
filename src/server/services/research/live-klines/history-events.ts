/**
 * What the live kline connector writes, and the events it announces it with. Closed candles go
 * to imported_candles exactly as the file import writes them (same statement: a candle already
 * stored is left as it is), in one transaction with their event; the forming candle is only an
 * event, at most once a second per stream, so the chart can draw it before it closes. Events
 * are on the topic `history:<MARKET>:<interval>` (the outbox, then the bus), which
 * market.onHistory streams. No market lock is taken: order entry never waits on any of this.
 */
import { type ImportedCandleBatch, insertImportedCandles } from "../../../db/queries/imported-candles";
import { appendEvents, type EventDraft } from "../../../db/queries/events";
import type { CandleInterval } from "@/domain/candles";
import type { ImportedKline } from "@/domain/klines/parse-kline";
import { afterCommit } from "../../after-commit";
import type { ServiceContext } from "../../context";
import { candleView } from "../../markets/candles";

export const historyTopic = (market: string, interval: CandleInterval) => `history:${market}:${interval}`;

export const HISTORY_EVENT = {
  /** One candle of the stream: forming (isClosed false, replaced by the next) or closed (stored). */
  kline: "kline",
  /** A reconnect's gap was filled over REST: the stored history changed in [fromOpenTime, toOpenTime]. */
  filled: "filled",
} as const;

export interface HistoryTarget {
  market: string;
  interval: CandleInterval;
  baseScale: number;
  quoteScale: number;
  /** Stored with every candle and named in every event: `stream.binance.com/btcusdt@kline_1m`. */
  source: string;
}

export function liveKlineView(kline: ImportedKline, target: HistoryTarget, isClosed: boolean) {
  return { market: target.market, interval: target.interval, ...candleView(kline, target), source: target.source, isClosed };
}
export type LiveKlineView = ReturnType<typeof liveKlineView>;

export interface FilledView {
  market: string;
  interval: CandleInterval;
  source: string;
  fromOpenTime: number;
  toOpenTime: number;
  /** Candles newly stored. */
  inserted: number;
}

const batchOf = (target: HistoryTarget, candles: readonly ImportedKline[]): ImportedCandleBatch => ({
  market: target.market,
  interval: target.interval,
  source: target.source,
  candles,
});

/** A closed candle from the stream: stored (or found already stored) and announced, in one commit. */
export async function storeClosedKline(ctx: ServiceContext, target: HistoryTarget, kline: ImportedKline): Promise<number> {
  const event: EventDraft = {
    topic: historyTopic(target.market, target.interval),
    type: HISTORY_EVENT.kline,
    payload: liveKlineView(kline, target, true),
  };
  const { inserted, seq } = await ctx.db.transaction(async (tx) => {
    const counts = await insertImportedCandles(tx, batchOf(target, [kline]));
    return { inserted: counts.inserted, seq: await appendEvents(tx, [event]) };
  });
  await afterCommit(ctx, { events: [event], seq, cacheKeys: [] });
  return inserted;
}

/** The candle still forming: an event only; nothing is stored until it closes. */
export async function publishFormingKline(ctx: ServiceContext, target: HistoryTarget, kline: ImportedKline): Promise<void> {
  const event: EventDraft = {
    topic: historyTopic(target.market, target.interval),
    type: HISTORY_EVENT.kline,
    payload: liveKlineView(kline, target, false),
  };
  const seq = await ctx.db.transaction((tx) => appendEvents(tx, [event]));
  await afterCommit(ctx, { events: [event], seq, cacheKeys: [] });
}

/** One REST page of a gap: its candles stored, and one event saying so when any were new. */
export async function storeGapPage(
  ctx: ServiceContext,
  target: HistoryTarget,
  candles: readonly ImportedKline[],
): Promise<number> {
  const first = candles[0];
  const last = candles.at(-1);
  if (!first || !last) return 0;
  const topic = historyTopic(target.market, target.interval);
  const written = await ctx.db.transaction(async (tx) => {
    const { inserted } = await insertImportedCandles(tx, batchOf(target, candles));
    if (inserted === 0) return { inserted, events: [], seq: null };
    const payload: FilledView = {
      market: target.market,
      interval: target.interval,
      source: target.source,
      fromOpenTime: first.openTimeMs,
      toOpenTime: last.openTimeMs,
      inserted,
    };
    const events: EventDraft[] = [{ topic, type: HISTORY_EVENT.filled, payload }];
    return { inserted, events, seq: await appendEvents(tx, events) };
  });
  await afterCommit(ctx, { events: written.events, seq: written.seq, cacheKeys: [] });
  return written.inserted;
}
