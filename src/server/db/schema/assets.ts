import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { MARKET_STATUSES, MAX_FEE_BPS } from "@/domain/types";
import { amount } from "./columns";

export const assets = pgTable(
  "assets",
  {
    symbol: text("symbol").primaryKey(),
    name: text("name").notNull(),
    /** Decimal places; fixed forever once the asset exists, since every amount depends on it. */
    scale: integer("scale").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("assets_scale_range", sql`${t.scale} between 0 and 18`),
    check("assets_symbol_format", sql`${t.symbol} ~ '^[A-Z0-9]{2,12}$'`),
  ],
);

export const markets = pgTable(
  "markets",
  {
    /** BASE-QUOTE, e.g. ACME-USD. */
    symbol: text("symbol").primaryKey(),
    baseAsset: text("base_asset")
      .notNull()
      .references(() => assets.symbol),
    quoteAsset: text("quote_asset")
      .notNull()
      .references(() => assets.symbol),
    /** Quote minor units per whole base unit. */
    priceTick: amount("price_tick").notNull(),
    /** Base minor units. */
    quantityStep: amount("quantity_step").notNull(),
    minQuantity: amount("min_quantity").notNull(),
    /** Quote minor units. */
    minNotional: amount("min_notional").notNull(),
    /** Fixed at creation so that holds taken under them stay sufficient. */
    makerFeeBps: integer("maker_fee_bps").notNull(),
    takerFeeBps: integer("taker_fee_bps").notNull(),
    status: text("status", { enum: MARKET_STATUSES }).notNull().default("OPEN"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("markets_tick_positive", sql`${t.priceTick} > 0`),
    check("markets_step_positive", sql`${t.quantityStep} > 0`),
    check("markets_min_quantity_positive", sql`${t.minQuantity} > 0`),
    check("markets_min_notional_nonnegative", sql`${t.minNotional} >= 0`),
    check(
      "markets_fees_range",
      sql`${t.makerFeeBps} between 0 and ${sql.raw(String(MAX_FEE_BPS))} and ${t.takerFeeBps} between 0 and ${sql.raw(String(MAX_FEE_BPS))}`,
    ),
    check("markets_distinct_assets", sql`${t.baseAsset} <> ${t.quoteAsset}`),
    check("markets_status_valid", sql`${t.status} in ('OPEN', 'HALTED')`),
  ],
);
