import { CONSISTENT_READ } from "../../db/transaction";
import { topicHeadSeq } from "../../db/queries/event-log";
import { aggregateTradeCandles } from "../../db/queries/market-stats";
import { listMarketTrades } from "../../db/queries/trades";
import { bucketStart, type Candle, type CandleInterval, intervalMs, mergeCandle } from "@/domain/candles";
import { parseDecimal } from "@/domain/decimal";
import { marketTopic } from "../trading/book-events";
import { type CandleView, candleView } from "./candles";
import type { ServiceContext } from "../context";
import {
  cursorOf,
  openTopicStream,
  type SnapshotReason,
  type Streamed,
  sharedItems,
  sharedSnapshots,
  type TopicStreamOptions,
} from "@/server/live";
import { type BookSnapshot, getOrderBook, loadBook, requireMarket } from "./market-data";
import { getTickerSnapshot, type TickerView } from "./ticker";
import { type PublicTradeView, publicTradeView } from "../views";

/**
 * Public market streams. Each function checks its input (the market exists) and returns the
 * stream, so refusals are ordinary errors. Each stream begins with a snapshot (kind "snapshot", reason "start") unless the
 * client resumes with a lastEventId; a cursor that cannot be resumed (older than retention)
 * gets a fresh snapshot with reason "reset", which replaces whatever the client held. Every
 * item carries the seq it is tracked by.
 */

interface StreamRequest {
  market: string;
  lastEventId?: string | null;
  signal?: AbortSignal;
}

const SNAPSHOT_TRADES = 50;

type Market = Awaited<ReturnType<typeof requireMarket>>;

/**
 * One of a market's streams: the market must exist (an ordinary error before the stream
 * starts), and the stream follows the market's topic from the client's cursor.
 */
async function openMarketStream<T>(
  ctx: ServiceContext,
  request: StreamRequest,
  stream: (market: Market, topic: string) => Pick<TopicStreamOptions<T>, "snapshot" | "toItem"> & { isResumable?: boolean },
): Promise<AsyncGenerator<Streamed<T>>> {
  const market = await requireMarket(ctx.db, request.market);
  const topic = marketTopic(market.symbol);
  const { snapshot, toItem, isResumable = true } = stream(market, topic);
  return openTopicStream<T>(ctx, {
    topic,
    cursor: isResumable ? cursorOf(request.lastEventId) : null,
    signal: request.signal,
    snapshot,
    toItem,
  });
}
/** Book snapshots up to this depth come from the cached book. */
const CACHED_BOOK_DEPTH = 100;

export type TradesStreamItem =
  | { kind: "snapshot"; reason: SnapshotReason; seq: string; market: string; trades: PublicTradeView[] }
  | { kind: "trade"; seq: string; trade: PublicTradeView };

// Payloads are what our own writers put in the outbox (services/views.ts shapes), so they are
// taken as those shapes; the tRPC edge does not re-validate stream items.
const tradeOf = (payload: unknown) => payload as PublicTradeView;

// One item per event for all streams of a kind (see events/shared-items.ts), so one encoding.
const tradeItem = sharedItems<TradesStreamItem>((event) =>
  event.type === "trade" ? { kind: "trade", seq: event.seq.toString(), trade: tradeOf(event.payload) } : null,
);
// Subscribers of one market that start together share one snapshot read (per database).
const tradeSnapshots = sharedSnapshots<Streamed<TradesStreamItem>>();

export function streamTrades(ctx: ServiceContext, request: StreamRequest): Promise<AsyncGenerator<Streamed<TradesStreamItem>>> {
  return openMarketStream<TradesStreamItem>(ctx, request, (market, topic) => ({
    snapshot: (reason) =>
      tradeSnapshots(ctx.db, `${market.symbol} ${reason}`, () =>
        ctx.db.transaction(async (tx) => {
          const seq = await topicHeadSeq(tx, topic);
          const rows = await listMarketTrades(tx, { market: market.symbol, limit: SNAPSHOT_TRADES });
          const trades = rows.map((r) => publicTradeView(r, market));
          return { seq, item: { kind: "snapshot", reason, seq: seq.toString(), market: market.symbol, trades } };
        }, CONSISTENT_READ),
      ),
    toItem: tradeItem,
  }));
}

type Levels = BookSnapshot["bids"];
export type BookStreamItem =
  | { kind: "snapshot"; reason: SnapshotReason; seq: string; market: string; bids: Levels; asks: Levels }
  /**
   * Absolute sizes of the levels that changed ("0…" removes one); apply only if prevSeq is the seq
   * you hold, else resubscribe without lastEventId. Levels deeper than the snapshot's depth appear
   * too: keep them, and show the top of the book.
   */
  | { kind: "diff"; seq: string; prevSeq: string; market: string; bids: Levels; asks: Levels };

const bookItem = sharedItems<BookStreamItem>(
  (event, prevSeq) => {
    if (event.type !== "book") return null;
    const diff = event.payload as { market: string; bids: Levels; asks: Levels };
    return { kind: "diff", seq: event.seq.toString(), prevSeq: prevSeq.toString(), ...diff };
  },
  { byPrevSeq: true },
);

export function streamBook(
  ctx: ServiceContext,
  request: StreamRequest & { depth: number },
): Promise<AsyncGenerator<Streamed<BookStreamItem>>> {
  return openMarketStream<BookStreamItem>(ctx, request, (market) => ({
    snapshot: async (reason) => {
      // A cached book is stamped with the seq it reflects, so even a stale one is a correct start.
      const book =
        request.depth <= CACHED_BOOK_DEPTH
          ? await getOrderBook(ctx, market.symbol, request.depth)
          : await loadBook(ctx.db, market, request.depth);
      return { seq: BigInt(book.seq), item: { kind: "snapshot", reason, ...book } };
    },
    toItem: bookItem,
  }));
}

/** A ticker event is written by every transaction that trades; between trades the 24h window slides silently. */
export type TickerStreamItem =
  | { kind: "snapshot"; reason: SnapshotReason; seq: string; ticker: TickerView }
  | { kind: "ticker"; seq: string; ticker: TickerView };

const tickerItem = sharedItems<TickerStreamItem>((event) =>
  event.type === "ticker" ? { kind: "ticker", seq: event.seq.toString(), ticker: event.payload as TickerView } : null,
);

export function streamTicker(ctx: ServiceContext, request: StreamRequest): Promise<AsyncGenerator<Streamed<TickerStreamItem>>> {
  return openMarketStream<TickerStreamItem>(ctx, request, (market) => ({
    snapshot: async (reason) => {
      const { seq, ticker } = await getTickerSnapshot(ctx, market);
      return { seq: BigInt(seq), item: { kind: "snapshot", reason, seq, ticker } };
    },
    toItem: tickerItem,
  }));
}

export type CandlesStreamItem =
  | { kind: "snapshot"; reason: SnapshotReason; seq: string; interval: CandleInterval; candles: CandleView[] }
  | { kind: "candle"; seq: string; interval: CandleInterval; candle: CandleView };

/**
 * The previous and current candle, then the current candle again after every trade. Candles are
 * derived state, not a log, so every connection (resumed or not) starts from a snapshot; a client
 * away for longer reloads market.candles.
 */
export function streamCandles(
  ctx: ServiceContext,
  request: StreamRequest & { interval: CandleInterval },
): Promise<AsyncGenerator<Streamed<CandlesStreamItem>>> {
  const { interval } = request;
  let current: Candle | null = null;
  return openMarketStream<CandlesStreamItem>(ctx, request, (market, topic) => ({
    isResumable: false,
    snapshot: (reason) =>
      ctx.db.transaction(async (tx) => {
        const seq = await topicHeadSeq(tx, topic);
        const toMs = bucketStart(Date.now(), interval);
        const fromMs = toMs - intervalMs(interval);
        const candles = await aggregateTradeCandles(tx, {
          market: market.symbol,
          intervalMs: intervalMs(interval),
          fromMs,
          toMs,
        });
        current = candles.at(-1) ?? null;
        const views = candles.map((c) => candleView(c, market));
        return { seq, item: { kind: "snapshot", reason, seq: seq.toString(), interval, candles: views } };
      }, CONSISTENT_READ),
    toItem: (event) => {
      if (event.type !== "trade") return null;
      const trade = tradeOf(event.payload);
      const merged = mergeCandle(
        current,
        {
          timeMs: Date.parse(trade.time),
          price: parseDecimal(trade.price, market.quoteScale),
          quantity: parseDecimal(trade.quantity, market.baseScale),
          quoteQuantity: parseDecimal(trade.quoteQuantity, market.quoteScale),
        },
        interval,
      );
      // A trade stamped before the current candle (see mergeCandle) changes nothing shown live.
      if (merged === current) return null;
      current = merged;
      return { kind: "candle", seq: event.seq.toString(), interval, candle: candleView(merged, market) };
    },
  }));
}
