import type { OrderRow } from "../../db/queries/orders";
import type { SettlementOrder } from "@/domain/settlement";

/** One command matches at most this many resting orders; bounds a transaction's size and time. */
export const MAX_MAKERS_PER_ORDER = 6_400;

export function toSettlementOrder(row: OrderRow): SettlementOrder {
  return {
    id: row.id.toString(),
    userId: row.userId,
    side: row.side,
    price: row.price,
    quantity: row.quantity,
    filledQuantity: row.filledQuantity,
    filledQuote: row.filledQuote,
    feesPaid: row.feesPaid,
    held: row.held,
  };
}
