import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Coverage } from "@/domain/book-window";
import { OPEN_STATUSES, type Side } from "@/domain/types";
import { orders } from "../schema";
import type { DbOrTx } from "../types";
import type { OrderRow } from "./orders";
import { selectRows } from "./sql-values";

const isOpen = inArray(orders.status, [...OPEN_STATUSES]);

/**
 * The next page of one side's resting orders after `after`, best first, only those a taker
 * limited to `limitPrice` (null: market) could trade with. Served by orders_book_asks_idx /
 * orders_book_bids_idx, like findCrossingOrders, with the cursor as a keyset condition.
 */
export async function findBookPage(
  tx: DbOrTx,
  params: { market: string; makerSide: Side; after: Coverage; limitPrice: bigint | null; limit: number },
): Promise<OrderRow[]> {
  const { makerSide, after, limitPrice } = params;
  const isAsk = makerSide === "SELL";
  const worse = (price: bigint) => (isAsk ? gt(orders.price, price) : lt(orders.price, price));
  const cursor =
    after.kind !== "through"
      ? undefined
      : after.id === null
        ? worse(after.price)
        : or(worse(after.price), and(eq(orders.price, after.price), gt(orders.id, after.id)));
  const bound = limitPrice === null ? undefined : isAsk ? lte(orders.price, limitPrice) : gte(orders.price, limitPrice);
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.market, params.market), eq(orders.side, makerSide), isOpen, cursor, bound))
    .orderBy(isAsk ? asc(orders.price) : desc(orders.price), asc(orders.id))
    .limit(params.limit);
}

/** Inserts a batch's new orders with the ids it allocated, in their final state, in one statement. */
export async function insertOrdersWithIds(tx: DbOrTx, rows: readonly OrderRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(orders)
    .overridingSystemValue()
    .values(rows.map((row) => ({ ...row })));
}

/**
 * Writes the final state of every stored order a batch changed, in one statement. Only what a
 * batch can change: fills, fees, hold, status, reason, and the quantity (amend).
 */
export async function updateOrdersFinal(tx: DbOrTx, rows: readonly OrderRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id.toString()}::bigint, ${r.quantity === null ? null : r.quantity.toString()}::numeric, ${r.filledQuantity.toString()}::numeric,
             ${r.filledQuote.toString()}::numeric, ${r.feesPaid.toString()}::numeric, ${r.held.toString()}::numeric,
             ${r.status}::text, ${r.closeReason}::text)`,
    ),
    sql`, `,
  );
  const updated = await selectRows(
    tx,
    sql`update orders o set quantity = v.quantity, filled_quantity = v.filled_quantity, filled_quote = v.filled_quote,
          fees_paid = v.fees_paid, held = v.held, status = v.status, close_reason = v.close_reason, updated_at = now()
        from (values ${values}) as v (id, quantity, filled_quantity, filled_quote, fees_paid, held, status, close_reason)
        where o.id = v.id
        returning o.id`,
  );
  if (updated.length !== rows.length) throw new Error(`updated ${updated.length} orders of ${rows.length}`);
}
