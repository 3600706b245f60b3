import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The transactional outbox: written in the same transaction as the change it describes, read
 * by subscribers in seq order. seq is the durable, strictly increasing event id clients resume from.
 */
export const events = pgTable(
  "events",
  {
    seq: bigserial("seq", { mode: "bigint" }).primaryKey(),
    /** market:<SYMBOL> or user:<id>. */
    topic: text("topic").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Replay of one topic after a cursor.
    index("events_topic_seq_idx").on(t.topic, t.seq),
    // Retention pruning by age.
    index("events_created_at_idx").on(t.createdAt),
  ],
);
