import { and, asc, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { type CandleInterval, intervalMs } from "@/domain/candles";
import type { ImportedKline } from "@/domain/klines/parse-kline";
import { importedCandles } from "../schema";
import type { DbOrTx } from "../types";
import { selectRows } from "./sql-values";

export interface ImportedCandleBatch {
  market: string;
  interval: CandleInterval;
  source: string;
  candles: readonly ImportedKline[];
}

type KlineColumn = readonly [name: string, type: "numeric" | "bigint", value: (kline: ImportedKline) => bigint | number];

/** The stored values of a kline, in the order the statement below lists them. */
const COLUMNS: readonly KlineColumn[] = [
  ["open", "numeric", (k) => k.open],
  ["high", "numeric", (k) => k.high],
  ["low", "numeric", (k) => k.low],
  ["close", "numeric", (k) => k.close],
  ["base_volume", "numeric", (k) => k.baseVolume],
  ["quote_volume", "numeric", (k) => k.quoteVolume],
  ["trade_count", "bigint", (k) => k.tradeCount],
  ["taker_buy_base_volume", "numeric", (k) => k.takerBuyBaseVolume],
  ["taker_buy_quote_volume", "numeric", (k) => k.takerBuyQuoteVolume],
];
const OPEN_MS: KlineColumn = ["open_ms", "bigint", (k) => k.openTimeMs];

const names = (prefix = "") => sql.raw(COLUMNS.map(([name]) => `${prefix}${name}`).join(", "));

/**
 * One column of the batch as ONE text parameter cast to an array: a chunk of any size is 10
 * parameters, not 10 per row, and the text form of a bigint is exact on every driver.
 */
function arrayOf(candles: readonly ImportedKline[], [, type, value]: KlineColumn): SQL {
  return sql`${`{${candles.map(value).join(",")}}`}::${sql.raw(type)}[]`;
}

/**
 * Inserts a chunk of imported candles in one statement. A candle whose (market, interval, open
 * time) is already stored is left as it is (on conflict do nothing): importing a file again
 * changes nothing. Of those, `differing` counts the ones whose stored values are not the ones
 * offered (another source, or a corrected file), so the operator is told instead of left guessing.
 */
export async function insertImportedCandles(
  tx: DbOrTx,
  batch: ImportedCandleBatch,
): Promise<{ inserted: number; differing: number }> {
  if (batch.candles.length === 0) return { inserted: 0, differing: 0 };
  const arrays = sql.join(
    [OPEN_MS, ...COLUMNS].map((c) => arrayOf(batch.candles, c)),
    sql`, `,
  );
  const [row] = await selectRows(
    tx,
    sql`
    with input as (
      select timestamptz 'epoch' + open_ms * interval '1 millisecond' as open_time, ${names()}
      from unnest(${arrays}) as i (open_ms, ${names()})),
    inserted as (
      insert into imported_candles (market, interval, open_time, ${names()}, source)
      select ${batch.market}, ${batch.interval}, open_time, ${names()}, ${batch.source} from input
      on conflict (market, interval, open_time) do nothing
      returning 1)
    -- The lookup sees the table as it was before this statement: rows stored earlier only. It
    -- is one primary-key probe per row (lateral, limit 1), so a chunk costs the same however
    -- large the table has grown; a join here would be planned as a scan of the whole table.
    select (select count(*) from inserted)::int as inserted,
           (select count(*) from input i cross join lateral (
              select 1 from imported_candles s
              where s.market = ${batch.market} and s.interval = ${batch.interval} and s.open_time = i.open_time
                and (${names("s.")}) is distinct from (${names("i.")})
              limit 1) d)::int as differing`,
  );
  if (!row) throw new Error("imported candle insert returned no row");
  return { inserted: Number(row.inserted), differing: Number(row.differing) };
}

export interface ImportedCandleRow extends ImportedKline {
  source: string;
}

export interface ImportedCandleQuery {
  market: string;
  interval: CandleInterval;
  /** Open times, inclusive; either may be left open. */
  fromMs?: number;
  toMs?: number;
  limit: number;
  /** "oldest" pages forward from fromMs; "newest" takes the last `limit` up to toMs. */
  from: "oldest" | "newest";
}

/** Imported candles of one market and interval in a range, always returned oldest first. Uses the primary key. */
export async function listImportedCandles(db: DbOrTx, query: ImportedCandleQuery): Promise<ImportedCandleRow[]> {
  const t = importedCandles;
  const rows = await db
    .select()
    .from(t)
    .where(
      and(
        eq(t.market, query.market),
        eq(t.interval, query.interval),
        query.fromMs === undefined ? undefined : gte(t.openTime, new Date(query.fromMs)),
        query.toMs === undefined ? undefined : lte(t.openTime, new Date(query.toMs)),
      ),
    )
    .orderBy(query.from === "oldest" ? asc(t.openTime) : desc(t.openTime))
    .limit(query.limit);
  const ordered = query.from === "oldest" ? rows : rows.reverse();
  return ordered.map(({ market: _market, interval, openTime, importedAt: _importedAt, ...values }) => ({
    ...values,
    openTimeMs: openTime.getTime(),
    closeTimeMs: openTime.getTime() + intervalMs(interval) - 1,
  }));
}

/** The open time of the newest stored candle of a market and interval, null when none (the primary key, backwards). */
export async function lastImportedOpenMs(db: DbOrTx, market: string, interval: CandleInterval): Promise<number | null> {
  const [row] = await db
    .select({ openTime: importedCandles.openTime })
    .from(importedCandles)
    .where(and(eq(importedCandles.market, market), eq(importedCandles.interval, interval)))
    .orderBy(desc(importedCandles.openTime))
    .limit(1);
  return row ? row.openTime.getTime() : null;
}
