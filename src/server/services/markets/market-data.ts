import { CONSISTENT_READ } from "../../db/transaction";
import { cached } from "../../cache/cached";
import { findMarket, listMarkets, type MarketRow } from "../../db/queries/markets";
import { listMarketTrades } from "../../db/queries/trades";
import { listAssets } from "../../db/queries/assets";
import { bookLevels } from "../../db/queries/book-levels";
import { topicHeadSeq } from "../../db/queries/event-log";
import type { DbOrTx } from "../../db/types";
import { formatDecimal } from "@/domain/decimal";
import { DomainError } from "@/domain/errors";
import type { Side } from "@/domain/types";
import { marketTopic } from "../trading/book-events";
import { cacheKeys } from "../cache-keys";
import type { ServiceContext } from "../context";
import { getTickerSnapshot, TICKER_TTL_MS, type TickerView } from "./ticker";
import { type MarketView, marketView, type PublicTradeView, publicTradeView } from "../views";

const RULES_TTL_MS = 60_000;
const BOOK_TTL_MS = 5_000;

export async function getAssets(ctx: ServiceContext) {
  return cached(ctx.cache, cacheKeys.assets(), RULES_TTL_MS, () => listAssets(ctx.db));
}

/** Market rules only; they change when an administrator changes a market, not when trades happen. */
export async function getMarketRules(ctx: ServiceContext): Promise<MarketView[]> {
  return cached(ctx.cache, cacheKeys.markets(), RULES_TTL_MS, async () => (await listMarkets(ctx.db)).map(marketView));
}

/** Every market with its 24h figures; each part is cached on its own, tickers per market. */
export async function getMarkets(ctx: ServiceContext): Promise<(MarketView & { ticker: TickerView })[]> {
  // One entry for the whole list, built from the per-market entries, so a read is one cache get;
  // a trade drops it with its market's ticker, and the rebuild recomputes only that ticker.
  return cached(ctx.cache, cacheKeys.marketList(), TICKER_TTL_MS, async () => {
    const rules = await getMarketRules(ctx);
    return Promise.all(rules.map(async (market) => ({ ...market, ticker: (await getTickerSnapshot(ctx, market)).ticker })));
  });
}

export async function requireMarket(db: DbOrTx, symbol: string): Promise<MarketRow> {
  const market = await findMarket(db, symbol);
  if (!market) throw new DomainError("MARKET_NOT_FOUND");
  return market;
}

export async function getMarket(ctx: ServiceContext, symbol: string): Promise<MarketView> {
  return cached(ctx.cache, cacheKeys.market(symbol), RULES_TTL_MS, async () => marketView(await requireMarket(ctx.db, symbol)));
}

export type MarketScales = Pick<MarketRow, "symbol" | "baseScale" | "quoteScale">;

// A market is never deleted and its scales never change, so once seen they are this process's to keep.
const scalesByDb = new WeakMap<DbOrTx, Map<string, MarketScales>>();

/** The symbol and scales an order needs to be parsed, without a cache or database round trip once known. */
export async function getMarketScales(ctx: ServiceContext, symbol: string): Promise<MarketScales> {
  let known = scalesByDb.get(ctx.db);
  if (!known) {
    known = new Map();
    scalesByDb.set(ctx.db, known);
  }
  const hit = known.get(symbol);
  if (hit) return hit;
  const { baseScale, quoteScale } = await getMarket(ctx, symbol);
  const scales = { symbol, baseScale, quoteScale };
  known.set(symbol, scales);
  return scales;
}

export async function getMarketTicker(ctx: ServiceContext, symbol: string): Promise<TickerView> {
  return (await getTickerSnapshot(ctx, await getMarket(ctx, symbol))).ticker;
}

export interface BookSnapshot {
  market: string;
  /** The last market event this snapshot includes; apply diffs with a greater seq. */
  seq: string;
  bids: [price: string, quantity: string][];
  asks: [price: string, quantity: string][];
}

type BookMarket = Pick<MarketRow, "symbol" | "baseScale" | "quoteScale">;

async function levels(tx: DbOrTx, market: BookMarket, side: Side, depth: number) {
  const rows = await bookLevels(tx, { market: market.symbol, side, depth });
  return rows.map(([price, quantity]): [string, string] => [
    formatDecimal(price, market.quoteScale),
    formatDecimal(quantity, market.baseScale),
  ]);
}

/**
 * Aggregated levels and the seq they reflect, read from one repeatable-read snapshot. A market's
 * events are written under its lock, so their seqs commit in order and the pair is consistent.
 */
export function loadBook(db: DbOrTx, market: BookMarket, depth: number): Promise<BookSnapshot> {
  return db.transaction(async (tx) => {
    const bids = await levels(tx, market, "BUY", depth);
    const asks = await levels(tx, market, "SELL", depth);
    const seq = await topicHeadSeq(tx, marketTopic(market.symbol));
    return { market: market.symbol, seq: seq.toString(), bids, asks };
  }, CONSISTENT_READ);
}

/** Depth up to CACHED_DEPTH is cut from one cached snapshot; deeper views go to Postgres. */
const CACHED_DEPTH = 100;

export async function getOrderBook(ctx: ServiceContext, symbol: string, depth: number): Promise<BookSnapshot> {
  // Scales never change, so the cached market serves; a cached book read asks no database.
  const market = await getMarket(ctx, symbol);
  if (depth > CACHED_DEPTH) return loadBook(ctx.db, market, depth);
  const full = await cached(ctx.cache, cacheKeys.book(symbol), BOOK_TTL_MS, () => loadBook(ctx.db, market, CACHED_DEPTH));
  return { ...full, bids: full.bids.slice(0, depth), asks: full.asks.slice(0, depth) };
}

export async function getMarketTrades(ctx: ServiceContext, symbol: string, limit: number): Promise<PublicTradeView[]> {
  const market = await requireMarket(ctx.db, symbol);
  const rows = await listMarketTrades(ctx.db, { market: symbol, limit });
  return rows.map((r) => publicTradeView(r, market));
}
