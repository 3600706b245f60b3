import { aliasedTable, eq, sql } from "drizzle-orm";
import type { MarketRules, MarketStatus, Side } from "@/domain/types";
import type { BalanceRow } from "./balances";
import { ORDER_TUPLE, type OrderRow, orderFromTuple } from "./order-tuple";
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
  /** The balances the batch's placements hold from (absent: no row). */
  balances: BalanceRow[];
  /** Orders named by one of the batch's clientOrderIds (any market), or by id in this market, and the other legs of those in an OCO. */
  orders: OrderRow[];
  /** The pending orders' highest wake_below and lowest wake_above (null: none): trades beyond both wake nothing. */
  wakeBelowMax: bigint | null;
  wakeAboveMin: bigint | null;
  /** Fired orders wait to execute (a bounded step left them). */
  hasTriggered: boolean;
  /** Read only for a batch that places conditional orders (else undefined): the last trade price, null if none. */
  lastPrice: bigint | null | undefined;
  /** Likewise: live conditional orders (pending or fired) in the market, and per placing user. */
  conditionalCounts: { market: number; byUser: Map<string, number> } | undefined;
}

export interface BatchReads {
  /** Placements: who holds, on which side (the asset follows from the market). */
  holders: readonly { userId: string; side: Side }[];
  /** Client-chosen ids to check for reuse. */
  clientIds: readonly { userId: string; clientOrderId: string }[];
  /** Orders of this market that cancels and amends name. */
  orderIds: readonly bigint[];
  /** Users placing conditional orders (empty: the batch places none, and the reads they need are skipped). */
  conditionalOwners: readonly string[];
}

const openBook = (side: "BUY" | "SELL", pick: "max" | "min") =>
  sql<string | null>`(select ${sql.raw(pick)}(o.price)::text from orders o
    where o.market = ${markets.symbol} and o.side = ${side} and o.status in ('NEW', 'PARTIALLY_FILLED'))`;

const holderBalances = (holders: BatchReads["holders"]) =>
  holders.length === 0
    ? sql<string>`'[]'`
    : sql<string>`(select coalesce(json_agg(json_build_array(b.user_id, b.asset, b.available::text, b.held::text)), '[]')::text
        from balances b where (b.user_id, b.asset) in (
          select v.user_id, case when v.side = 'BUY' then ${markets.quoteAsset} else ${markets.baseAsset} end
          from (values ${sql.join(
            holders.map((h) => sql`(${h.userId}::uuid, ${h.side}::text)`),
            sql`, `,
          )}) as v (user_id, side)))`;

const namedOrders = (symbol: string, reads: BatchReads) => {
  const byClient = reads.clientIds.map((c) => sql`(o.user_id = ${c.userId}::uuid and o.client_order_id = ${c.clientOrderId})`);
  const byId = reads.orderIds.map((id) => sql`${id.toString()}::bigint`);
  const ids = sql.join(byId, sql`, `);
  const conditions = [
    ...byClient,
    ...(byId.length > 0
      ? [
          sql`(o.market = ${symbol} and o.id in (${ids}))`,
          // The other leg of a named OCO leg: a cancel closes both, an amend needs to know it.
          sql`o.id in (select x.oco_order_id from orders x where x.market = ${symbol} and x.id in (${ids}))`,
        ]
      : []),
  ];
  if (conditions.length === 0) return sql<string>`'[]'`;
  return sql<string>`(select coalesce(json_agg(json_build_array(${sql.raw(ORDER_TUPLE)})), '[]')::text
    from orders o where ${sql.join(conditions, sql` or `)})`;
};

/**
 * A batch's first and only read before it executes: lockMarket, plus everything else it would
 * otherwise ask in separate round trips while holding the lock (balances are read, not locked:
 * see applyBalanceDeltas, whose write refuses any delta that would go below zero): ids for its new orders
 * (allocated under the lock, so ids follow arrival order), the transaction's clock, both best
 * prices (which tell orders that do not cross that there is nothing to read), the balances its
 * placements hold from, and the orders its clientOrderIds, cancels and amends name.
 */
export async function lockMarketForBatch(
  tx: DbOrTx,
  symbol: string,
  idCount: number,
  reads: BatchReads,
): Promise<LockedForBatch | null> {
  const [row] = await tx
    .select({
      ...marketFields,
      nowMs: sql<string>`(extract(epoch from now()) * 1000)::bigint::text`,
      orderIds: sql<
        string[]
      >`array(select nextval(pg_get_serial_sequence('orders', 'id'))::text from generate_series(1, ${idCount}::int))`,
      bestBid: openBook("BUY", "max"),
      bestAsk: openBook("SELL", "min"),
      balances: holderBalances(reads.holders),
      orders: namedOrders(symbol, reads),
      // Index probes on partial indexes that are empty while no conditional order waits.
      wakeBelowMax: sql<string | null>`(select max(o.wake_below)::text from orders o
        where o.market = ${markets.symbol} and o.status = 'PENDING' and o.wake_below is not null)`,
      wakeAboveMin: sql<string | null>`(select min(o.wake_above)::text from orders o
        where o.market = ${markets.symbol} and o.status = 'PENDING' and o.wake_above is not null)`,
      hasTriggered: sql<boolean>`exists (select 1 from orders o where o.market = ${markets.symbol} and o.status = 'TRIGGERED')`,
      conditional: conditionalReads(reads.conditionalOwners),
    })
    .from(markets)
    .innerJoin(base, eq(base.symbol, markets.baseAsset))
    .innerJoin(quote, eq(quote.symbol, markets.quoteAsset))
    .where(eq(markets.symbol, symbol))
    .for("no key update", { of: markets });
  if (!row) return null;
  const {
    nowMs,
    orderIds,
    bestBid,
    bestAsk,
    balances,
    orders,
    wakeBelowMax,
    wakeAboveMin,
    hasTriggered,
    conditional,
    ...market
  } = row;
  const extra = conditional === null ? null : (JSON.parse(String(conditional)) as [string | null, number, [string, number][]]);
  return {
    market,
    orderIds: textArray(orderIds)
      .map((id) => BigInt(id))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    now: new Date(Number(nowMs)),
    bestBid: bestBid === null ? null : BigInt(bestBid),
    bestAsk: bestAsk === null ? null : BigInt(bestAsk),
    balances: (JSON.parse(String(balances)) as string[][]).map(([userId, asset, available, held]) => ({
      userId: String(userId),
      asset: String(asset),
      available: BigInt(String(available)),
      held: BigInt(String(held)),
    })),
    orders: (JSON.parse(String(orders)) as (string | boolean | null)[][]).map(orderFromTuple),
    wakeBelowMax: wakeBelowMax === null ? null : BigInt(wakeBelowMax),
    wakeAboveMin: wakeAboveMin === null ? null : BigInt(wakeAboveMin),
    hasTriggered: hasTriggered === true || String(hasTriggered) === "true",
    lastPrice: extra === null ? undefined : extra[0] === null ? null : BigInt(extra[0]),
    conditionalCounts: extra === null ? undefined : { market: Number(extra[1]), byUser: new Map(extra[2]) },
  };
}

/**
 * For a batch that places conditional orders: the last trade price (trades_market_id_idx), and how
 * many live conditional orders the market and each placing user have, as one JSON array.
 */
function conditionalReads(owners: readonly string[]) {
  if (owners.length === 0) return sql<string | null>`null`;
  const users = sql.join(
    [...new Set(owners)].map((u) => sql`${u}::uuid`),
    sql`, `,
  );
  const live = sql`o.market = ${markets.symbol} and o.status in ('PENDING', 'TRIGGERED')`;
  return sql<string | null>`json_build_array(
      (select t.price::text from trades t where t.market = ${markets.symbol} order by t.id desc limit 1),
      (select count(*) from orders o where ${live}),
      (select coalesce(json_agg(json_build_array(c.user_id, c.n)), '[]') from (
        select o.user_id, count(*) as n from orders o where ${live} and o.user_id in (${users}) group by o.user_id) c)
    )::text`;
}

/** Drivers return a text[] as an array, or (PGlite, some settings) as its literal `{1,2}`. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value);
  return text === "{}" ? [] : text.slice(1, -1).split(",");
}
