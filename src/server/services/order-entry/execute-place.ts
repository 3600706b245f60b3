import type { OrderRow } from "../../db/queries/orders";
import { isConditional } from "@/domain/conditional";
import { CONDITIONAL_LIMITS, executionOf, trailOf, validatePlacement } from "@/domain/conditional-rules";
import { assert, DomainError } from "@/domain/errors";
import { requiredHold } from "@/domain/money";
import { startTrailing } from "@/domain/trigger-state";
import type { PlacedOrder } from "@/domain/types";
import { isSameOrder } from "../trading/order-input";
import { orderView, publicTradeView } from "../views";
import { type BatchState, type CommandRecord, userClientKey } from "./batch-state";
import type { CommandOf, PlaceResult } from "./commands";
import { matchInBatch } from "./match-in-batch";
import { pendingTriggerOf, triggerColumns } from "./pending-book";
import { holdAssetOf, newOrderRow, settleTaker } from "./settle-taker";

/**
 * One placement inside a batch, exactly as if it had its own transaction after the commands
 * before it: idempotency, rules, hold, then a limit or market order matches and settles, and a
 * conditional one rests PENDING with its hold taken. Every refusal is thrown before anything in
 * the batch state changes, so a refused command leaves its neighbours as they were.
 */
export async function executePlace(state: BatchState, command: CommandOf<"place">): Promise<CommandRecord> {
  const { market, balances } = state;
  const { order, userId, clientOrderId } = command;
  const existing = state.byClientId.get(userClientKey(userId, clientOrderId));
  if (existing) return replay(state, existing, command);
  const placed: PlacedOrder = { ...order, id: "new" };
  // Fired orders may have taken the ids the lock drew for placements: draw more if so.
  await state.ensureIds(1);
  if (isConditional(order.type)) return placeConditional(state, command, placed);

  validatePlacement(placed, market, null);
  const execution = executionOf(placed);
  const hold = requiredHold(execution, market);
  const holdAsset = holdAssetOf(market, order.side);
  if (hold && !balances.canHold(userId, holdAsset, hold.amount)) throw new DomainError("INSUFFICIENT_FUNDS");

  const id = state.peekId();
  const result = await matchInBatch(state, { ...execution, id: id.toString() });
  // A market buy by base quantity: its cost is known only now, and is held exactly.
  const held = hold ? hold.amount : result.fills.reduce((sum, f) => sum + f.quoteQuantity + f.takerFee, 0n);
  if (!hold && held > 0n && !balances.canHold(userId, holdAsset, held)) throw new DomainError("INSUFFICIENT_FUNDS");

  const row = newOrderRow(state, { ...order, id, clientOrderId, held, status: "NEW" });
  const settled = await settleTaker(state, row, result, { isNew: true });
  const takerView = settled.orders[0]?.view ?? orderView(row, market);
  return {
    tradeIndexes: settled.tradeIndexes,
    orders: settled.orders,
    finish: (trades): PlaceResult => ({
      order: takerView,
      trades: settled.tradeIndexes.map((i) => trades[i]).flatMap((t) => (t ? [publicTradeView(t, market)] : [])),
      replayed: false,
    }),
  };
}

function replay(state: BatchState, existing: OrderRow, command: CommandOf<"place">): CommandRecord {
  if (!isSameOrder(existing, state.market.symbol, command.order)) throw new DomainError("DUPLICATE_CLIENT_ORDER_ID");
  const view = orderView(existing, state.market);
  return { tradeIndexes: [], orders: [], finish: (): PlaceResult => ({ order: view, trades: [], replayed: true }) };
}

/** Refuses a conditional order past the per-user or per-market limit of live ones (counted under the lock). */
export function checkConditionalLimits(state: BatchState, userId: string, adding: number): void {
  const counts = state.conditionalCounts;
  assert(counts, "a batch placing conditional orders counts them");
  if ((counts.byUser.get(userId) ?? 0) + adding > CONDITIONAL_LIMITS.perUserMarket) throw new DomainError("PENDING_ORDER_LIMIT");
  if (counts.market + adding > CONDITIONAL_LIMITS.perMarket) throw new DomainError("MARKET_PENDING_LIMIT");
}

/** A stop, take-profit or trailing stop: validated against the last price, its hold taken, PENDING outside the book. */
function placeConditional(state: BatchState, command: CommandOf<"place">, placed: PlacedOrder): CommandRecord {
  const { market, balances } = state;
  const { order, userId, clientOrderId } = command;
  assert(state.lastPrice !== undefined, "a batch placing conditional orders reads the last price");
  validatePlacement(placed, market, state.lastPrice);
  checkConditionalLimits(state, userId, 1);
  const hold = requiredHold(executionOf(placed), market);
  assert(hold !== null, "a conditional order's spend is known when it is placed");
  const holdAsset = holdAssetOf(market, order.side);
  if (!balances.canHold(userId, holdAsset, hold.amount)) throw new DomainError("INSUFFICIENT_FUNDS");

  const row = newOrderRow(state, { ...order, id: state.peekId(), clientOrderId, held: hold.amount, status: "PENDING" });
  const trail = trailOf(order);
  const start = trail
    ? startTrailing(order.side, trail, order.activationPrice, state.lastPrice, market.priceTick)
    : { trigger: order.triggerPrice, extreme: null };
  Object.assign(row, triggerColumns({ ...pendingTriggerOf(row), ...start }, true));
  balances.hold(userId, holdAsset, hold.amount);
  state.create(row);
  const view = orderView(row, market);
  return {
    tradeIndexes: [],
    orders: [{ userId, view }],
    finish: (): PlaceResult => ({ order: view, trades: [], replayed: false }),
  };
}
