import type { OrderRow } from "../../db/queries/orders";
import { executionOf } from "@/domain/conditional-rules";
import { assert, DomainError } from "@/domain/errors";
import { requiredHold } from "@/domain/money";
import { ocoHold, ocoLegs, validateOco } from "@/domain/oco";
import { isSameOco, OCO_STOP_SUFFIX } from "../trading/order-input";
import { orderView, publicTradeView } from "../views";
import { type BatchState, type CommandRecord, isLiveRow, userClientKey } from "./batch-state";
import type { CommandOf, PlaceOcoResult } from "./commands";
import { checkConditionalLimits } from "./execute-place";
import { matchInBatch } from "./match-in-batch";
import { pendingTriggerOf, triggerColumns } from "./pending-book";
import { holdAssetOf, newOrderRow, settleTaker } from "./settle-taker";

/**
 * Places an OCO (domain/oco.ts) as two orders in one command: the limit leg, which may trade at
 * once like any limit order, then the stop leg. The pair's hold is split so each leg holds what it
 * spends: the limit leg its own cost, the stop leg the rest (nothing for a sell). If the limit leg
 * traded (or ended) already, the stop leg is created canceled, holding nothing.
 */
export async function executePlaceOco(state: BatchState, command: CommandOf<"placeOco">): Promise<CommandRecord> {
  const { market, balances } = state;
  const { oco, userId, clientOrderId } = command;
  const existing = state.byClientId.get(userClientKey(userId, clientOrderId));
  if (existing) return replay(state, existing, command);
  assert(state.lastPrice !== undefined, "a batch placing an OCO reads the last price");
  validateOco(oco, market, state.lastPrice);
  checkConditionalLimits(state, userId, 1);
  const legs = ocoLegs(oco);
  const total = ocoHold(oco, market);
  const limitHold = requiredHold(executionOf({ ...legs.limit, id: "limit" }), market);
  assert(limitHold !== null && limitHold.amount <= total, "the pair holds at least what its limit leg spends");
  const holdAsset = holdAssetOf(market, oco.side);
  if (!balances.canHold(userId, holdAsset, total)) throw new DomainError("INSUFFICIENT_FUNDS");

  await state.ensureIds(2);
  const limitId = state.peekId();
  const result = await matchInBatch(state, { ...executionOf({ ...legs.limit, id: "limit" }), id: limitId.toString() });
  const limitRow = newOrderRow(state, { ...legs.limit, id: limitId, clientOrderId, held: limitHold.amount, status: "NEW" });
  // The stop leg does not exist yet, so the limit leg's OCO consequence is decided here, below.
  const settled = await settleTaker(state, limitRow, result, { isNew: true, links: false });

  const stopRow = newOrderRow(state, {
    ...legs.stop,
    id: state.peekId(),
    clientOrderId: `${clientOrderId}${OCO_STOP_SUFFIX}`,
    held: 0n,
    status: "PENDING",
  });
  stopRow.ocoOrderId = limitRow.id;
  limitRow.ocoOrderId = stopRow.id;
  const isOver = limitRow.filledQuantity > 0n || !isLiveRow(limitRow);
  if (isOver) {
    Object.assign(stopRow, {
      status: "CANCELED",
      closeReason: limitRow.filledQuantity > 0n ? "OCO_OTHER_LEG_FILLED" : "OCO_OTHER_LEG_CLOSED",
    });
  } else {
    Object.assign(stopRow, triggerColumns({ ...pendingTriggerOf(stopRow), trigger: oco.triggerPrice }, true));
    stopRow.held = total - limitRow.held;
    if (stopRow.held > 0n) balances.hold(userId, holdAsset, stopRow.held);
  }
  state.create(stopRow);
  const views = settled.orders.map((o) =>
    o.view.id === limitRow.id.toString() ? { ...o, view: orderView(limitRow, market) } : o,
  );
  const stopView = orderView(stopRow, market);
  views.push({ userId, view: stopView });
  const limitView = orderView(limitRow, market);
  return {
    tradeIndexes: settled.tradeIndexes,
    orders: views,
    finish: (trades): PlaceOcoResult => ({
      orders: [limitView, stopView],
      trades: settled.tradeIndexes.map((i) => trades[i]).flatMap((t) => (t ? [publicTradeView(t, market)] : [])),
      replayed: false,
    }),
  };
}

function replay(state: BatchState, limit: OrderRow, command: CommandOf<"placeOco">): CommandRecord {
  const stop = state.byClientId.get(userClientKey(command.userId, `${command.clientOrderId}${OCO_STOP_SUFFIX}`));
  if (!stop || !isSameOco(limit, stop, state.market.symbol, command.oco)) throw new DomainError("DUPLICATE_CLIENT_ORDER_ID");
  const orders: [ReturnType<typeof orderView>, ReturnType<typeof orderView>] = [
    orderView(limit, state.market),
    orderView(stop, state.market),
  ];
  return { tradeIndexes: [], orders: [], finish: (): PlaceOcoResult => ({ orders, trades: [], replayed: true }) };
}
