import type { OrderRow } from "../../db/queries/orders";
import { executionOf } from "@/domain/conditional-rules";
import { assert } from "@/domain/errors";
import { requiredHold } from "@/domain/money";
import type { PendingTrigger } from "@/domain/trigger-state";
import { triggerStep } from "@/domain/trigger-step";
import type { PlacedOrder } from "@/domain/types";
import { orderView } from "../views";
import { type BatchState, type CommandRecord, isLiveRow } from "./batch-state";
import { matchInBatch } from "./match-in-batch";
import { triggerColumns } from "./pending-book";
import { holdAssetOf, settleTaker } from "./settle-taker";

type Views = CommandRecord["orders"];

/**
 * Hosts one trigger step (domain/trigger-step.ts) inside the batch, after a command's trades or
 * before a command while fired orders wait: reads the pending orders the prices wake, fires what
 * they reach (TRIGGERED, a fresh book priority, the OCO's other leg canceled and its hold moved
 * over), moves trailing stops, and executes fired orders one by one as takers, feeding their trades
 * back. Its record carries the trades and order events; nobody waits for its answer. Null when
 * nothing happened, which is the case, without a statement, for any market with nothing pending.
 */
export async function runTriggers(state: BatchState, prices: readonly bigint[]): Promise<CommandRecord | null> {
  const { pending } = state;
  if (state.market.status !== "OPEN") return null;
  if (pending.queue.size === 0 && pending.set.size === 0 && pending.rangesFor(prices) === null) return null;
  await state.loadWoken(prices);
  const views: Views = [];
  const tradeIndexes: number[] = [];
  const moved = new Map<bigint, OrderRow>();
  const steps = triggerStep(pending.set, pending.queue, prices);
  for (let action = steps.next(); !action.done; ) {
    const step = action.value;
    if (step.kind === "observed") {
      for (const trigger of step.moved) {
        const row = rowOf(state, trigger.id);
        state.change(row, triggerColumns(trigger, true));
        moved.set(row.id, row);
      }
      for (const trigger of step.fired) await fire(state, trigger, views);
      action = steps.next([]);
    } else {
      const traded = await executeFired(state, rowOf(state, step.id), views, tradeIndexes);
      await state.loadWoken(traded);
      action = steps.next(traded);
    }
  }
  // A trailing stop that moved says so once, as it stands at the end of the step.
  for (const row of moved.values())
    if (row.status === "PENDING") views.push({ userId: row.userId, view: orderView(row, state.market) });
  if (views.length === 0 && tradeIndexes.length === 0) return null;
  return { tradeIndexes, orders: views, finish: () => ({ waiting: pending.queue.size }) };
}

function rowOf(state: BatchState, id: string): OrderRow {
  const row = state.orders.get(BigInt(id));
  assert(row, `conditional order ${id} is known to the batch`);
  return row;
}

export function placedOf(row: OrderRow): PlacedOrder {
  return {
    id: row.id.toString(),
    userId: row.userId,
    side: row.side,
    type: row.type,
    timeInForce: row.timeInForce,
    postOnly: row.postOnly,
    price: row.price,
    quantity: row.quantity,
    quoteAmount: row.quoteAmount,
    selfTradePrevention: row.selfTradePrevention,
    triggerPrice: row.triggerPrice,
    trailingDelta: row.trailingDelta,
    trailingBps: row.trailingBps,
    activationPrice: row.activationPrice,
  };
}

/**
 * Fires one order: TRIGGERED, with the next id as its time priority (so fired orders execute, and
 * rest, in firing order). An OCO's limit leg is canceled and its hold passes to this leg, which
 * keeps what it will spend and releases the rest.
 */
async function fire(state: BatchState, trigger: PendingTrigger, views: Views): Promise<void> {
  const row = rowOf(state, trigger.id);
  assert(row.status === "PENDING", "only a pending order fires");
  await state.ensureIds(1);
  state.change(row, {
    status: "TRIGGERED",
    priority: state.takePriority(),
    triggeredAt: state.now,
    ...triggerColumns(trigger, false),
  });
  views.push({ userId: row.userId, view: orderView(row, state.market) });
  if (row.ocoOrderId === null) return;
  const [other] = await state.ordersById([row.ocoOrderId]);
  if (!other || !isLiveRow(other)) return;
  const passed = other.held;
  state.change(other, { held: 0n, status: "CANCELED", closeReason: "OCO_OTHER_LEG_TRIGGERED", wakeBelow: null, wakeAbove: null });
  state.pending.forget(other.id);
  state.touchLevel(other.side, other.price);
  views.push({ userId: other.userId, view: orderView(other, state.market) });
  const need = requiredHold(executionOf(placedOf(row)), state.market);
  assert(need !== null && row.held + passed >= need.amount, "an OCO's pair hold covers its stop leg");
  const release = row.held + passed - need.amount;
  state.balances.add({ userId: row.userId, asset: holdAssetOf(state.market, row.side), available: release, held: -release });
  state.change(row, { held: need.amount });
}

/** Executes a fired order as a taker, exactly like a placement of the order it becomes; returns its trades' prices. */
async function executeFired(state: BatchState, row: OrderRow, views: Views, tradeIndexes: number[]): Promise<bigint[]> {
  assert(row.status === "TRIGGERED", "only a fired order executes");
  const result = await matchInBatch(state, executionOf(placedOf(row)));
  const settled = await settleTaker(state, row, result, { isNew: false });
  views.push(...settled.orders);
  tradeIndexes.push(...settled.tradeIndexes);
  return settled.tradeIndexes.map((i) => {
    const trade = state.trades[i];
    assert(trade, "a settled trade is in the batch");
    return trade.price;
  });
}
