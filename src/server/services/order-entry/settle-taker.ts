import type { OrderRow } from "../../db/queries/orders";
import { FEE_ACCOUNT_ID } from "../../db/system-accounts";
import type { MarketRow } from "../../db/queries/markets";
import { planSettlement, type SettlementOrder } from "@/domain/settlement";
import type { MatchResult, PlacedOrder, Side } from "@/domain/types";
import { orderView } from "../views";
import type { BatchState, CommandRecord } from "./batch-state";
import { resolveOcoLinks } from "./oco-links";
import { toSettlementOrder } from "./settlement-orders";

export const holdAssetOf = (market: MarketRow, side: Side) => (side === "BUY" ? market.quoteAsset : market.baseAsset);

/** A new order's row: everything an order placed now starts with; `fields` say what it is. */
export function newOrderRow(
  state: BatchState,
  fields: Omit<PlacedOrder, "id"> & Pick<OrderRow, "id" | "clientOrderId" | "held" | "status">,
): OrderRow {
  const { id, userId, clientOrderId, side, type, timeInForce, postOnly, selfTradePrevention, price, quantity, quoteAmount } =
    fields;
  return {
    id,
    userId,
    market: state.market.symbol,
    clientOrderId,
    side,
    type,
    timeInForce,
    postOnly,
    selfTradePrevention,
    price,
    quantity,
    quoteAmount,
    filledQuantity: 0n,
    filledQuote: 0n,
    feesPaid: 0n,
    held: fields.held,
    status: fields.status,
    closeReason: null,
    createdAt: state.now,
    updatedAt: state.now,
    priority: id,
    triggerPrice: fields.triggerPrice,
    trailingDelta: fields.trailingDelta,
    trailingBps: fields.trailingBps,
    activationPrice: fields.activationPrice,
    trailExtreme: null,
    wakeBelow: null,
    wakeAbove: null,
    ocoOrderId: null,
    triggeredAt: null,
  };
}

export interface SettledTaker {
  tradeIndexes: number[];
  /** The taker first, then each maker it changed, then OCO legs those changes canceled. */
  orders: CommandRecord["orders"];
}

/**
 * Settles a taker's match into the batch: the plan's balance moves, the taker's and makers' new
 * state, the trades, the touched levels, and (unless `links` is off) the OCO legs it ends. A new
 * taker (`isNew`) takes its hold now and is created; a fired one already holds and exists.
 */
export async function settleTaker(
  state: BatchState,
  row: OrderRow,
  result: MatchResult,
  options: { isNew: boolean; links?: boolean },
): Promise<SettledTaker> {
  const { market, balances } = state;
  const makers = new Map<string, SettlementOrder>();
  for (const makerId of [...result.fills.map((f) => f.makerOrderId), ...result.expiredMakerIds]) {
    const maker = state.orders.get(BigInt(makerId));
    if (!maker) throw new Error(`maker ${makerId} was matched but never read`);
    makers.set(makerId, toSettlementOrder(maker));
  }
  const plan = planSettlement({
    taker: { ...toSettlementOrder(row), timeInForce: row.timeInForce },
    makers,
    result,
    rules: market,
    baseAsset: market.baseAsset,
    quoteAsset: market.quoteAsset,
    feeAccountId: FEE_ACCOUNT_ID,
  });

  if (options.isNew && row.held > 0n) balances.hold(row.userId, holdAssetOf(market, row.side), row.held);
  for (const delta of plan.balanceDeltas) balances.add(delta);
  if (options.isNew) {
    const { id: _id, userId: _user, ...takerState } = plan.takerUpdate;
    Object.assign(row, takerState);
    state.create(row);
  } else {
    state.applyUpdate(plan.takerUpdate);
  }
  const makerRows = plan.makerUpdates.map((update) => state.applyUpdate(update));
  const tradeIndexes = plan.trades.map((draft, i) => state.addTrade(draft, plan.journals[i] ?? []));

  for (const maker of makerRows) state.touchLevel(maker.side, maker.price);
  if (row.status !== "REJECTED") state.touchLevel(row.side, row.price);
  const orders = [row, ...makerRows].map((r) => ({ userId: r.userId, view: orderView(r, market) }));
  if (options.links !== false) await resolveOcoLinks(state, [row, ...makerRows], orders);
  return { tradeIndexes, orders };
}
