import { findOpenOrders, type OrderRow } from "../../db/queries/orders";
import { DomainError } from "@/domain/errors";
import type { CloseReason } from "@/domain/types";
import { orderView } from "../views";
import { BatchReadError, type BatchState, type CommandRecord, isOpenRow } from "./batch-state";
import type { CancelAllResult, CommandOf } from "./commands";

/** Closes one working order and gives its hold back; the caller has checked it is open. */
export function closeInBatch(state: BatchState, row: OrderRow, reason: CloseReason): void {
  const { market } = state;
  if (row.held > 0n) {
    const asset = row.side === "BUY" ? market.quoteAsset : market.baseAsset;
    state.balances.add({ userId: row.userId, asset, available: row.held, held: -row.held });
  }
  state.change(row, { held: 0n, status: "CANCELED", closeReason: reason });
  state.touchLevel(row.side, row.price);
}

/** The caller's own open order of this market, as the batch sees it now. */
export function ownOpenOrder(state: BatchState, userId: string, orderId: bigint): OrderRow {
  const row = state.orders.get(orderId);
  // Ownership is part of the lookup: another user's order is simply not found.
  if (!row || row.userId !== userId || row.market !== state.market.symbol) throw new DomainError("ORDER_NOT_FOUND");
  if (!isOpenRow(row)) throw new DomainError("ORDER_NOT_OPEN");
  return row;
}

export function executeCancel(state: BatchState, command: CommandOf<"cancel">): CommandRecord {
  const row = ownOpenOrder(state, command.userId, command.orderId);
  closeInBatch(state, row, "CANCELED_BY_USER");
  const view = orderView(row, state.market);
  return { tradeIndexes: [], orders: [{ userId: row.userId, view }], finish: () => view };
}

/** Up to `limit` of the user's open orders here: stored ones (one read) and those this batch created. */
export async function executeCancelAll(state: BatchState, command: CommandOf<"cancelAll">): Promise<CommandRecord> {
  let stored: OrderRow[];
  try {
    stored = await findOpenOrders(state.tx, { userId: command.userId, market: state.market.symbol, limit: command.limit });
  } catch (error) {
    throw new BatchReadError("reading open orders failed", { cause: error });
  }
  const candidates = [...state.created.filter((r) => r.userId === command.userId), ...stored.map((r) => state.adopt(r))];
  const targets = [...new Set(candidates)].filter(isOpenRow).slice(0, command.limit);
  for (const row of targets) closeInBatch(state, row, "CANCELED_BY_USER");
  const orders = targets.map((row) => ({ userId: row.userId, view: orderView(row, state.market) }));
  const result: CancelAllResult = { canceled: targets.length, more: stored.length === command.limit };
  return { tradeIndexes: [], orders, finish: () => result };
}
