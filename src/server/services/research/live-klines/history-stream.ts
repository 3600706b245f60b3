import { latestTopicEvent } from "../../../db/queries/event-log";
import { type CandleInterval, intervalMs } from "@/domain/candles";
import { openTopicStream, type SnapshotReason, type Streamed, sharedItems } from "@/server/live";
import type { ServiceContext } from "../../context";
import { requireMarket } from "../../markets/market-data";
import { type FilledView, HISTORY_EVENT, historyTopic, type LiveKlineView } from "./history-events";

export type HistoryStreamItem =
  /** The candle forming now, if a stream is feeding this market and interval (else null). */
  | {
      kind: "snapshot";
      reason: SnapshotReason;
      seq: string;
      market: string;
      interval: CandleInterval;
      forming: LiveKlineView | null;
    }
  /** A forming candle's newer state, or (isClosed) its final one, now stored. */
  | { kind: "kline"; seq: string; candle: LiveKlineView }
  /** Stored history changed in this range (a gap filled after a reconnect): reload it. */
  | ({ kind: "filled"; seq: string } & FilledView);

// Payloads are what history-events.ts wrote to the outbox, so they are taken as those shapes.
const historyItem = sharedItems<HistoryStreamItem>((event) => {
  const seq = event.seq.toString();
  if (event.type === HISTORY_EVENT.kline) return { kind: "kline", seq, candle: event.payload as LiveKlineView };
  if (event.type === HISTORY_EVENT.filled) return { kind: "filled", seq, ...(event.payload as FilledView) };
  return null;
});

/**
 * market.onHistory: the live imported history of a market and interval. Like the market's own
 * candle stream it is derived state, not a log to replay: every connection starts from a snapshot
 * (the forming candle), and a client that was away reloads market.history for what closed
 * meanwhile. The forming candle is the topic's last event while it is fresh: one still open, or
 * closed less than an interval ago (a stream that went quiet does not leave a stale bar behind).
 */
export async function streamHistory(
  ctx: ServiceContext,
  request: { market: string; interval: CandleInterval; signal?: AbortSignal },
): Promise<AsyncGenerator<Streamed<HistoryStreamItem>>> {
  const market = await requireMarket(ctx.db, request.market);
  const { interval } = request;
  const topic = historyTopic(market.symbol, interval);
  return openTopicStream<HistoryStreamItem>(ctx, {
    topic,
    cursor: null,
    signal: request.signal,
    snapshot: async (reason) => {
      const latest = await latestTopicEvent(ctx.db, topic);
      const candle = latest?.type === HISTORY_EVENT.kline ? (latest.payload as LiveKlineView) : null;
      const isFresh = candle !== null && !candle.isClosed && candle.closeTime >= Date.now() - intervalMs(interval);
      const seq = latest?.seq ?? 0n;
      const item: HistoryStreamItem = {
        kind: "snapshot",
        reason,
        seq: seq.toString(),
        market: market.symbol,
        interval,
        forming: isFresh ? candle : null,
      };
      return { seq, item };
    },
    toItem: historyItem,
  });
}
