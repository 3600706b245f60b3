import type { ServiceContext } from "../context";
import { submitCommand } from "../order-entry/order-entry";
import { findOwnOrderByRef, type OrderRef } from "./order-lookup";
import type { OrderView } from "../views";

/** What an amend asks for: a new total quantity, a new price, or both (decimal strings). */
export interface AmendChange {
  quantity?: string;
  price?: string;
}

/**
 * Amends an open limit order: quantity down keeps its priority; a new price or more quantity is a
 * cancel-replace that keeps its id but takes a fresh priority (see order-entry/execute-amend.ts).
 */
export async function amendOrder(ctx: ServiceContext, userId: string, ref: OrderRef, change: AmendChange): Promise<OrderView> {
  const found = await findOwnOrderByRef(ctx.db, userId, ref);
  return submitCommand<"amend">(ctx, found.market, {
    kind: "amend",
    userId,
    orderId: found.id,
    quantityText: change.quantity,
    priceText: change.price,
  });
}
