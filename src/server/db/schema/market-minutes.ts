import { sql } from "drizzle-orm";
import { bigint, check, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { markets } from "./assets";
import { amount } from "./columns";

/**
 * One row per market and minute with trades, written in the same transaction as the trades.
 * The 24h ticker reads at most 1,441 of these instead of a day of trades, so order entry does not
 * slow down as a market gets busier. The audit checks it against the trades table.
 */
export const marketMinutes = pgTable(
  "market_minutes",
  {
    market: text("market")
      .notNull()
      .references(() => markets.symbol),
    /** Start of the UTC minute. */
    bucket: timestamp("bucket", { withTimezone: true }).notNull(),
    open: amount("open").notNull(),
    high: amount("high").notNull(),
    low: amount("low").notNull(),
    close: amount("close").notNull(),
    firstTradeId: bigint("first_trade_id", { mode: "bigint" }).notNull(),
    lastTradeId: bigint("last_trade_id", { mode: "bigint" }).notNull(),
    baseVolume: amount("base_volume").notNull(),
    quoteVolume: amount("quote_volume").notNull(),
    tradeCount: integer("trade_count").notNull(),
  },
  (t) => [
    // The primary key also serves the ticker's range scan (market, bucket >= now - 24h).
    primaryKey({ columns: [t.market, t.bucket] }),
    check("market_minutes_positive", sql`${t.tradeCount} > 0 and ${t.low} <= ${t.high}`),
  ],
);
