import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { assets } from "./assets";
import { amount } from "./columns";
import { users } from "./users";

/** Whose money, in which asset: a balance row and a ledger entry name their account alike. */
function accountColumns() {
  return {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    asset: text("asset")
      .notNull()
      .references(() => assets.symbol),
  };
}

/** What an account owns of an asset: free to use, and held by its open orders. */
export const balances = pgTable(
  "balances",
  {
    ...accountColumns(),
    available: amount("available").notNull().default(sql`0`),
    held: amount("held").notNull().default(sql`0`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.asset] }),
    check("balances_available_nonnegative", sql`${t.available} >= 0`),
    check("balances_held_nonnegative", sql`${t.held} >= 0`),
  ],
);

export const JOURNAL_KINDS = ["DEPOSIT", "WITHDRAWAL", "TRADE"] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** One business event that moved money; its entries sum to zero per asset. */
export const journals = pgTable("journals", {
  id: bigserial("id", { mode: "bigint" }).primaryKey(),
  kind: text("kind", { enum: JOURNAL_KINDS }).notNull(),
  /** What caused it: a trade id, or the admin's note for a deposit. */
  reference: text("reference"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    journalId: bigint("journal_id", { mode: "bigint" })
      .notNull()
      .references(() => journals.id),
    ...accountColumns(),
    /** Signed: credit positive, debit negative. */
    amount: amount("amount").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("ledger_entries_amount_nonzero", sql`${t.amount} <> 0`),
    // The audit sums entries per account and asset.
    index("ledger_entries_user_asset_idx").on(t.userId, t.asset),
    index("ledger_entries_journal_idx").on(t.journalId),
  ],
);
