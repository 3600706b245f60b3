/**
 * Domain vocabulary shared by the pure engine and the services. All amounts are bigint
 * minor units. A price is quote minor units per ONE WHOLE base unit, so the quote value of
 * `quantity` base minor units at `price` is price * quantity / 10^baseScale.
 */
export const SIDES = ["BUY", "SELL"] as const;
export type Side = (typeof SIDES)[number];

/** What the matcher executes: every order trades as one of these, a conditional one once triggered. */
export const ORDER_TYPES = ["LIMIT", "MARKET"] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/**
 * Orders that wait for the last trade price to reach a trigger, then execute as a limit (the
 * `_LIMIT` types, at their price) or a market order (the rest). See conditional.ts.
 */
export const CONDITIONAL_TYPES = [
  "STOP_MARKET",
  "STOP_LIMIT",
  "TAKE_PROFIT_MARKET",
  "TAKE_PROFIT_LIMIT",
  "TRAILING_STOP",
] as const;
export type ConditionalType = (typeof CONDITIONAL_TYPES)[number];

/** Every type an order may be placed as. */
export const ALL_ORDER_TYPES = [...ORDER_TYPES, ...CONDITIONAL_TYPES] as const;
export type AnyOrderType = (typeof ALL_ORDER_TYPES)[number];

export const TIME_IN_FORCE = ["GTC", "IOC", "FOK"] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

export const STP_MODES = ["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"] as const;
export type SelfTradePrevention = (typeof STP_MODES)[number];

/** An order's lifecycle as clients see it (Binance's words): a conditional order waiting for its trigger is NEW. */
export const ORDER_STATUSES = ["NEW", "PARTIALLY_FILLED", "FILLED", "CANCELED", "REJECTED", "EXPIRED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * What the store records: the statuses, plus the two states of a conditional order before it
 * executes, kept apart so that nothing reading the book can meet one. Clients see them as NEW with
 * a trigger status (see publicStatus).
 */
export const ORDER_STATES = [
  ...ORDER_STATUSES,
  /** Waiting for its trigger: it holds its funds but is not in the book. */
  "PENDING",
  /** Its trigger fired; it executes next, in firing order (normally in the same transaction). */
  "TRIGGERED",
] as const;
export type OrderState = (typeof ORDER_STATES)[number];
/** In the book: what takers can trade with. */
export const OPEN_STATUSES: readonly OrderStatus[] = ["NEW", "PARTIALLY_FILLED"];
/** Still alive: holds funds, listed as open, cancelable by its owner. */
export const LIVE_STATES: readonly OrderState[] = [...OPEN_STATUSES, "PENDING", "TRIGGERED"];

/** A conditional order's trigger as clients see it; null for limit and market orders. */
export const TRIGGER_STATUSES = ["PENDING", "TRIGGERED", "NOT_TRIGGERED"] as const;
export type TriggerStatus = (typeof TRIGGER_STATUSES)[number];

export function publicStatus(state: OrderState): OrderStatus {
  return state === "PENDING" || state === "TRIGGERED" ? "NEW" : state;
}

/** Why an order ended other than by filling or by its owner's cancel. */
export const CLOSE_REASONS = [
  "IOC_REMAINDER",
  "FOK_NOT_FILLABLE",
  "MARKET_REMAINDER",
  "SELF_TRADE_PREVENTION",
  "POST_ONLY_WOULD_TAKE",
  "CANCELED_BY_USER",
  "CANCELED_BY_ADMIN",
  /** The order crossed more resting orders than one command may match; the rest expired rather than rest crossed. */
  "MATCH_LIMIT_REACHED",
  /** The other leg of its OCO traded, so this one was canceled. */
  "OCO_OTHER_LEG_FILLED",
  /** The other leg of its OCO (the stop) triggered, so this one was canceled. */
  "OCO_OTHER_LEG_TRIGGERED",
  /** The other leg of its OCO ended without trading (self-trade prevention expired it), so this one was canceled. */
  "OCO_OTHER_LEG_CLOSED",
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const MARKET_STATUSES = ["OPEN", "HALTED"] as const;
/** The highest maker or taker fee a market may charge: 10%, in basis points. */
export const MAX_FEE_BPS = 1_000;
export type MarketStatus = (typeof MARKET_STATUSES)[number];

export interface MarketRules {
  baseScale: number;
  quoteScale: number;
  /** Quote minor units; every limit price is a positive multiple. */
  priceTick: bigint;
  /** Base minor units; every quantity is a positive multiple. */
  quantityStep: bigint;
  minQuantity: bigint;
  /** Quote minor units. */
  minNotional: bigint;
  makerFeeBps: number;
  takerFeeBps: number;
}

/** A resting order as the matcher sees it: the opposite side, best first (price, then time). */
export interface RestingOrder {
  id: string;
  userId: string;
  side: Side;
  price: bigint;
  /** Base minor units still open. */
  remaining: bigint;
}

export interface IncomingOrder {
  id: string;
  userId: string;
  side: Side;
  type: OrderType;
  timeInForce: TimeInForce;
  postOnly: boolean;
  /** Required for LIMIT, absent for MARKET. */
  price: bigint | null;
  /** Base minor units. Null only for a market buy by quote amount. */
  quantity: bigint | null;
  /** Market buy only: quote minor units to spend, fees included. */
  quoteAmount: bigint | null;
  selfTradePrevention: SelfTradePrevention;
}

/** The trigger fields of an order as placed: all null for LIMIT and MARKET (see conditional-rules.ts). */
export interface TriggerFields {
  /** Stops and take-profits: the last trade price that fires them. */
  triggerPrice: bigint | null;
  /** Trailing stops: the trail as a price (quote minor units) ... */
  trailingDelta: bigint | null;
  /** ... or in basis points of the best price since activation; exactly one of the two. */
  trailingBps: number | null;
  /** Trailing stops: the price that starts the trail (null: at once). */
  activationPrice: bigint | null;
}

/** An order as its owner places it, of any type; it executes as `executionTypeOf(type)`. */
export interface PlacedOrder extends Omit<IncomingOrder, "type">, TriggerFields {
  type: AnyOrderType;
}

export interface Fill {
  makerOrderId: string;
  makerUserId: string;
  price: bigint;
  quantity: bigint;
  /** floor(price * quantity / 10^baseScale). */
  quoteQuantity: bigint;
  takerFee: bigint;
  makerFee: bigint;
}

export interface MatchResult {
  fills: Fill[];
  /** Resting orders that self-trade prevention expired (EXPIRE_MAKER / EXPIRE_BOTH). */
  expiredMakerIds: string[];
  /** Base minor units the taker filled in total. */
  filledQuantity: bigint;
  /** Quote minor units across fills (notional, fees excluded). */
  filledQuote: bigint;
  /** What happens to the taker after matching. */
  outcome: TakerOutcome;
}

export type TakerOutcome =
  /** Fully filled. */
  | { kind: "FILLED" }
  /** Limit GTC remainder rests on the book. */
  | { kind: "REST"; remaining: bigint }
  /** Remainder ends without resting (IOC, market, FOK, self-trade prevention). */
  | { kind: "EXPIRE"; reason: CloseReason }
  /** Post-only that would have taken: nothing traded. */
  | { kind: "REJECT"; reason: "POST_ONLY_WOULD_TAKE" };
