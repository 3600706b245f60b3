import { and, asc, eq, gt, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import { orders } from "../schema";
import type { DbOrTx } from "../types";
import type { OrderRow } from "./orders";
import { selectRows } from "./sql-values";

/** A range of wake points to read: from `reach` (inclusive) up to what was read before (`known`, exclusive; null: nothing yet). */
export interface WakeRange {
  reach: bigint;
  known: bigint | null;
}

/**
 * The PENDING orders of a market that trades down to `below.reach` or up to `above.reach` wake,
 * minus those an earlier read of the same batch already returned. Served by
 * orders_pending_below_idx and orders_pending_above_idx (a bitmap OR of two range scans).
 * Call under the market lock.
 */
export async function findWokenOrders(
  tx: DbOrTx,
  params: { market: string; below: WakeRange | null; above: WakeRange | null },
): Promise<OrderRow[]> {
  const { below, above } = params;
  const belowRange =
    below && and(gte(orders.wakeBelow, below.reach), below.known === null ? undefined : lt(orders.wakeBelow, below.known));
  const aboveRange =
    above && and(lte(orders.wakeAbove, above.reach), above.known === null ? undefined : gt(orders.wakeAbove, above.known));
  if (!belowRange && !aboveRange) return [];
  return tx
    .select()
    .from(orders)
    .where(
      and(eq(orders.market, params.market), eq(orders.status, "PENDING"), or(belowRange ?? undefined, aboveRange ?? undefined)),
    )
    .orderBy(asc(orders.id));
}

/** Fired orders a bounded step left waiting, in firing order (orders_triggered_idx). Under the market lock. */
export async function findTriggeredOrders(tx: DbOrTx, market: string): Promise<OrderRow[]> {
  return tx
    .select()
    .from(orders)
    .where(and(eq(orders.market, market), eq(orders.status, "TRIGGERED")))
    .orderBy(asc(orders.priority));
}

/** Orders by id (the other legs of OCOs a batch meets), any status. */
export async function findOrdersByIds(tx: DbOrTx, ids: readonly bigint[]): Promise<OrderRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(orders)
    .where(inArray(orders.id, [...ids]));
}

/** `count` fresh values of the orders' id sequence, ascending: ids or book priorities. Under the market lock. */
export async function allocateOrderIds(tx: DbOrTx, count: number): Promise<bigint[]> {
  const rows = await selectRows(
    tx,
    sql`select nextval(pg_get_serial_sequence('orders', 'id'))::text as id from generate_series(1, ${count}::int)`,
  );
  return rows.map((r) => BigInt(String(r.id))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
