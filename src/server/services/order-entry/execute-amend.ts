import type { OrderRow } from "../../db/queries/orders";
import { parseDecimal } from "@/domain/decimal";
import { DomainError } from "@/domain/errors";
import { buyHold, quoteValue } from "@/domain/money";
import type { IncomingOrder } from "@/domain/types";
import { orderView } from "../views";
import { type BatchState, type CommandRecord, isLiveRow, isOpenRow } from "./batch-state";
import type { CommandOf } from "./commands";
import { ownLiveOrder } from "./execute-cancel";
import { matchInBatch } from "./match-in-batch";
import { holdAssetOf, settleTaker } from "./settle-taker";

/**
 * Amends an open limit order, keeping its id and clientOrderId (the id rule: an order keeps its
 * id for life; what an amend can cost it is its place in the queue).
 * - Quantity down, same price: a partial cancel. It keeps its priority, since an order that only
 *   shrinks takes nothing from those queued behind it; the hold shrinks with it.
 * - A new price, or more quantity: a cancel-replace in this one transaction. The order leaves its
 *   place and enters the book again as if placed now: a fresh priority (the back of its new
 *   level), its hold recomputed for what is left, and at a crossing price it trades as a taker
 *   first (a post-only order is refused instead, AMEND_WOULD_TAKE). Refused on a halted market.
 * Its events say both halves: the book event carries the level it left and the one it joined,
 * the owner's order event the order at its new price and place (one order, one event: a client
 * keyed by id must not see it canceled), then its trades and fills if it crossed.
 */
export async function executeAmend(state: BatchState, command: CommandOf<"amend">): Promise<CommandRecord> {
  const { market } = state;
  const row = ownLiveOrder(state, command.userId, command.orderId);
  if (!isOpenRow(row) || row.quantity === null || row.price === null) throw new DomainError("ORDER_NOT_AMENDABLE");
  if (row.ocoOrderId !== null) {
    const [other] = await state.ordersById([row.ocoOrderId]);
    if (other && isLiveRow(other)) throw new DomainError("ORDER_NOT_AMENDABLE");
  }
  const quantity = command.quantityText === undefined ? row.quantity : parseDecimal(command.quantityText, market.baseScale);
  const price = command.priceText === undefined ? row.price : parseDecimal(command.priceText, market.quoteScale);
  if (quantity % market.quantityStep !== 0n) throw new DomainError("QUANTITY_NOT_ON_STEP");
  if (quantity <= row.filledQuantity) throw new DomainError("AMEND_BELOW_FILLED");
  if (quantity < market.minQuantity) throw new DomainError("QUANTITY_BELOW_MINIMUM");
  if (price <= 0n) throw new DomainError("AMOUNT_NOT_POSITIVE", undefined, { field: "price" });
  if (price % market.priceTick !== 0n)
    throw new DomainError("PRICE_NOT_ON_TICK", undefined, { priceTick: String(market.priceTick) });
  if (price === row.price && quantity === row.quantity) throw new DomainError("AMEND_NO_CHANGE");
  if (price === row.price && quantity < row.quantity) return reduce(state, row, quantity);
  return replace(state, row, price, quantity);
}

const holdFor = (state: BatchState, row: OrderRow, price: bigint, remaining: bigint) =>
  row.side === "BUY" ? buyHold(price, remaining, state.market) : remaining;

function reduce(state: BatchState, row: OrderRow, quantity: bigint): CommandRecord {
  const price = row.price ?? 0n;
  const keep = holdFor(state, row, price, quantity - row.filledQuantity);
  const release = row.held - keep;
  if (release < 0n) throw new Error(`order ${row.id} holds less than its remainder needs`);
  state.balances.add({ userId: row.userId, asset: holdAssetOf(state.market, row.side), available: release, held: -release });
  state.change(row, { quantity, held: keep });
  state.touchLevel(row.side, row.price);
  const view = orderView(row, state.market);
  return { tradeIndexes: [], orders: [{ userId: row.userId, view }], finish: () => view };
}

async function replace(state: BatchState, row: OrderRow, price: bigint, quantity: bigint): Promise<CommandRecord> {
  const { market, balances } = state;
  if (market.status === "HALTED") throw new DomainError("MARKET_HALTED");
  if (quoteValue(price, quantity, market.baseScale) < market.minNotional) {
    throw new DomainError("NOTIONAL_BELOW_MINIMUM", undefined, { minNotional: String(market.minNotional) });
  }
  const remaining = quantity - row.filledQuantity;
  const hold = holdFor(state, row, price, remaining);
  const asset = holdAssetOf(market, row.side);
  if (hold > row.held && !balances.canHold(row.userId, asset, hold - row.held)) throw new DomainError("INSUFFICIENT_FUNDS");
  // The replacement as a taker: what is left, at the new price, under the order's own flags.
  const incoming: IncomingOrder = {
    id: row.id.toString(),
    userId: row.userId,
    side: row.side,
    type: "LIMIT",
    timeInForce: "GTC",
    postOnly: row.postOnly,
    price,
    quantity: remaining,
    quoteAmount: null,
    selfTradePrevention: row.selfTradePrevention,
  };
  const result = await matchInBatch(state, incoming);
  if (result.outcome.kind === "REJECT") throw new DomainError("AMEND_WOULD_TAKE");

  // Nothing refused it: from here the batch changes.
  await state.ensureIds(1);
  balances.add({ userId: row.userId, asset, available: row.held - hold, held: hold - row.held });
  state.touchLevel(row.side, row.price);
  state.change(row, { price, quantity, held: hold, priority: state.takePriority() });
  const settled = await settleTaker(state, row, result, { isNew: false });
  const view = settled.orders[0]?.view ?? orderView(row, market);
  return { tradeIndexes: settled.tradeIndexes, orders: settled.orders, finish: () => view };
}
