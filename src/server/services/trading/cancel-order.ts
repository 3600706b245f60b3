import { findOpenOrders } from "../../db/queries/orders";
import type { ServiceContext } from "../context";
import { submitCommand } from "../order-entry/order-entry";
import { findOwnOrderByRef, type OrderRef } from "./order-lookup";
import type { OrderView } from "../views";

/** Cancels one of the caller's open orders. Allowed on halted markets too. */
export async function cancelOrder(ctx: ServiceContext, userId: string, ref: OrderRef): Promise<OrderView> {
  const found = await findOwnOrderByRef(ctx.db, userId, ref);
  return submitCommand<"cancel">(ctx, found.market, { kind: "cancel", userId, orderId: found.id });
}

/** How many orders one cancel-all command closes; larger books take several. */
const CANCEL_BATCH = 500;
/** Bounds one call; a caller with more open orders than this calls again. */
const CANCEL_ALL_MAX = 10_000;
const CANCEL_ALL_ROUNDS = CANCEL_ALL_MAX / CANCEL_BATCH + 20;

/** Cancels the caller's open orders in one market, or everywhere; returns how many. */
export async function cancelAllOrders(ctx: ServiceContext, userId: string, market?: string): Promise<{ canceled: number }> {
  let canceled = 0;
  for (let round = 0; round < CANCEL_ALL_ROUNDS && canceled < CANCEL_ALL_MAX; round++) {
    const open = await findOpenOrders(ctx.db, { userId, market, limit: 1 });
    const target = open[0]?.market;
    if (!target) break;
    const result = await submitCommand<"cancelAll">(ctx, target, { kind: "cancelAll", userId, limit: CANCEL_BATCH });
    canceled += result.canceled;
  }
  return { canceled };
}
