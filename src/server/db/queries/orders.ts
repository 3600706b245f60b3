import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { OrderUpdate } from "../../domain/settlement";
import type { OrderStatus, Side } from "../../domain/types";
import { orders } from "../schema";
import type { DbOrTx } from "../types";

export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;

const OPEN: OrderStatus[] = ["NEW", "PARTIALLY_FILLED"];
const isOpen = inArray(orders.status, OPEN);

export async function insertOrder(tx: DbOrTx, values: NewOrder): Promise<OrderRow> {
  const [row] = await tx.insert(orders).values(values).returning();
  if (!row) throw new Error("order insert returned no row");
  return row;
}

export async function findOrderByClientId(tx: DbOrTx, userId: string, clientOrderId: string): Promise<OrderRow | null> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.clientOrderId, clientOrderId)));
  return row ?? null;
}

/** Ownership is part of the query: another user's order is simply not found. */
export async function findOwnOrder(tx: DbOrTx, userId: string, orderId: bigint): Promise<OrderRow | null> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.userId, userId)));
  return row ?? null;
}

/** Locks the order row too, so a concurrent fill cannot change it between read and write. */
export async function lockOwnOrder(tx: DbOrTx, userId: string, orderId: bigint): Promise<OrderRow | null> {
  const [row] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.userId, userId)))
    .for("update");
  return row ?? null;
}

/**
 * The opposite side's resting orders that the incoming order could trade with, best first:
 * asks by ascending price, bids by descending price, then oldest (lowest id) first. Served by
 * the partial indexes orders_book_asks_idx / orders_book_bids_idx.
 */
export async function findCrossingOrders(
  tx: DbOrTx,
  params: { market: string; takerSide: Side; limitPrice: bigint | null; limit: number },
): Promise<OrderRow[]> {
  const makerSide: Side = params.takerSide === "BUY" ? "SELL" : "BUY";
  const priceBound =
    params.limitPrice === null
      ? undefined
      : makerSide === "SELL"
        ? lte(orders.price, params.limitPrice)
        : gte(orders.price, params.limitPrice);
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.market, params.market), eq(orders.side, makerSide), isOpen, priceBound))
    .orderBy(makerSide === "SELL" ? asc(orders.price) : desc(orders.price), asc(orders.id))
    .limit(params.limit);
}

export async function findOpenOrders(
  tx: DbOrTx,
  params: { userId: string; market?: string; limit: number },
): Promise<OrderRow[]> {
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.userId, params.userId), isOpen, params.market ? eq(orders.market, params.market) : undefined))
    .orderBy(desc(orders.id))
    .limit(params.limit);
}

export async function listUserOrders(
  tx: DbOrTx,
  params: { userId: string; market?: string; open: boolean; beforeId?: bigint; limit: number },
): Promise<OrderRow[]> {
  return tx
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.userId, params.userId),
        params.open ? isOpen : sql`${orders.status} not in ('NEW', 'PARTIALLY_FILLED')`,
        params.market ? eq(orders.market, params.market) : undefined,
        params.beforeId === undefined ? undefined : lt(orders.id, params.beforeId),
      ),
    )
    .orderBy(desc(orders.id))
    .limit(params.limit);
}

export async function applyOrderUpdate(tx: DbOrTx, update: OrderUpdate): Promise<OrderRow> {
  const [row] = await tx
    .update(orders)
    .set({
      filledQuantity: update.filledQuantity,
      filledQuote: update.filledQuote,
      feesPaid: update.feesPaid,
      held: update.held,
      status: update.status,
      closeReason: update.closeReason,
      updatedAt: sql`now()`,
    })
    .where(eq(orders.id, BigInt(update.id)))
    .returning();
  if (!row) throw new Error(`order ${update.id} vanished during settlement`);
  return row;
}

export async function setOrderQuantity(tx: DbOrTx, orderId: bigint, quantity: bigint, held: bigint): Promise<OrderRow> {
  const [row] = await tx.update(orders).set({ quantity, held, updatedAt: sql`now()` }).where(eq(orders.id, orderId)).returning();
  if (!row) throw new Error(`order ${orderId} vanished during amend`);
  return row;
}

/**
 * Current resting quantity at each given (side, price): the absolute book levels, 0 for a level
 * that emptied. One query for both sides. Keys are `${side}:${price}`.
 */
export async function levelQuantities(
  tx: DbOrTx,
  params: { market: string; levels: readonly { side: Side; price: bigint }[] },
): Promise<Map<string, bigint>> {
  const key = (side: Side, price: bigint) => `${side}:${price}`;
  const result = new Map<string, bigint>(params.levels.map((l) => [key(l.side, l.price), 0n]));
  if (params.levels.length === 0) return result;
  const pricesOf = (side: Side) => [...new Set(params.levels.filter((l) => l.side === side).map((l) => l.price))];
  const sideAt = (side: Side) => {
    const prices = pricesOf(side);
    return prices.length === 0 ? undefined : and(eq(orders.side, side), inArray(orders.price, prices));
  };
  const rows = await tx
    .select({ side: orders.side, price: orders.price, quantity: sql<string>`sum(${orders.quantity} - ${orders.filledQuantity})` })
    .from(orders)
    .where(and(eq(orders.market, params.market), isOpen, or(sideAt("BUY"), sideAt("SELL"))))
    .groupBy(orders.side, orders.price);
  for (const row of rows) if (row.price !== null) result.set(key(row.side, row.price), BigInt(row.quantity));
  return result;
}
