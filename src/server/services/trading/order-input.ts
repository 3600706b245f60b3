import type { OrderRow } from "../../db/queries/orders";
import type { MarketRow } from "../../db/queries/markets";
import { executionTypeOf } from "@/domain/conditional";
import { parseDecimal } from "@/domain/decimal";
import type { OcoRequest } from "@/domain/oco";
import type { AnyOrderType, PlacedOrder, SelfTradePrevention, Side, TimeInForce } from "@/domain/types";

/** An order as a client sends it: decimal strings, optional fields defaulted here. */
export interface PlaceOrderRequest {
  userId: string;
  market: string;
  side: Side;
  type: AnyOrderType;
  timeInForce?: TimeInForce;
  postOnly?: boolean;
  price?: string;
  quantity?: string;
  quoteAmount?: string;
  clientOrderId?: string;
  selfTradePrevention?: SelfTradePrevention;
  /** Stops and take-profits. */
  triggerPrice?: string;
  /** Trailing stops: a price delta or basis points. */
  trailingDelta?: string;
  trailingBps?: number;
  activationPrice?: string;
}

export type ParsedOrder = Omit<PlacedOrder, "id">;

type Scales = Pick<MarketRow, "baseScale" | "quoteScale">;

/** Decimal strings to minor units at the market's scales; the domain then checks the rules. */
export function parseOrderRequest(request: PlaceOrderRequest, market: Scales): ParsedOrder {
  const parse = (text: string | undefined, scale: number) => (text === undefined ? null : parseDecimal(text, scale));
  return {
    userId: request.userId,
    side: request.side,
    type: request.type,
    // An order that executes at market never rests, so IOC is its natural default; the rest default to GTC.
    timeInForce: request.timeInForce ?? (executionTypeOf(request.type) === "MARKET" ? "IOC" : "GTC"),
    postOnly: request.postOnly ?? false,
    price: parse(request.price, market.quoteScale),
    quantity: parse(request.quantity, market.baseScale),
    quoteAmount: parse(request.quoteAmount, market.quoteScale),
    selfTradePrevention: request.selfTradePrevention ?? "EXPIRE_TAKER",
    triggerPrice: parse(request.triggerPrice, market.quoteScale),
    trailingDelta: parse(request.trailingDelta, market.quoteScale),
    trailingBps: request.trailingBps ?? null,
    activationPrice: parse(request.activationPrice, market.quoteScale),
  };
}

/** An OCO as a client sends it (see domain/oco.ts). */
export interface PlaceOcoRequest {
  userId: string;
  market: string;
  side: Side;
  quantity: string;
  /** The limit leg's price. */
  price: string;
  /** The stop leg's trigger. */
  triggerPrice: string;
  /** The stop leg's limit price; absent: a stop-market leg (sells only). */
  stopLimitPrice?: string;
  clientOrderId?: string;
  selfTradePrevention?: SelfTradePrevention;
}

export function parseOcoRequest(request: PlaceOcoRequest, market: Scales): OcoRequest {
  return {
    userId: request.userId,
    side: request.side,
    quantity: parseDecimal(request.quantity, market.baseScale),
    price: parseDecimal(request.price, market.quoteScale),
    triggerPrice: parseDecimal(request.triggerPrice, market.quoteScale),
    stopLimitPrice: request.stopLimitPrice === undefined ? null : parseDecimal(request.stopLimitPrice, market.quoteScale),
    selfTradePrevention: request.selfTradePrevention ?? "EXPIRE_TAKER",
  };
}

/**
 * An OCO's stop leg carries its limit leg's clientOrderId with this suffix: the slash is refused in
 * client-chosen ids, so no order of the client's own can collide with it.
 */
export const OCO_STOP_SUFFIX = "/stop";

/**
 * A retry carries the same order; anything else under a used clientOrderId is a conflict. A
 * trailing stop's trigger moves, so only what its owner set (trail, activation) is compared.
 */
export function isSameOrder(row: OrderRow, market: string, order: ParsedOrder): boolean {
  return (
    row.market === market &&
    row.ocoOrderId === null &&
    row.side === order.side &&
    row.type === order.type &&
    row.timeInForce === order.timeInForce &&
    row.postOnly === order.postOnly &&
    row.selfTradePrevention === order.selfTradePrevention &&
    row.price === order.price &&
    row.quantity === order.quantity &&
    row.quoteAmount === order.quoteAmount &&
    (row.type === "TRAILING_STOP" || row.triggerPrice === order.triggerPrice) &&
    row.trailingDelta === order.trailingDelta &&
    row.trailingBps === order.trailingBps &&
    row.activationPrice === order.activationPrice
  );
}

/** The same check for an OCO: both legs as the request would make them. */
export function isSameOco(limit: OrderRow, stop: OrderRow, market: string, oco: OcoRequest): boolean {
  return (
    limit.market === market &&
    limit.ocoOrderId === stop.id &&
    stop.ocoOrderId === limit.id &&
    limit.side === oco.side &&
    limit.quantity === oco.quantity &&
    limit.price === oco.price &&
    limit.selfTradePrevention === oco.selfTradePrevention &&
    stop.triggerPrice === oco.triggerPrice &&
    stop.price === oco.stopLimitPrice
  );
}
