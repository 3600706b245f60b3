/**
 * Orders the server accepted but that traded nothing: a post-only order that would have taken
 * liquidity, or an IOC/FOK order with nothing to meet. order.place succeeds for these (the order
 * exists, with its final status), so without a message of their own they would read as "placed".
 */
import type { CloseReason, OrderStatus } from "@/domain/types";

export interface PlacedOrderOutcome {
  status: OrderStatus;
  closeReason: CloseReason | null;
  /** Canonical decimal string, e.g. "0.0000". */
  filledQuantity: string;
}

export const POST_ONLY_REJECTED = "Post-only order rejected: it would have taken liquidity";
export const NOTHING_FILLED = "Nothing filled: the order expired (IOC/FOK)";

// Only these reasons mean the time in force ended it; a self-trade expiry is another story.
const TIME_IN_FORCE_EXPIRY: readonly CloseReason[] = ["IOC_REMAINDER", "FOK_NOT_FILLABLE"];

/** The headline for an order that ended without trading, or null when the usual toast fits. */
export function unfilledOutcome(order: PlacedOrderOutcome): string | null {
  if (order.status === "REJECTED" && order.closeReason === "POST_ONLY_WOULD_TAKE") return POST_ONLY_REJECTED;
  const filledNothing = !/[1-9]/.test(order.filledQuantity);
  if (order.status === "EXPIRED" && filledNothing && order.closeReason && TIME_IN_FORCE_EXPIRY.includes(order.closeReason)) {
    return NOTHING_FILLED;
  }
  return null;
}
