import { and, desc, eq, inArray, lt, notInArray, or, sql } from "drizzle-orm";
import { LIVE_STATES, OPEN_STATUSES, type Side } from "@/domain/types";
import { orders } from "../schema";
import type { DbOrTx } from "../types";

export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;

const isOpen = inArray(orders.status, [...OPEN_STATUSES]);
/** Open as an owner sees it: in the book, or a conditional order waiting for (or just past) its trigger. */
const isLive = inArray(orders.status, [...LIVE_STATES]);

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

/** The user's live orders (in the book or waiting for a trigger), newest first (orders_user_open_idx). */
export async function findOpenOrders(
  tx: DbOrTx,
  params: { userId: string; market?: string; limit: number },
): Promise<OrderRow[]> {
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.userId, params.userId), isLive, params.market ? eq(orders.market, params.market) : undefined))
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
        params.open ? isLive : notInArray(orders.status, [...LIVE_STATES]),
        params.market ? eq(orders.market, params.market) : undefined,
        params.beforeId === undefined ? undefined : lt(orders.id, params.beforeId),
      ),
    )
    .orderBy(desc(orders.id))
    .limit(params.limit);
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
