import type { OrderRow } from "../../db/queries/orders";
import type { MarketRow } from "../../db/queries/markets";
import { parseDecimal } from "@/domain/decimal";
import type { IncomingOrder, OrderType, SelfTradePrevention, Side, TimeInForce } from "@/domain/types";

/** An order as a client sends it: decimal strings, optional fields defaulted here. */
export interface PlaceOrderRequest {
  userId: string;
  market: string;
  side: Side;
  type: OrderType;
  timeInForce?: TimeInForce;
  postOnly?: boolean;
  price?: string;
  quantity?: string;
  quoteAmount?: string;
  clientOrderId?: string;
  selfTradePrevention?: SelfTradePrevention;
}

export type ParsedOrder = Omit<IncomingOrder, "id">;

/** Decimal strings to minor units at the market's scales; the domain then checks the rules. */
export function parseOrderRequest(request: PlaceOrderRequest, market: Pick<MarketRow, "baseScale" | "quoteScale">): ParsedOrder {
  const parse = (text: string | undefined, scale: number) => (text === undefined ? null : parseDecimal(text, scale));
  return {
    userId: request.userId,
    side: request.side,
    type: request.type,
    // A market order never rests, so IOC is its natural default; limits default to GTC.
    timeInForce: request.timeInForce ?? (request.type === "MARKET" ? "IOC" : "GTC"),
    postOnly: request.postOnly ?? false,
    price: parse(request.price, market.quoteScale),
    quantity: parse(request.quantity, market.baseScale),
    quoteAmount: parse(request.quoteAmount, market.quoteScale),
    selfTradePrevention: request.selfTradePrevention ?? "EXPIRE_TAKER",
  };
}

/** A retry carries the same order; anything else under a used clientOrderId is a conflict. */
export function isSameOrder(row: OrderRow, market: string, order: ParsedOrder): boolean {
  return (
    row.market === market &&
    row.side === order.side &&
    row.type === order.type &&
    row.timeInForce === order.timeInForce &&
    row.postOnly === order.postOnly &&
    row.selfTradePrevention === order.selfTradePrevention &&
    row.price === order.price &&
    row.quantity === order.quantity &&
    row.quoteAmount === order.quoteAmount
  );
}
