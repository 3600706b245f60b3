import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import {
  ALL_ORDER_TYPES,
  CLOSE_REASONS,
  CONDITIONAL_TYPES,
  LIVE_STATES,
  OPEN_STATUSES,
  ORDER_STATES,
  SIDES,
  STP_MODES,
  TIME_IN_FORCE,
} from "@/domain/types";
import { markets } from "./assets";
import { amount, sqlList as list } from "./columns";
import { users } from "./users";

/** Types that execute at a limit price, and so carry one. */
const LIMIT_PRICED = ["LIMIT", "STOP_LIMIT", "TAKE_PROFIT_LIMIT"] as const;

export const orders = pgTable(
  "orders",
  {
    /** Assigned under the market lock, so id order is arrival order at the book: time priority. */
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    market: text("market")
      .notNull()
      .references(() => markets.symbol),
    clientOrderId: text("client_order_id").notNull(),
    side: text("side", { enum: SIDES }).notNull(),
    type: text("type", { enum: ALL_ORDER_TYPES }).notNull(),
    timeInForce: text("time_in_force", { enum: TIME_IN_FORCE }).notNull(),
    postOnly: boolean("post_only").notNull().default(false),
    selfTradePrevention: text("self_trade_prevention", { enum: STP_MODES }).notNull(),
    /** Null for market orders. */
    price: amount("price"),
    /** Base minor units; null only for a market buy by quote amount. */
    quantity: amount("quantity"),
    /** Market buy by quote amount: the budget, fees included. */
    quoteAmount: amount("quote_amount"),
    filledQuantity: amount("filled_quantity").notNull().default(sql`0`),
    /** Sum of fill notionals; average price = filledQuote / filledQuantity. */
    filledQuote: amount("filled_quote").notNull().default(sql`0`),
    feesPaid: amount("fees_paid").notNull().default(sql`0`),
    /** What this order still holds of the asset it spends (quote for buys, base for sells). */
    held: amount("held").notNull().default(sql`0`),
    status: text("status", { enum: ORDER_STATES }).notNull(),
    closeReason: text("close_reason", { enum: CLOSE_REASONS }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Time priority in the book: the id when the order is placed, a fresh id from the same sequence
     * when it enters the book later (a triggered conditional order, a price or quantity-up amend).
     * The default covers writers that do not set it (scripts); the batch always does.
     */
    priority: bigint("priority", { mode: "bigint" }).notNull().default(sql`nextval(pg_get_serial_sequence('orders', 'id'))`),
    /** Conditional orders: the trigger now (a trailing stop's follows its extreme; null until active). */
    triggerPrice: amount("trigger_price"),
    /** Trailing stops: the trail, as a price or in basis points (exactly one). */
    trailingDelta: amount("trailing_delta"),
    trailingBps: integer("trailing_bps"),
    activationPrice: amount("activation_price"),
    /** Trailing stops: the best trade price since activation. */
    trailExtreme: amount("trail_extreme"),
    /**
     * While PENDING: the trades that can concern the order are at or below wake_below, or at or
     * above wake_above (domain/trigger-state.ts). Derived from the fields above, kept here only to
     * be indexed: a batch reads the pending orders its trades wake, and nothing when none.
     */
    wakeBelow: amount("wake_below"),
    wakeAbove: amount("wake_above"),
    /** OCO: the other leg. */
    ocoOrderId: bigint("oco_order_id", { mode: "bigint" }).references((): AnyPgColumn => orders.id),
    triggeredAt: timestamp("triggered_at", { withTimezone: true }),
  },
  (t) => [
    unique("orders_user_client_order_id").on(t.userId, t.clientOrderId),
    check("orders_side_valid", sql`${t.side} in (${list(SIDES)})`),
    check("orders_type_valid", sql`${t.type} in (${list(ALL_ORDER_TYPES)})`),
    check("orders_tif_valid", sql`${t.timeInForce} in (${list(TIME_IN_FORCE)})`),
    check("orders_stp_valid", sql`${t.selfTradePrevention} in (${list(STP_MODES)})`),
    check("orders_status_valid", sql`${t.status} in (${list(ORDER_STATES)})`),
    check(
      "orders_amounts_nonnegative",
      sql`${t.filledQuantity} >= 0 and ${t.filledQuote} >= 0 and ${t.feesPaid} >= 0 and ${t.held} >= 0`,
    ),
    check("orders_filled_within_quantity", sql`${t.quantity} is null or ${t.filledQuantity} <= ${t.quantity}`),
    check("orders_limit_has_price", sql`(${t.type} in (${list(LIMIT_PRICED)})) = (${t.price} is not null)`),
    check("orders_price_positive", sql`${t.price} is null or ${t.price} > 0`),
    check("orders_size_given", sql`${t.quantity} is not null or ${t.quoteAmount} is not null`),
    check("orders_closed_hold_nothing", sql`${t.status} in (${list(LIVE_STATES)}) or ${t.held} = 0`),
    // Only a conditional order waits for a trigger, and it has traded nothing until it executes.
    check(
      "orders_pending_conditional",
      sql`${t.status} not in ('PENDING', 'TRIGGERED') or (${t.type} in (${list(CONDITIONAL_TYPES)}) and ${t.filledQuantity} = 0)`,
    ),
    // A stop or take-profit has its trigger; a trailing stop exactly one trail; the rest none of it.
    check(
      "orders_trigger_fields",
      sql`case
        when ${t.type} in ('LIMIT', 'MARKET') then ${t.triggerPrice} is null and ${t.trailingDelta} is null
          and ${t.trailingBps} is null and ${t.activationPrice} is null and ${t.trailExtreme} is null
        when ${t.type} = 'TRAILING_STOP' then (${t.trailingDelta} is null) <> (${t.trailingBps} is null)
        else ${t.triggerPrice} is not null and ${t.trailingDelta} is null and ${t.trailingBps} is null
          and ${t.activationPrice} is null and ${t.trailExtreme} is null end`,
    ),
    check("orders_wake_only_pending", sql`${t.status} = 'PENDING' or (${t.wakeBelow} is null and ${t.wakeAbove} is null)`),
    // The matcher reads the best bids: highest price first, then earliest.
    index("orders_book_bids_idx")
      .on(t.market, t.price.desc(), t.priority)
      .where(sql`${t.side} = 'BUY' and ${t.status} in (${list(OPEN_STATUSES)})`),
    // ... and the best asks: lowest price first, then earliest.
    index("orders_book_asks_idx")
      .on(t.market, t.price, t.priority)
      .where(sql`${t.side} = 'SELL' and ${t.status} in (${list(OPEN_STATUSES)})`),
    // A user's orders, newest first (order.list, cancelAll).
    index("orders_user_idx").on(t.userId, t.id.desc()),
    // Live orders per user for open orders, cancelAll and the audit of holds.
    index("orders_user_open_idx")
      .on(t.userId, t.market)
      .where(sql`${t.status} in (${list(LIVE_STATES)})`),
    // The batch's lock reads the highest wake_below and lowest wake_above of a market (one probe
    // each, nothing when none is pending), then the pending orders its trades reach.
    index("orders_pending_below_idx")
      .on(t.market, t.wakeBelow.desc())
      .where(sql`${t.status} = 'PENDING' and ${t.wakeBelow} is not null`),
    index("orders_pending_above_idx")
      .on(t.market, t.wakeAbove)
      .where(sql`${t.status} = 'PENDING' and ${t.wakeAbove} is not null`),
    // Fired orders waiting to execute, in firing order (normally none outside a batch).
    index("orders_triggered_idx").on(t.market, t.priority).where(sql`${t.status} = 'TRIGGERED'`),
  ],
);

export const trades = pgTable(
  "trades",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey().generatedAlwaysAsIdentity(),
    market: text("market")
      .notNull()
      .references(() => markets.symbol),
    price: amount("price").notNull(),
    quantity: amount("quantity").notNull(),
    quoteQuantity: amount("quote_quantity").notNull(),
    takerSide: text("taker_side", { enum: SIDES }).notNull(),
    makerOrderId: bigint("maker_order_id", { mode: "bigint" })
      .notNull()
      .references(() => orders.id),
    takerOrderId: bigint("taker_order_id", { mode: "bigint" })
      .notNull()
      .references(() => orders.id),
    makerUserId: uuid("maker_user_id")
      .notNull()
      .references(() => users.id),
    takerUserId: uuid("taker_user_id")
      .notNull()
      .references(() => users.id),
    makerFee: amount("maker_fee").notNull(),
    takerFee: amount("taker_fee").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("trades_positive", sql`${t.price} > 0 and ${t.quantity} > 0 and ${t.quoteQuantity} >= 0`),
    check("trades_fees_nonnegative", sql`${t.makerFee} >= 0 and ${t.takerFee} >= 0`),
    check("trades_two_orders", sql`${t.makerOrderId} <> ${t.takerOrderId}`),
    // Recent trades and candles of a market, by time.
    index("trades_market_time_idx").on(t.market, t.createdAt),
    index("trades_market_id_idx").on(t.market, t.id.desc()),
    // A user's own fills (account.trades), from either side.
    index("trades_maker_user_idx").on(t.makerUserId, t.id.desc()),
    index("trades_taker_user_idx").on(t.takerUserId, t.id.desc()),
  ],
);
