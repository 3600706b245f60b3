import { sql } from "drizzle-orm";
import { bigint, check, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { CANDLE_INTERVALS } from "@/domain/candles";
import { markets } from "./assets";
import { amount, sqlList } from "./columns";

/**
 * Candles imported from outside (Binance's kline files), kept apart from the candles Bourse
 * builds from its own trades so that neither can be mistaken for the other. Written by the
 * research import outside any market lock; the foreign key takes only KEY SHARE on the market
 * row, which order entry's NO KEY UPDATE lock does not wait for.
 */
export const importedCandles = pgTable(
  "imported_candles",
  {
    market: text("market")
      .notNull()
      .references(() => markets.symbol),
    interval: text("interval", { enum: CANDLE_INTERVALS }).notNull(),
    openTime: timestamp("open_time", { withTimezone: true }).notNull(),
    /** Quote minor units, on the market's tick. */
    open: amount("open").notNull(),
    high: amount("high").notNull(),
    low: amount("low").notNull(),
    close: amount("close").notNull(),
    /** Base minor units. */
    baseVolume: amount("base_volume").notNull(),
    /** Quote minor units. */
    quoteVolume: amount("quote_volume").notNull(),
    tradeCount: bigint("trade_count", { mode: "number" }).notNull(),
    takerBuyBaseVolume: amount("taker_buy_base_volume").notNull(),
    takerBuyQuoteVolume: amount("taker_buy_quote_volume").notNull(),
    /** Where the row came from: `binance:BTCUSDT`, or the file's name. */
    source: text("source").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The key is the idempotency of the import (a row already there is left as it is), and it
    // serves the chart's range read (market, interval, open_time between ...).
    primaryKey({ columns: [t.market, t.interval, t.openTime] }),
    check("imported_candles_interval_valid", sql`${t.interval} in (${sqlList(CANDLE_INTERVALS)})`),
    check(
      "imported_candles_prices_ordered",
      sql`${t.low} > 0 and ${t.low} <= ${t.open} and ${t.low} <= ${t.close} and ${t.open} <= ${t.high} and ${t.close} <= ${t.high}`,
    ),
    check(
      "imported_candles_volumes_valid",
      sql`${t.tradeCount} >= 0 and ${t.takerBuyBaseVolume} >= 0 and ${t.takerBuyBaseVolume} <= ${t.baseVolume} and ${t.takerBuyQuoteVolume} >= 0 and ${t.takerBuyQuoteVolume} <= ${t.quoteVolume}`,
    ),
  ],
);
