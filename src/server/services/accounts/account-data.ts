import { findBalances } from "../../db/queries/balances";
import { listUserOrders } from "../../db/queries/orders";
import { listUserTrades } from "../../db/queries/trades";
import { listMarkets, type MarketRow } from "../../db/queries/markets";
import { listAssets } from "../../db/queries/assets";
import type { DbOrTx } from "../../db/types";
import { DomainError } from "@/domain/errors";
import type { ServiceContext } from "../context";
import { findOwnOrderByRef, type OrderRef, parseOrderId } from "../trading/order-lookup";
import { type BalanceView, balanceView, type OrderView, orderView, type OwnTradeView, ownTradeView } from "../views";

/** Every asset, with zero where the user holds none, so clients need not special-case. */
export async function getBalances(ctx: ServiceContext, userId: string): Promise<BalanceView[]> {
  return loadBalances(ctx.db, userId);
}

/** The same, inside a caller's transaction (the balances stream's snapshot). */
export async function loadBalances(db: DbOrTx, userId: string): Promise<BalanceView[]> {
  const rows = await findBalances(db, userId);
  const allAssets = await listAssets(db);
  const bySymbol = new Map(rows.map((r) => [r.asset, r]));
  return allAssets.map((a) =>
    balanceView(bySymbol.get(a.symbol) ?? { userId, asset: a.symbol, available: 0n, held: 0n }, a.scale),
  );
}

async function marketsBySymbol(db: DbOrTx): Promise<Map<string, MarketRow>> {
  return new Map((await listMarkets(db)).map((m) => [m.symbol, m]));
}

function marketOf(markets: Map<string, MarketRow>, symbol: string): MarketRow {
  const market = markets.get(symbol);
  if (!market) throw new Error(`market ${symbol} of a stored row is missing`);
  return market;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

function page<T extends { id: string }>(items: T[], limit: number): Page<T> {
  const last = items[limit - 1];
  return { items: items.slice(0, limit), nextCursor: items.length > limit && last ? last.id : null };
}

function cursorId(cursor: string | undefined): bigint | undefined {
  if (cursor === undefined) return undefined;
  try {
    return parseOrderId(cursor);
  } catch {
    throw new DomainError("CURSOR_INVALID");
  }
}

export async function getOrder(ctx: ServiceContext, userId: string, ref: OrderRef): Promise<OrderView> {
  const row = await findOwnOrderByRef(ctx.db, userId, ref);
  return orderView(row, marketOf(await marketsBySymbol(ctx.db), row.market));
}

export async function listOrders(
  ctx: ServiceContext,
  params: { userId: string; market?: string; open: boolean; cursor?: string; limit: number },
): Promise<Page<OrderView>> {
  const markets = await marketsBySymbol(ctx.db);
  // One extra row tells whether another page exists.
  const rows = await listUserOrders(ctx.db, { ...params, beforeId: cursorId(params.cursor), limit: params.limit + 1 });
  return page(
    rows.map((r) => orderView(r, marketOf(markets, r.market))),
    params.limit,
  );
}

export async function listOwnTrades(
  ctx: ServiceContext,
  params: { userId: string; market?: string; cursor?: string; limit: number },
): Promise<Page<OwnTradeView>> {
  const markets = await marketsBySymbol(ctx.db);
  const rows = await listUserTrades(ctx.db, { ...params, beforeId: cursorId(params.cursor), limit: params.limit + 1 });
  return page(
    rows.map((r) => ownTradeView(r, marketOf(markets, r.market), params.userId)),
    params.limit,
  );
}
