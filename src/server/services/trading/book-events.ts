import type { BalanceRow } from "../../db/queries/balances";
import type { EventDraft } from "../../db/queries/events";
import type { MarketRow } from "../../db/queries/markets";
import { levelQuantities, type OrderRow } from "../../db/queries/orders";
import type { DbOrTx } from "../../db/types";
import { formatDecimal } from "@/domain/decimal";
import type { Side } from "@/domain/types";
import { FEE_ACCOUNT_ID, EXTERNAL_ACCOUNT_ID } from "../../db/system-accounts";
import { balanceView, orderView } from "../views";

export const marketTopic = (symbol: string) => `market:${symbol}`;
export const userTopic = (userId: string) => `user:${userId}`;

type Level = [price: string, quantity: string];

/**
 * The absolute size of every touched price level, read inside the transaction after the writes,
 * so a client applying these diffs to a snapshot ends exactly where the book is (0 removes).
 */
export async function bookLevelEvent(
  tx: DbOrTx,
  market: MarketRow,
  touched: { side: Side; price: bigint }[],
): Promise<EventDraft | null> {
  if (touched.length === 0) return null;
  const sizes = await levelQuantities(tx, { market: market.symbol, levels: touched });
  const levels = (side: Side): Level[] =>
    [...new Set(touched.filter((t) => t.side === side).map((t) => t.price))].map((price) => [
      formatDecimal(price, market.quoteScale),
      formatDecimal(sizes.get(`${side}:${price}`) ?? 0n, market.baseScale),
    ]);
  return {
    topic: marketTopic(market.symbol),
    type: "book",
    payload: { market: market.symbol, bids: levels("BUY"), asks: levels("SELL") },
  };
}

export function orderEvents(orders: readonly OrderRow[], market: MarketRow): EventDraft[] {
  return orders.map((row) => ({ topic: userTopic(row.userId), type: "order", payload: orderView(row, market) }));
}

/** The last state of each changed balance of a real user (system accounts have no listeners). */
export function balanceEvents(rows: readonly BalanceRow[], scaleOf: (asset: string) => number): EventDraft[] {
  const latest = new Map<string, BalanceRow>();
  for (const row of rows) latest.set(`${row.userId}\u0000${row.asset}`, row);
  return [...latest.values()]
    .filter((row) => row.userId !== FEE_ACCOUNT_ID && row.userId !== EXTERNAL_ACCOUNT_ID)
    .map((row) => ({ topic: userTopic(row.userId), type: "balance", payload: balanceView(row, scaleOf(row.asset)) }));
}
