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
      : after.priority === null
        ? worse(after.price)
        : or(worse(after.price), and(eq(orders.price, after.price), gt(orders.priority, after.priority)));
  const bound = limitPrice === null ? undefined : isAsk ? lte(orders.price, limitPrice) : gte(orders.price, limitPrice);
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.market, params.market), eq(orders.side, makerSide), isOpen, cursor, bound))
    .orderBy(isAsk ? asc(orders.price) : desc(orders.price), asc(orders.priority))
    .limit(params.limit);
}

/**
 * Inserts a batch's new orders with the ids it allocated, in their final state, in one statement.
 * The conditional fields of a plain order are all null: sent as DEFAULT, they cost no parameters.
 */
export async function insertOrdersWithIds(tx: DbOrTx, rows: readonly OrderRow[]): Promise<void> {
  if (rows.length === 0) return;
  const orDefault = <T>(value: T | null) => value ?? undefined;
  await tx
    .insert(orders)
    .overridingSystemValue()
    .values(
      rows.map((row) => ({
        ...row,
        triggerPrice: orDefault(row.triggerPrice),
        trailingDelta: orDefault(row.trailingDelta),
        trailingBps: orDefault(row.trailingBps),
        activationPrice: orDefault(row.activationPrice),
        trailExtreme: orDefault(row.trailExtreme),
        wakeBelow: orDefault(row.wakeBelow),
        wakeAbove: orDefault(row.wakeAbove),
        ocoOrderId: orDefault(row.ocoOrderId),
        triggeredAt: orDefault(row.triggeredAt),
      })),
    );
}

/** A limit or market order still at the place it was given: only fills, hold, status and quantity can have changed. */
const isPlainChange = (r: OrderRow) => (r.type === "LIMIT" || r.type === "MARKET") && r.priority === r.id;

const text = (value: bigint | null) => (value === null ? null : value.toString());

/**
 * Writes the final state of every stored order a batch changed, in one statement. Only what a
 * batch can change: fills, fees, hold, status, reason, and the quantity (amend); when any order
 * moved in the book or is conditional, also its price, priority and trigger state. A batch without
 * either sends exactly the plain statement.
 */
export async function updateOrdersFinal(tx: DbOrTx, rows: readonly OrderRow[]): Promise<void> {
  if (rows.length === 0) return;
  const updated = await selectRows(tx, rows.every(isPlainChange) ? plainUpdate(rows) : fullUpdate(rows));
  if (updated.length !== rows.length) throw new Error(`updated ${updated.length} orders of ${rows.length}`);
}

function plainUpdate(rows: readonly OrderRow[]) {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id.toString()}::bigint, ${text(r.quantity)}::numeric, ${r.filledQuantity.toString()}::numeric,
             ${r.filledQuote.toString()}::numeric, ${r.feesPaid.toString()}::numeric, ${r.held.toString()}::numeric,
             ${r.status}::text, ${r.closeReason}::text)`,
    ),
    sql`, `,
  );
  return sql`update orders o set quantity = v.quantity, filled_quantity = v.filled_quantity, filled_quote = v.filled_quote,
          fees_paid = v.fees_paid, held = v.held, status = v.status, close_reason = v.close_reason, updated_at = now()
        from (values ${values}) as v (id, quantity, filled_quantity, filled_quote, fees_paid, held, status, close_reason)
        where o.id = v.id
        returning o.id`;
}

function fullUpdate(rows: readonly OrderRow[]) {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id.toString()}::bigint, ${text(r.quantity)}::numeric, ${r.filledQuantity.toString()}::numeric,
             ${r.filledQuote.toString()}::numeric, ${r.feesPaid.toString()}::numeric, ${r.held.toString()}::numeric,
             ${r.status}::text, ${r.closeReason}::text, ${text(r.price)}::numeric, ${r.priority.toString()}::bigint,
             ${text(r.triggerPrice)}::numeric, ${text(r.trailExtreme)}::numeric, ${text(r.wakeBelow)}::numeric,
             ${text(r.wakeAbove)}::numeric, ${r.triggeredAt === null ? null : r.triggeredAt.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  return sql`update orders o set quantity = v.quantity, filled_quantity = v.filled_quantity, filled_quote = v.filled_quote,
          fees_paid = v.fees_paid, held = v.held, status = v.status, close_reason = v.close_reason, price = v.price,
          priority = v.priority, trigger_price = v.trigger_price, trail_extreme = v.trail_extreme,
          wake_below = v.wake_below, wake_above = v.wake_above, triggered_at = v.triggered_at, updated_at = now()
        from (values ${values}) as v (id, quantity, filled_quantity, filled_quote, fees_paid, held, status, close_reason,
          price, priority, trigger_price, trail_extreme, wake_below, wake_above, triggered_at)
        where o.id = v.id
        returning o.id`;
}
