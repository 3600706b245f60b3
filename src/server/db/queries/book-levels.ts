import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { OPEN_STATUSES, type Side } from "@/domain/types";
import { orders } from "../schema";
import type { DbOrTx } from "../types";

/** One side of a market's book aggregated by price, best first: price and open quantity, in minor units. */
export async function bookLevels(tx: DbOrTx, params: { market: string; side: Side; depth: number }): Promise<[bigint, bigint][]> {
  const remaining = sql<string>`sum(${orders.quantity} - ${orders.filledQuantity})`;
  const rows = await tx
    .select({ price: orders.price, quantity: remaining })
    .from(orders)
    .where(and(eq(orders.market, params.market), eq(orders.side, params.side), inArray(orders.status, [...OPEN_STATUSES])))
    .groupBy(orders.price)
    .orderBy(params.side === "BUY" ? desc(orders.price) : orders.price)
    .limit(params.depth);
  return rows.map((r): [bigint, bigint] => [r.price ?? 0n, BigInt(r.quantity)]);
}
