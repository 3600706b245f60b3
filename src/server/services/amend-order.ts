import { applyBalanceDelta } from "../db/queries/balances";
import { appendEvents } from "../db/queries/events";
import { lockMarket } from "../db/queries/markets";
import { lockOwnOrder, setOrderQuantity } from "../db/queries/orders";
import { inTransaction } from "../db/transaction";
import { parseDecimal } from "../domain/decimal";
import { DomainError } from "../domain/errors";
import { buyHold } from "../domain/money";
import { OPEN_STATUSES } from "../domain/types";
import { afterCommit } from "./after-commit";
import { balanceEvents, bookLevelEvent, orderEvents } from "./book-events";
import { cacheKeys } from "./cache-keys";
import type { ServiceContext } from "./context";
import { findOwnOrderByRef, type OrderRef } from "./order-lookup";
import { type OrderView, orderView } from "./views";

/**
 * Reduces an open limit order's quantity. Priority is kept because the order keeps its id, and
 * an order that only shrinks takes nothing from those queued behind it. The hold shrinks too.
 */
export async function amendOrder(
  ctx: ServiceContext,
  userId: string,
  ref: OrderRef,
  newQuantityText: string,
): Promise<OrderView> {
  const found = await findOwnOrderByRef(ctx.db, userId, ref);
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const market = await lockMarket(tx, found.market);
    if (!market) throw new DomainError("MARKET_NOT_FOUND");
    const order = await lockOwnOrder(tx, userId, found.id);
    if (!order) throw new DomainError("ORDER_NOT_FOUND");
    if (!OPEN_STATUSES.includes(order.status) || order.quantity === null || order.price === null) {
      throw new DomainError("ORDER_NOT_OPEN");
    }
    const quantity = parseDecimal(newQuantityText, market.baseScale);
    if (quantity % market.quantityStep !== 0n) throw new DomainError("QUANTITY_NOT_ON_STEP");
    if (quantity >= order.quantity || quantity <= order.filledQuantity) throw new DomainError("AMEND_MUST_REDUCE");
    if (quantity < market.minQuantity) throw new DomainError("QUANTITY_BELOW_MINIMUM");

    const remaining = quantity - order.filledQuantity;
    const keep = order.side === "BUY" ? buyHold(order.price, remaining, market) : remaining;
    const release = order.held - keep;
    if (release < 0n) throw new Error(`order ${order.id} holds less than its remainder needs`);
    const asset = order.side === "BUY" ? market.quoteAsset : market.baseAsset;
    const balance = await applyBalanceDelta(tx, { userId, asset, available: release, held: -release });
    const row = await setOrderQuantity(tx, order.id, quantity, keep);

    const book = await bookLevelEvent(tx, market, [{ side: row.side, price: order.price }]);
    const scaleOf = (a: string) => (a === market.baseAsset ? market.baseScale : market.quoteScale);
    const events = [...(book ? [book] : []), ...orderEvents([row], market), ...balanceEvents([balance], scaleOf)];
    return { view: orderView(row, market), events, seq: await appendEvents(tx, events) };
  });
  await afterCommit(ctx, { events: outcome.events, seq: outcome.seq, cacheKeys: [cacheKeys.book(found.market)] });
  return outcome.view;
}
