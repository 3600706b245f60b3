import type { OrderRow } from "../../db/queries/orders";
import type { CloseReason } from "@/domain/types";
import type { BatchState } from "./batch-state";

/** Closes one working order and gives its hold back; the caller has checked it is live. */
export function closeInBatch(state: BatchState, row: OrderRow, reason: CloseReason): void {
  const { market } = state;
  if (row.held > 0n) {
    const asset = row.side === "BUY" ? market.quoteAsset : market.baseAsset;
    state.balances.add({ userId: row.userId, asset, available: row.held, held: -row.held });
  }
  const wasPending = row.status === "PENDING" || row.status === "TRIGGERED";
  state.change(row, { held: 0n, status: "CANCELED", closeReason: reason, wakeBelow: null, wakeAbove: null });
  if (wasPending) state.pending.forget(row.id);
  else state.touchLevel(row.side, row.price);
}
