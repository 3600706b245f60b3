import { matchOrder } from "@/domain/matcher";
import type { IncomingOrder, MatchResult } from "@/domain/types";
import type { BatchState } from "./batch-state";
import { MAX_MAKERS_PER_ORDER } from "./settlement-orders";

/** Most takers trade with one or two makers: read a little first, then four times more each time. */
const FIRST_PAGE = 16;

/** The match could have gone further had more of the book been read. */
function wantsMore(result: MatchResult): boolean {
  const { outcome } = result;
  return outcome.kind === "REST" || (outcome.kind === "EXPIRE" && outcome.reason !== "SELF_TRADE_PREVENTION");
}

/**
 * Matches against the batch's view of the book, reading further pages of the stored side only
 * while the outcome could change with them (growing, bounded like the one-order path).
 */
export async function matchInBatch(state: BatchState, incoming: IncomingOrder): Promise<MatchResult> {
  const book = state.takerBook(incoming.side);
  const limit = incoming.type === "LIMIT" ? incoming.price : null;
  for (let pageSize = FIRST_PAGE; ; pageSize = Math.min(pageSize * 4, MAX_MAKERS_PER_ORDER)) {
    const result = matchOrder(incoming, book.crossing(limit), state.market);
    if (book.coversLimit(limit) || !wantsMore(result)) return result;
    if (book.storedCount >= MAX_MAKERS_PER_ORDER) {
      // Never let a remainder rest while crossing orders we did not read remain on the book.
      return result.outcome.kind === "REST" ? { ...result, outcome: { kind: "EXPIRE", reason: "MATCH_LIMIT_REACHED" } } : result;
    }
    await state.loadPage(book.side, limit, pageSize);
  }
}
