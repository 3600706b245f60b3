import { and, eq, ne, sql } from "drizzle-orm";
import { type UserRole, users } from "../schema";
import type { DbOrTx } from "../types";

export interface UserAuthRow {
  id: string;
  role: UserRole;
  tokenVersion: number;
}

export interface UserCredentialsRow extends UserAuthRow {
  email: string | null;
  name: string;
  passwordHash: string | null;
}

/** Looked up by the normalised email; system accounts have none, so they never match. */
export async function findUserByEmail(tx: DbOrTx, email: string): Promise<UserCredentialsRow | null> {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      tokenVersion: users.tokenVersion,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(and(eq(users.email, email), ne(users.role, "system")));
  return row ?? null;
}

/** What every authenticated request re-checks: the role now, and whether old sessions were revoked. */
export async function findUserAuth(tx: DbOrTx, id: string): Promise<UserAuthRow | null> {
  const [row] = await tx
    .select({ id: users.id, role: users.role, tokenVersion: users.tokenVersion })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

/** Inserts a trader; null when the email is taken (the unique index decides, so races are safe). */
export async function insertTrader(
  tx: DbOrTx,
  values: { email: string; name: string; passwordHash: string },
): Promise<{ id: string; email: string; name: string } | null> {
  const [row] = await tx
    .insert(users)
    .values({ ...values, role: "trader" })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, name: users.name });
  return row ? { ...row, email: values.email } : null;
}

/** Invalidates every session token issued to the user so far. */
export async function bumpTokenVersion(tx: DbOrTx, id: string): Promise<number | null> {
  const [row] = await tx
    .update(users)
    .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(and(eq(users.id, id), ne(users.role, "system")))
    .returning({ tokenVersion: users.tokenVersion });
  return row?.tokenVersion ?? null;
}

/** Locks the user's row against concurrent changes of what it owns (API keys), not against trading. */
export async function lockUser(tx: DbOrTx, id: string): Promise<UserAuthRow | null> {
  const [row] = await tx
    .select({ id: users.id, role: users.role, tokenVersion: users.tokenVersion })
    .from(users)
    .where(eq(users.id, id))
    .for("no key update");
  return row ?? null;
}

export async function findProfile(
  tx: DbOrTx,
  id: string,
): Promise<{ id: string; email: string | null; name: string; role: UserRole } | null> {
  const [row] = await tx
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}
