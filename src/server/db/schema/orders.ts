import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { CLOSE_REASONS, ORDER_STATUSES, ORDER_TYPES, SIDES, STP_MODES, TIME_IN_FORCE } from "@/domain/types";
import { markets } from "./assets";
import { amount, sqlList as list } from "./columns";
import { users } from "./users";

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
    type: text("type", { enum: ORDER_TYPES }).notNull(),
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
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    closeReason: text("close_reason", { enum: CLOSE_REASONS }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("orders_user_client_order_id").on(t.userId, t.clientOrderId),
    check("orders_side_valid", sql`${t.side} in (${list(SIDES)})`),
    check("orders_type_valid", sql`${t.type} in (${list(ORDER_TYPES)})`),
    check("orders_tif_valid", sql`${t.timeInForce} in (${list(TIME_IN_FORCE)})`),
    check("orders_stp_valid", sql`${t.selfTradePrevention} in (${list(STP_MODES)})`),
    check("orders_status_valid", sql`${t.status} in (${list(ORDER_STATUSES)})`),
    check(
      "orders_amounts_nonnegative",
      sql`${t.filledQuantity} >= 0 and ${t.filledQuote} >= 0 and ${t.feesPaid} >= 0 and ${t.held} >= 0`,
    ),
    check("orders_filled_within_quantity", sql`${t.quantity} is null or ${t.filledQuantity} <= ${t.quantity}`),
    check("orders_limit_has_price", sql`(${t.type} = 'LIMIT') = (${t.price} is not null)`),
    check("orders_price_positive", sql`${t.price} is null or ${t.price} > 0`),
    check("orders_size_given", sql`${t.quantity} is not null or ${t.quoteAmount} is not null`),
    check("orders_closed_hold_nothing", sql`${t.status} in ('NEW', 'PARTIALLY_FILLED') or ${t.held} = 0`),
    // The matcher reads the best bids: highest price first, then oldest.
    index("orders_book_bids_idx")
      .on(t.market, t.price.desc(), t.id)
      .where(sql`${t.side} = 'BUY' and ${t.status} in ('NEW', 'PARTIALLY_FILLED')`),
    // ... and the best asks: lowest price first, then oldest.
    index("orders_book_asks_idx")
      .on(t.market, t.price, t.id)
      .where(sql`${t.side} = 'SELL' and ${t.status} in ('NEW', 'PARTIALLY_FILLED')`),
    // A user's orders, newest first (order.list, cancelAll).
    index("orders_user_idx").on(t.userId, t.id.desc()),
    // Open orders per user for cancelAll and the audit of holds.
    index("orders_user_open_idx").on(t.userId, t.market).where(sql`${t.status} in ('NEW', 'PARTIALLY_FILLED')`),
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
