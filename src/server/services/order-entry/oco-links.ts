import type { OrderRow } from "../../db/queries/orders";
import type { CloseReason } from "@/domain/types";
import { orderView } from "../views";
import { type BatchState, type CommandRecord, isLiveRow } from "./batch-state";
import { closeInBatch } from "./close-order";

/**
 * One cancels the other (domain/oco.ts): after `rows` changed, the other leg of every OCO leg
 * among them that traded or closed is canceled, in the same batch, and said so in `views`. A
 * leg that fired is handled where it fires (execute-triggers.ts), because its hold moves with it.
 */
export async function resolveOcoLinks(
  state: BatchState,
  rows: readonly OrderRow[],
  views: CommandRecord["orders"],
): Promise<void> {
  const linked = rows.filter((r) => r.ocoOrderId !== null && reasonFor(r) !== null);
  if (linked.length === 0) return;
  const others = await state.ordersById(linked.map((r) => r.ocoOrderId as bigint));
  linked.forEach((row, i) => {
    const other = others[i];
    const reason = reasonFor(row);
    if (!other || reason === null || !isLiveRow(other)) return;
    closeInBatch(state, other, reason);
    views.push({ userId: other.userId, view: orderView(other, state.market) });
  });
}

/** Why the other leg ends, or null while this leg is live and has not traded. */
function reasonFor(row: OrderRow): CloseReason | null {
  if (row.status === "TRIGGERED") return null;
  if (row.filledQuantity > 0n) return "OCO_OTHER_LEG_FILLED";
  if (isLiveRow(row)) return null;
  return row.closeReason === "CANCELED_BY_USER" ? "CANCELED_BY_USER" : "OCO_OTHER_LEG_CLOSED";
}
