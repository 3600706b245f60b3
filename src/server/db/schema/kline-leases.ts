import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Which instance ingests each live kline stream. A lease, not a lock held on a connection: the
 * holder renews it well before `expires_at`, and an instance that dies loses it by the clock,
 * so another takes over within one lease. Times are the database's own (now()), the one clock
 * every instance shares. One holder per stream keeps one socket and, above all, one gap fill's
 * REST requests per stream, whatever the number of instances.
 */
export const klineStreamLeases = pgTable("kline_stream_leases", {
  /** The stream's name, `btcusdt@kline_1m`. */
  stream: text("stream").primaryKey(),
  /** A random id per process. */
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});
