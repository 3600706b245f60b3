import type { IncomingOrder } from "./types";

/**
 * The domain tests' incoming order: "taker" buys 10 at 100 (ticks of the test market), GTC,
 * not post-only, expiring itself rather than trading with its own orders. A test names only
 * the fields it is about.
 */
export function incomingOrder(fields: Partial<IncomingOrder> = {}): IncomingOrder {
  return {
    id: "t",
    userId: "taker",
    side: "BUY",
    type: "LIMIT",
    timeInForce: "GTC",
    postOnly: false,
    price: 100n,
    quantity: 10n,
    quoteAmount: null,
    selfTradePrevention: "EXPIRE_TAKER",
    ...fields,
  };
}
