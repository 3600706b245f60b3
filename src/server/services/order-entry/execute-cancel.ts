import { findOpenOrders, type OrderRow } from "../../db/queries/orders";
import { DomainError } from "@/domain/errors";
import { orderView } from "../views";
import { BatchReadError, type BatchState, type CommandRecord, isLiveRow } from "./batch-state";
import { closeInBatch } from "./close-order";
import type { CancelAllResult, CommandOf } from "./commands";
import { resolveOcoLinks } from "./oco-links";

type OrderViews = CommandRecord["orders"];

/** The caller's own live order of this market (in the book, or waiting for its trigger), as the batch sees it now. */
export function ownLiveOrder(state: BatchState, userId: string, orderId: bigint): OrderRow {
  const row = state.orders.get(orderId);
  // Ownership is part of the lookup: another user's order is simply not found.
  if (!row || row.userId !== userId || row.market !== state.market.symbol) throw new DomainError("ORDER_NOT_FOUND");
  if (!isLiveRow(row)) throw new DomainError("ORDER_NOT_OPEN");
  return row;
}

/** Canceling either leg of an OCO cancels both. */
export async function executeCancel(state: BatchState, command: CommandOf<"cancel">): Promise<CommandRecord> {
  const row = ownLiveOrder(state, command.userId, command.orderId);
  closeInBatch(state, row, "CANCELED_BY_USER");
  const view = orderView(row, state.market);
  const orders: OrderViews = [{ userId: row.userId, view }];
  await resolveOcoLinks(state, [row], orders);
  return { tradeIndexes: [], orders, finish: () => view };
}

/** Up to `limit` of the user's live orders here: stored ones (one read) and those this batch created. */
export async function executeCancelAll(state: BatchState, command: CommandOf<"cancelAll">): Promise<CommandRecord> {
  let stored: OrderRow[];
  try {
    stored = await findOpenOrders(state.tx, { userId: command.userId, market: state.market.symbol, limit: command.limit });
  } catch (error) {
    throw new BatchReadError("reading open orders failed", { cause: error });
  }
  const candidates = [...state.created.filter((r) => r.userId === command.userId), ...stored.map((r) => state.adopt(r))];
  const targets = [...new Set(candidates)].filter(isLiveRow).slice(0, command.limit);
  for (const row of targets) closeInBatch(state, row, "CANCELED_BY_USER");
  const orders: OrderViews = targets.map((row) => ({ userId: row.userId, view: orderView(row, state.market) }));
  await resolveOcoLinks(state, targets, orders);
  const result: CancelAllResult = { canceled: targets.length, more: stored.length === command.limit };
  return { tradeIndexes: [], orders, finish: () => result };
}
