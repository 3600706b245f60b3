import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const USER_ROLES = ["trader", "admin", "system"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * People and the two system accounts (the external world for deposits/withdrawals, and the
 * fee collector). System accounts have no password and can never sign in.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Lower-cased and trimmed before it is stored; unique. Null for system accounts. */
    email: text("email").unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    role: text("role", { enum: USER_ROLES }).notNull().default("trader"),
    /** Bumped to revoke every session token issued before. */
    tokenVersion: integer("token_version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("users_role_valid", sql`${t.role} in ('trader', 'admin', 'system')`)],
);
