import { applyBalanceDelta, type BalanceRow } from "../db/queries/balances";
import { appendEvents, type EventDraft } from "../db/queries/events";
import type { MarketRow } from "../db/queries/markets";
import { applyOrderUpdate, type OrderRow } from "../db/queries/orders";
import type { Tx } from "../db/types";
import type { CloseReason } from "../domain/types";
import { balanceEvents, bookLevelEvent, orderEvents } from "./book-events";

export interface ClosedOrders {
  rows: OrderRow[];
  events: EventDraft[];
  seq: bigint | null;
}

/**
 * Cancels open orders of one market inside the caller's transaction, which must hold that
 * market's lock: each order's hold goes back to available, and the book levels it left are
 * re-announced.
 */
export async function closeOrders(
  tx: Tx,
  market: MarketRow,
  openOrders: readonly OrderRow[],
  reason: CloseReason,
): Promise<ClosedOrders> {
  const rows: OrderRow[] = [];
  const balances: BalanceRow[] = [];
  for (const order of openOrders) {
    if (order.held > 0n) {
      const asset = order.side === "BUY" ? market.quoteAsset : market.baseAsset;
      balances.push(await applyBalanceDelta(tx, { userId: order.userId, asset, available: order.held, held: -order.held }));
    }
    rows.push(
      await applyOrderUpdate(tx, {
        id: order.id.toString(),
        userId: order.userId,
        filledQuantity: order.filledQuantity,
        filledQuote: order.filledQuote,
        feesPaid: order.feesPaid,
        held: 0n,
        status: "CANCELED",
        closeReason: reason,
      }),
    );
  }
  const book = await bookLevelEvent(
    tx,
    market,
    rows.map((r) => ({ side: r.side, price: r.price ?? 0n })),
  );
  const scaleOf = (asset: string) => (asset === market.baseAsset ? market.baseScale : market.quoteScale);
  const events = [...(book ? [book] : []), ...orderEvents(rows, market), ...balanceEvents(balances, scaleOf)];
  return { rows, events, seq: await appendEvents(tx, events) };
}
