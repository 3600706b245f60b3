import { CONSISTENT_READ } from "../../db/transaction";
import { cached } from "../../cache/cached";
import type { EventDraft } from "../../db/queries/events";
import { topicHeadSeq } from "../../db/queries/event-log";
import { minuteTickerStats } from "../../db/queries/market-minutes";
import type { TradeStats } from "../../db/queries/market-stats";
import type { MarketRow } from "../../db/queries/markets";
import type { DbOrTx } from "../../db/types";
import { formatDecimal } from "@/domain/decimal";
import { marketTopic } from "../trading/book-events";
import { cacheKeys } from "../cache-keys";
import type { ServiceContext } from "../context";

type TickerMarket = Pick<MarketRow, "symbol" | "baseScale" | "quoteScale">;

/** 24h statistics as they leave the server: decimal strings, null prices when nothing traded. */
export function tickerView(market: TickerMarket, stats: TradeStats) {
  const price = (value: bigint | null) => (value === null ? null : formatDecimal(value, market.quoteScale));
  return {
    market: market.symbol,
    open: price(stats.open),
    high: price(stats.high),
    low: price(stats.low),
    last: price(stats.last),
    /** last - open, signed. */
    change: price(stats.change),
    /** (last - open) / open in percent, two decimals, truncated toward zero. */
    changePercent: stats.changeBps === null ? null : formatDecimal(stats.changeBps, 2),
    baseVolume: formatDecimal(stats.baseVolume, market.baseScale),
    quoteVolume: formatDecimal(stats.quoteVolume, market.quoteScale),
    tradeCount: stats.tradeCount,
    /** End of the 24h window these figures cover. */
    time: new Date(stats.atMs).toISOString(),
  };
}
export type TickerView = ReturnType<typeof tickerView>;

/** The `ticker` outbox event of a transaction that traded: computed inside it, trades included. */
export async function tickerEvent(tx: DbOrTx, market: TickerMarket): Promise<EventDraft> {
  const stats = await minuteTickerStats(tx, market.symbol);
  return { topic: marketTopic(market.symbol), type: "ticker", payload: tickerView(market, stats) };
}

export interface TickerSnapshot {
  /** The last market event these figures include. */
  seq: string;
  ticker: TickerView;
}

/** Figures and seq from one repeatable-read snapshot, so a stream can continue exactly after it. */
export function loadTickerSnapshot(db: DbOrTx, market: TickerMarket): Promise<TickerSnapshot> {
  return db.transaction(async (tx) => {
    const stats = await minuteTickerStats(tx, market.symbol);
    const seq = await topicHeadSeq(tx, marketTopic(market.symbol));
    return { seq: seq.toString(), ticker: tickerView(market, stats) };
  }, CONSISTENT_READ);
}

// The window slides with the clock, so even a market without trades must not keep old figures long.
export const TICKER_TTL_MS = 10_000;

export async function getTickerSnapshot(ctx: ServiceContext, market: TickerMarket): Promise<TickerSnapshot> {
  return cached(ctx.cache, cacheKeys.ticker(market.symbol), TICKER_TTL_MS, () => loadTickerSnapshot(ctx.db, market));
}
