import { lockMarket } from "../db/queries/markets";
import { findOpenOrders, lockOwnOrder } from "../db/queries/orders";
import { inTransaction } from "../db/transaction";
import { DomainError } from "../domain/errors";
import { OPEN_STATUSES } from "../domain/types";
import { afterCommit } from "./after-commit";
import { cacheKeys } from "./cache-keys";
import { closeOrders } from "./close-order";
import type { ServiceContext } from "./context";
import { findOwnOrderByRef, type OrderRef } from "./order-lookup";
import { type OrderView, orderView } from "./views";

/** Cancels one of the caller's open orders. Allowed on halted markets too. */
export async function cancelOrder(ctx: ServiceContext, userId: string, ref: OrderRef): Promise<OrderView> {
  const found = await findOwnOrderByRef(ctx.db, userId, ref);
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const market = await lockMarket(tx, found.market);
    if (!market) throw new DomainError("MARKET_NOT_FOUND");
    // Re-read under the market lock: a fill may have closed it since.
    const order = await lockOwnOrder(tx, userId, found.id);
    if (!order) throw new DomainError("ORDER_NOT_FOUND");
    if (!OPEN_STATUSES.includes(order.status)) throw new DomainError("ORDER_NOT_OPEN");
    const closed = await closeOrders(tx, market, [order], "CANCELED_BY_USER");
    const row = closed.rows[0];
    if (!row) throw new Error("cancel closed no order");
    return { view: orderView(row, market), closed };
  });
  await afterCommit(ctx, { events: outcome.closed.events, seq: outcome.closed.seq, cacheKeys: [cacheKeys.book(found.market)] });
  return outcome.view;
}

/** How many orders one cancel-all transaction closes; larger books take several. */
const CANCEL_BATCH = 500;
/** Bounds one call; a caller with more open orders than this calls again. */
const CANCEL_ALL_MAX = 10_000;

/** Cancels the caller's open orders in one market, or everywhere; returns how many. */
export async function cancelAllOrders(ctx: ServiceContext, userId: string, market?: string): Promise<{ canceled: number }> {
  let canceled = 0;
  while (canceled < CANCEL_ALL_MAX) {
    const open = await findOpenOrders(ctx.db, { userId, market, limit: 1 });
    const target = open[0]?.market;
    if (!target) break;
    const closed = await inTransaction(ctx.db, async (tx) => {
      const locked = await lockMarket(tx, target);
      if (!locked) throw new DomainError("MARKET_NOT_FOUND");
      const batch = await findOpenOrders(tx, { userId, market: target, limit: CANCEL_BATCH });
      return closeOrders(tx, locked, batch, "CANCELED_BY_USER");
    });
    canceled += closed.rows.length;
    await afterCommit(ctx, { events: closed.events, seq: closed.seq, cacheKeys: [cacheKeys.book(target)] });
  }
  return { canceled };
}
