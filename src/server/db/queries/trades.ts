import { and, desc, eq, lt, or } from "drizzle-orm";
import type { TradeDraft } from "@/domain/settlement";
import { trades } from "../schema";
import type { DbOrTx } from "../types";

export type TradeRow = typeof trades.$inferSelect;

export async function insertTrades(tx: DbOrTx, market: string, drafts: readonly TradeDraft[]): Promise<TradeRow[]> {
  if (drafts.length === 0) return [];
  return tx
    .insert(trades)
    .values(
      drafts.map((d) => ({
        market,
        price: d.price,
        quantity: d.quantity,
        quoteQuantity: d.quoteQuantity,
        takerSide: d.takerSide,
        makerOrderId: BigInt(d.makerOrderId),
        takerOrderId: BigInt(d.takerOrderId),
        makerUserId: d.makerUserId,
        takerUserId: d.takerUserId,
        makerFee: d.makerFee,
        takerFee: d.takerFee,
      })),
    )
    .returning();
}

export async function listMarketTrades(
  tx: DbOrTx,
  params: { market: string; limit: number; beforeId?: bigint },
): Promise<TradeRow[]> {
  return tx
    .select()
    .from(trades)
    .where(and(eq(trades.market, params.market), params.beforeId === undefined ? undefined : lt(trades.id, params.beforeId)))
    .orderBy(desc(trades.id))
    .limit(params.limit);
}

/** A user's fills from either side, newest first (served by the maker/taker user indexes). */
export async function listUserTrades(
  tx: DbOrTx,
  params: { userId: string; market?: string; limit: number; beforeId?: bigint },
): Promise<TradeRow[]> {
  return tx
    .select()
    .from(trades)
    .where(
      and(
        or(eq(trades.makerUserId, params.userId), eq(trades.takerUserId, params.userId)),
        params.market ? eq(trades.market, params.market) : undefined,
        params.beforeId === undefined ? undefined : lt(trades.id, params.beforeId),
      ),
    )
    .orderBy(desc(trades.id))
    .limit(params.limit);
}
