import { aliasedTable, eq, sql } from "drizzle-orm";
import type { MarketRules, MarketStatus } from "../../domain/types";
import { assets, markets } from "../schema";
import type { DbOrTx } from "../types";

export interface MarketRow extends MarketRules {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  status: MarketStatus;
}

const base = aliasedTable(assets, "base");
const quote = aliasedTable(assets, "quote");

const marketFields = {
  symbol: markets.symbol,
  baseAsset: markets.baseAsset,
  quoteAsset: markets.quoteAsset,
  baseScale: base.scale,
  quoteScale: quote.scale,
  priceTick: markets.priceTick,
  quantityStep: markets.quantityStep,
  minQuantity: markets.minQuantity,
  minNotional: markets.minNotional,
  makerFeeBps: markets.makerFeeBps,
  takerFeeBps: markets.takerFeeBps,
  status: markets.status,
};

function selectMarkets(tx: DbOrTx) {
  return tx
    .select(marketFields)
    .from(markets)
    .innerJoin(base, eq(base.symbol, markets.baseAsset))
    .innerJoin(quote, eq(quote.symbol, markets.quoteAsset));
}

export async function findMarket(tx: DbOrTx, symbol: string): Promise<MarketRow | null> {
  const [row] = await selectMarkets(tx).where(eq(markets.symbol, symbol));
  return row ?? null;
}

export async function listMarkets(tx: DbOrTx): Promise<MarketRow[]> {
  return selectMarkets(tx).orderBy(markets.symbol);
}

/**
 * Serialises every book change of one market: the row lock is held until commit. NO KEY UPDATE
 * so that inserting orders and trades (whose foreign keys take KEY SHARE) is not blocked by it.
 */
export async function lockMarket(tx: DbOrTx, symbol: string): Promise<MarketRow | null> {
  const [row] = await selectMarkets(tx).where(eq(markets.symbol, symbol)).for("no key update", { of: markets });
  return row ?? null;
}

export interface LockedForBatch {
  market: MarketRow;
  /** Ids for the orders the batch may create, ascending. */
  orderIds: bigint[];
  /** The transaction's now(), what created_at / updated_at defaults write. */
  now: Date;
  /** Best resting prices when the lock was taken (null: that side is empty). */
  bestBid: bigint | null;
  bestAsk: bigint | null;
}

const openBook = (side: "BUY" | "SELL", pick: "max" | "min") =>
  sql<string | null>`(select ${sql.raw(pick)}(o.price)::text from orders o
    where o.market = ${markets.symbol} and o.side = ${side} and o.status in ('NEW', 'PARTIALLY_FILLED'))`;

/**
 * A batch's first statement: lockMarket, plus what the batch would otherwise ask in separate
 * round trips while holding the lock: ids for its new orders (allocated under the lock, so ids
 * follow arrival order), the transaction's clock, and both best prices (served by the book
 * indexes), which tell a batch of orders that do not cross that there is nothing to read.
 */
export async function lockMarketForBatch(tx: DbOrTx, symbol: string, idCount: number): Promise<LockedForBatch | null> {
  const [row] = await tx
    .select({
      ...marketFields,
      nowMs: sql<string>`(extract(epoch from now()) * 1000)::bigint::text`,
      orderIds: sql<
        string[]
      >`array(select nextval(pg_get_serial_sequence('orders', 'id'))::text from generate_series(1, ${idCount}::int))`,
      bestBid: openBook("BUY", "max"),
      bestAsk: openBook("SELL", "min"),
    })
    .from(markets)
    .innerJoin(base, eq(base.symbol, markets.baseAsset))
    .innerJoin(quote, eq(quote.symbol, markets.quoteAsset))
    .where(eq(markets.symbol, symbol))
    .for("no key update", { of: markets });
  if (!row) return null;
  const { nowMs, orderIds, bestBid, bestAsk, ...market } = row;
  return {
    market,
    orderIds: textArray(orderIds)
      .map((id) => BigInt(id))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    now: new Date(Number(nowMs)),
    bestBid: bestBid === null ? null : BigInt(bestBid),
    bestAsk: bestAsk === null ? null : BigInt(bestAsk),
  };
}

/** Drivers return a text[] as an array, or (PGlite, some settings) as its literal `{1,2}`. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value);
  return text === "{}" ? [] : text.slice(1, -1).split(",");
}
