import { type SQL, sql } from "drizzle-orm";
import { priceChange } from "@/domain/candles";
import type { DbOrTx } from "../types";
import type { TradeStats } from "./market-stats";
import { selectRows } from "./sql-values";

const minuteOf = (column: SQL) => sql`date_bin(interval '1 minute', ${column}, timestamptz 'epoch')`;

/** Aggregates trades per (market, minute) from `source` (a table or CTE of trade rows); open and close by trade id, the execution order. */
const aggregateTrades = (source: SQL, where: SQL) => sql`
  select market, ${minuteOf(sql`created_at`)} as bucket,
         (array_agg(price order by id))[1] as open, max(price) as high, min(price) as low,
         (array_agg(price order by id desc))[1] as close, min(id) as first_trade_id, max(id) as last_trade_id,
         sum(quantity) as base_volume, sum(quote_quantity) as quote_volume, count(*)::int as trade_count
  from ${source} where ${where}
  group by 1, 2`;

const COLUMNS = sql.raw(
  "market, bucket, open, high, low, close, first_trade_id, last_trade_id, base_volume, quote_volume, trade_count",
);

/**
 * Folds trades just written (by one transaction holding their market's lock, so no other trade of
 * that market is among them) into their minute rows. Later trades have higher ids, so they set
 * the close and never the open. `source` may be a CTE of the very insert that wrote them.
 */
export function foldTradeMinutes(source: SQL, where: SQL = sql`true`): SQL {
  return sql`
    insert into market_minutes (${COLUMNS})
    ${aggregateTrades(source, where)}
    on conflict (market, bucket) do update set
      high = greatest(market_minutes.high, excluded.high),
      low = least(market_minutes.low, excluded.low),
      close = excluded.close,
      last_trade_id = excluded.last_trade_id,
      base_volume = market_minutes.base_volume + excluded.base_volume,
      quote_volume = market_minutes.quote_volume + excluded.quote_volume,
      trade_count = market_minutes.trade_count + excluded.trade_count`;
}

/** Recomputes every minute row from the trades (after the demo seed moves trade timestamps). */
export async function rebuildMarketMinutes(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`delete from market_minutes`);
  await tx.execute(sql`insert into market_minutes (${COLUMNS}) ${aggregateTrades(sql`trades`, sql`true`)}`);
}

/**
 * 24h statistics from the minute rows: the window starts at the minute 24 hours ago, so it spans
 * between 24h and 24h 59s. Bounded work: at most 1,441 rows, whatever the market's volume.
 */
export async function minuteTickerStats(db: DbOrTx, market: string): Promise<TradeStats> {
  const window = sql`market = ${market} and bucket >= ${minuteOf(sql`now() - interval '24 hours'`)}`;
  const [row] = await selectRows(
    db,
    sql`
      select coalesce(sum(trade_count), 0)::text as trade_count, min(low)::text as low, max(high)::text as high,
             coalesce(sum(base_volume), 0)::text as base_volume, coalesce(sum(quote_volume), 0)::text as quote_volume,
             (select open::text from market_minutes where ${window} order by bucket limit 1) as open,
             (select close::text from market_minutes where ${window} order by bucket desc limit 1) as last,
             (extract(epoch from now()) * 1000)::bigint::text as at_ms
      from market_minutes where ${window}`,
  );
  if (!row) throw new Error("ticker query returned no row");
  const big = (key: string) => (row[key] === null ? null : BigInt(String(row[key])));
  const open = big("open");
  const last = big("last");
  return {
    atMs: Number(row.at_ms),
    open,
    high: big("high"),
    low: big("low"),
    last,
    ...priceChange(open, last),
    baseVolume: BigInt(String(row.base_volume)),
    quoteVolume: BigInt(String(row.quote_volume)),
    tradeCount: Number(row.trade_count),
  };
}
