import type { MarketRow } from "../db/queries/markets";
import { findCrossingOrders, type OrderRow } from "../db/queries/orders";
import type { Tx } from "../db/types";
import { matchOrder } from "../domain/matcher";
import type { SettlementOrder } from "../domain/settlement";
import type { IncomingOrder, MatchResult, RestingOrder } from "../domain/types";

const FIRST_PAGE = 100;
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

function toResting(row: OrderRow): RestingOrder {
  if (row.price === null || row.quantity === null) throw new Error(`resting order ${row.id} has no price or quantity`);
  return {
    id: row.id.toString(),
    userId: row.userId,
    side: row.side,
    price: row.price,
    remaining: row.quantity - row.filledQuantity,
  };
}

/** The match could have gone further had the page been longer. */
function wantsMore(result: MatchResult, pageSize: number, loaded: number): boolean {
  if (loaded < pageSize) return false;
  const { outcome } = result;
  return outcome.kind === "REST" || (outcome.kind === "EXPIRE" && outcome.reason !== "SELF_TRADE_PREVENTION");
}

/**
 * Reads the crossing side of the book in growing pages and lets the pure matcher decide. Only
 * orders that cross are read, so a full page means there may be more to trade with.
 */
export async function findMatch(
  tx: Tx,
  market: MarketRow,
  incoming: IncomingOrder,
): Promise<{ result: MatchResult; makers: Map<string, SettlementOrder> }> {
  for (let pageSize = FIRST_PAGE; ; pageSize *= 4) {
    const rows = await findCrossingOrders(tx, {
      market: market.symbol,
      takerSide: incoming.side,
      limitPrice: incoming.type === "LIMIT" ? incoming.price : null,
      limit: pageSize,
    });
    let result = matchOrder(incoming, rows.map(toResting), market);
    const capped = pageSize >= MAX_MAKERS_PER_ORDER;
    if (!wantsMore(result, pageSize, rows.length) || capped) {
      // Never let a remainder rest while crossing orders we did not read remain on the book.
      if (capped && wantsMore(result, pageSize, rows.length) && result.outcome.kind === "REST") {
        result = { ...result, outcome: { kind: "EXPIRE", reason: "MATCH_LIMIT_REACHED" } };
      }
      return { result, makers: new Map(rows.map((r) => [r.id.toString(), toSettlementOrder(r)])) };
    }
  }
}
