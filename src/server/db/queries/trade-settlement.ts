import { sql } from "drizzle-orm";
import { assertJournalBalanced, type JournalEntry } from "@/domain/ledger";
import type { TradeDraft } from "@/domain/settlement";
import type { DbOrTx } from "../types";
import { foldTradeMinutes } from "./market-minutes";
import { numeric, selectRows } from "./sql-values";
import type { TradeRow } from "./trades";

/**
 * Writes a batch's trades, one balanced TRADE journal per trade with its entries, and the trades'
 * minute rollups, in ONE statement: trade and journal ids are drawn first and given to the drafts
 * in ascending order (ids are execution order), so every part of the statement can name them.
 * Returns the trade rows parallel to `drafts`. Call under the market's lock.
 */
export async function insertSettledTrades(
  tx: DbOrTx,
  market: string,
  drafts: readonly TradeDraft[],
  journals: readonly JournalEntry[][],
): Promise<TradeRow[]> {
  if (drafts.length === 0) return [];
  if (journals.length !== drafts.length) throw new Error("one journal per trade");
  for (const entries of journals) assertJournalBalanced(entries);
  const tradeValues = drafts.map(
    (d, ord) =>
      sql`(${ord}::int, ${numeric(d.price)}, ${numeric(d.quantity)}, ${numeric(d.quoteQuantity)}, ${d.takerSide}::text,
           ${d.makerOrderId}::bigint, ${d.takerOrderId}::bigint, ${d.makerUserId}::uuid, ${d.takerUserId}::uuid,
           ${numeric(d.makerFee)}, ${numeric(d.takerFee)})`,
  );
  // Zero movements (a zero fee) say nothing and the table refuses them.
  const entryValues = journals.flatMap((entries, ord) =>
    entries
      .filter((e) => e.amount !== 0n)
      .map((e) => sql`(${ord}::int, ${e.userId}::uuid, ${e.asset}::text, ${numeric(e.amount)})`),
  );
  const rows = await selectRows(
    tx,
    sql`
    with trade_ids as (
      select id, (row_number() over (order by id) - 1)::int as ord
      from (select nextval(pg_get_serial_sequence('trades', 'id')) as id from generate_series(1, ${drafts.length}::int)) s),
    journal_ids as (
      select id, (row_number() over (order by id) - 1)::int as ord
      from (select nextval(pg_get_serial_sequence('journals', 'id')) as id from generate_series(1, ${drafts.length}::int)) s),
    v as (
      select trade_ids.id, journal_ids.id as journal_id, d.*
      from (values ${sql.join(tradeValues, sql`, `)}) as d (ord, price, quantity, quote_quantity, taker_side,
             maker_order_id, taker_order_id, maker_user_id, taker_user_id, maker_fee, taker_fee)
      join trade_ids on trade_ids.ord = d.ord join journal_ids on journal_ids.ord = d.ord),
    t as (
      insert into trades (id, market, price, quantity, quote_quantity, taker_side, maker_order_id, taker_order_id,
                          maker_user_id, taker_user_id, maker_fee, taker_fee)
      overriding system value
      select id, ${market}, price, quantity, quote_quantity, taker_side, maker_order_id, taker_order_id,
             maker_user_id, taker_user_id, maker_fee, taker_fee from v
      returning *),
    j as (insert into journals (id, kind, reference) select journal_id, 'TRADE', id::text from v),
    e as (
      insert into ledger_entries (journal_id, user_id, asset, amount)
      select v.journal_id, e.user_id, e.asset, e.amount
      from v join (values ${sql.join(entryValues, sql`, `)}) as e (ord, user_id, asset, amount) on e.ord = v.ord),
    m as (${foldTradeMinutes(sql`t`)})
    select id::text, market, price::text, quantity::text, quote_quantity::text, taker_side, maker_order_id::text,
           taker_order_id::text, maker_user_id, taker_user_id, maker_fee::text, taker_fee::text,
           (extract(epoch from created_at) * 1000)::bigint::text as created_ms
    from t order by t.id`,
  );
  const trades = rows.map(toTradeRow);
  if (trades.length !== drafts.length) throw new Error(`inserted ${trades.length} trades of ${drafts.length}`);
  trades.forEach((t, i) => {
    const d = drafts[i];
    if (!d || t.makerOrderId.toString() !== d.makerOrderId || t.takerOrderId.toString() !== d.takerOrderId)
      throw new Error("trade ids were not drawn in the drafts' order");
  });
  return trades;
}

function toTradeRow(r: Record<string, unknown>): TradeRow {
  const big = (key: string) => BigInt(String(r[key]));
  return {
    id: big("id"),
    market: String(r.market),
    price: big("price"),
    quantity: big("quantity"),
    quoteQuantity: big("quote_quantity"),
    takerSide: r.taker_side === "BUY" ? "BUY" : "SELL",
    makerOrderId: big("maker_order_id"),
    takerOrderId: big("taker_order_id"),
    makerUserId: String(r.maker_user_id),
    takerUserId: String(r.taker_user_id),
    makerFee: big("maker_fee"),
    takerFee: big("taker_fee"),
    createdAt: new Date(Number(r.created_ms)),
  };
}
