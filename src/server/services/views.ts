import type { BalanceRow } from "../db/queries/balances";
import type { MarketRow } from "../db/queries/markets";
import type { OrderRow } from "../db/queries/orders";
import type { TradeRow } from "../db/queries/trades";
import { isConditional } from "../../domain/conditional";
import { divFloor, formatDecimal, pow10 } from "../../domain/decimal";
import { publicStatus, type TriggerStatus } from "../../domain/types";

/**
 * What leaves the server: decimal strings for every amount, ISO strings for times, string ids.
 * The same shapes go to tRPC callers and into event payloads, so live and fetched data agree.
 */

export type Scales = Pick<MarketRow, "baseScale" | "quoteScale" | "quoteAsset">;

const optional = (value: bigint | null, scale: number) => (value === null ? null : formatDecimal(value, scale));

/** A conditional order's trigger as its owner sees it: waiting, fired (then it executes as any order), or closed unfired. */
function triggerStatusOf(row: OrderRow): TriggerStatus | null {
  if (!isConditional(row.type)) return null;
  if (row.status === "PENDING") return "PENDING";
  return row.status === "TRIGGERED" || row.triggeredAt !== null ? "TRIGGERED" : "NOT_TRIGGERED";
}

export function orderView(row: OrderRow, market: Scales) {
  const average = row.filledQuantity > 0n ? divFloor(row.filledQuote * pow10(market.baseScale), row.filledQuantity) : null;
  return {
    id: row.id.toString(),
    clientOrderId: row.clientOrderId,
    market: row.market,
    side: row.side,
    type: row.type,
    timeInForce: row.timeInForce,
    postOnly: row.postOnly,
    selfTradePrevention: row.selfTradePrevention,
    price: optional(row.price, market.quoteScale),
    quantity: optional(row.quantity, market.baseScale),
    quoteAmount: optional(row.quoteAmount, market.quoteScale),
    filledQuantity: formatDecimal(row.filledQuantity, market.baseScale),
    filledQuote: formatDecimal(row.filledQuote, market.quoteScale),
    averagePrice: optional(average, market.quoteScale),
    fees: formatDecimal(row.feesPaid, market.quoteScale),
    // A conditional order waiting for (or just past) its trigger is NEW to clients; triggerStatus says which.
    status: publicStatus(row.status),
    closeReason: row.closeReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    triggerStatus: triggerStatusOf(row),
    /** The trigger now: a trailing stop's follows the best price since it became active. */
    triggerPrice: optional(row.triggerPrice, market.quoteScale),
    trailingDelta: optional(row.trailingDelta, market.quoteScale),
    trailingBps: row.trailingBps,
    activationPrice: optional(row.activationPrice, market.quoteScale),
    /** A trailing stop's best price since activation. */
    trailingExtreme: optional(row.trailExtreme, market.quoteScale),
    /** The other leg of its OCO. */
    ocoOrderId: row.ocoOrderId === null ? null : row.ocoOrderId.toString(),
    triggeredAt: row.triggeredAt === null ? null : row.triggeredAt.toISOString(),
  };
}
export type OrderView = ReturnType<typeof orderView>;

export function publicTradeView(row: TradeRow, market: Scales) {
  return {
    id: row.id.toString(),
    market: row.market,
    price: formatDecimal(row.price, market.quoteScale),
    quantity: formatDecimal(row.quantity, market.baseScale),
    quoteQuantity: formatDecimal(row.quoteQuantity, market.quoteScale),
    takerSide: row.takerSide,
    time: row.createdAt.toISOString(),
  };
}
export type PublicTradeView = ReturnType<typeof publicTradeView>;

/** One user's side of a trade: which order was theirs, their fee, maker or taker. */
export function ownTradeView(row: TradeRow, market: Scales, userId: string) {
  const isMaker = row.makerUserId === userId;
  const side = isMaker ? (row.takerSide === "BUY" ? "SELL" : "BUY") : row.takerSide;
  return {
    ...publicTradeView(row, market),
    orderId: (isMaker ? row.makerOrderId : row.takerOrderId).toString(),
    side,
    liquidity: isMaker ? ("MAKER" as const) : ("TAKER" as const),
    fee: formatDecimal(isMaker ? row.makerFee : row.takerFee, market.quoteScale),
    feeAsset: market.quoteAsset,
  };
}
export type OwnTradeView = ReturnType<typeof ownTradeView>;

export function balanceView(row: BalanceRow, scale: number) {
  return {
    asset: row.asset,
    available: formatDecimal(row.available, scale),
    held: formatDecimal(row.held, scale),
    total: formatDecimal(row.available + row.held, scale),
  };
}
export type BalanceView = ReturnType<typeof balanceView>;

export function marketView(row: MarketRow) {
  return {
    symbol: row.symbol,
    baseAsset: row.baseAsset,
    quoteAsset: row.quoteAsset,
    baseScale: row.baseScale,
    quoteScale: row.quoteScale,
    priceTick: formatDecimal(row.priceTick, row.quoteScale),
    quantityStep: formatDecimal(row.quantityStep, row.baseScale),
    minQuantity: formatDecimal(row.minQuantity, row.baseScale),
    minNotional: formatDecimal(row.minNotional, row.quoteScale),
    makerFeeBps: row.makerFeeBps,
    takerFeeBps: row.takerFeeBps,
    status: row.status,
  };
}
export type MarketView = ReturnType<typeof marketView>;
