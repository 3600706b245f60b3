import { ALL_ORDER_TYPES, CLOSE_REASONS, ORDER_STATES, SIDES, STP_MODES, TIME_IN_FORCE } from "@/domain/types";
import type { OrderRow } from "./orders";

export type { OrderRow };

/**
 * An order row as a JSON array of text (and a boolean and an integer), for queries that return orders inside
 * another statement's result: amounts as text, because a JSON number would lose digits past 2^53.
 * The columns of `o`, in the order orderFromTuple reads them.
 */
export const ORDER_TUPLE = [
  "o.id::text",
  "o.user_id",
  "o.market",
  "o.client_order_id",
  "o.side",
  "o.type",
  "o.time_in_force",
  "o.post_only",
  "o.self_trade_prevention",
  "o.price::text",
  "o.quantity::text",
  "o.quote_amount::text",
  "o.filled_quantity::text",
  "o.filled_quote::text",
  "o.fees_paid::text",
  "o.held::text",
  "o.status",
  "o.close_reason",
  "(extract(epoch from o.created_at) * 1000)::bigint::text",
  "(extract(epoch from o.updated_at) * 1000)::bigint::text",
  "o.priority::text",
  "o.trigger_price::text",
  "o.trailing_delta::text",
  "o.trailing_bps",
  "o.activation_price::text",
  "o.trail_extreme::text",
  "o.wake_below::text",
  "o.wake_above::text",
  "o.oco_order_id::text",
  "(extract(epoch from o.triggered_at) * 1000)::bigint::text",
].join(", ");

function oneOf<T extends string>(values: readonly T[], value: unknown): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`unexpected value ${String(value)} in an order row`);
  return found;
}

const big = (value: unknown) => BigInt(String(value));
const bigOrNull = (value: unknown) => (value === null ? null : big(value));

export function orderFromTuple(t: readonly unknown[]): OrderRow {
  return {
    id: big(t[0]),
    userId: String(t[1]),
    market: String(t[2]),
    clientOrderId: String(t[3]),
    side: oneOf(SIDES, t[4]),
    type: oneOf(ALL_ORDER_TYPES, t[5]),
    timeInForce: oneOf(TIME_IN_FORCE, t[6]),
    postOnly: t[7] === true,
    selfTradePrevention: oneOf(STP_MODES, t[8]),
    price: bigOrNull(t[9]),
    quantity: bigOrNull(t[10]),
    quoteAmount: bigOrNull(t[11]),
    filledQuantity: big(t[12]),
    filledQuote: big(t[13]),
    feesPaid: big(t[14]),
    held: big(t[15]),
    status: oneOf(ORDER_STATES, t[16]),
    closeReason: t[17] === null ? null : oneOf(CLOSE_REASONS, t[17]),
    createdAt: new Date(Number(t[18])),
    updatedAt: new Date(Number(t[19])),
    priority: big(t[20]),
    triggerPrice: bigOrNull(t[21]),
    trailingDelta: bigOrNull(t[22]),
    trailingBps: t[23] === null ? null : Number(t[23]),
    activationPrice: bigOrNull(t[24]),
    trailExtreme: bigOrNull(t[25]),
    wakeBelow: bigOrNull(t[26]),
    wakeAbove: bigOrNull(t[27]),
    ocoOrderId: bigOrNull(t[28]),
    triggeredAt: t[29] === null ? null : new Date(Number(t[29])),
  };
}
