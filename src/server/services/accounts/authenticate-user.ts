import { dummyPasswordHash, verifyPassword } from "../../auth/password";
import { findUserByEmail } from "../../db/queries/users";
import type { DbOrTx } from "../../db/types";
import type { UserRole } from "../../db/schema";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  tokenVersion: number;
}

/**
 * Checks an email and password. Every miss costs one argon2 verification, whether the email is
 * unknown, belongs to an account without a password, or the password is wrong, so neither the
 * answer nor its timing tells which emails have accounts.
 */
export async function authenticateUser(db: DbOrTx, email: string, password: string): Promise<AuthenticatedUser | null> {
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash || !user.email) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, tokenVersion: user.tokenVersion };
}
