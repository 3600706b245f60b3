import type { ServiceContext } from "../context";
import { submitCommand } from "../order-entry/order-entry";
import { findOwnOrderByRef, type OrderRef } from "./order-lookup";
import type { OrderView } from "../views";

/** Reduces an open limit order's quantity, keeping its priority (see order-entry/execute-amend.ts). */
export async function amendOrder(
  ctx: ServiceContext,
  userId: string,
  ref: OrderRef,
  newQuantityText: string,
): Promise<OrderView> {
  const found = await findOwnOrderByRef(ctx.db, userId, ref);
  return submitCommand<"amend">(ctx, found.market, { kind: "amend", userId, orderId: found.id, quantityText: newQuantityText });
}
