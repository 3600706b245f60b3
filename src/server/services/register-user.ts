import { getEnv } from "@/env";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/credentials";
import { hashPassword } from "../auth/password";
import { insertTrader } from "../db/queries/users";
import { DomainError } from "../domain/errors";
import { logger } from "../logger";
import type { ServiceContext } from "./context";
import { deposit } from "./funding";

export interface RegisterRequest {
  /** Already normalised (lib/credentials emailInput). */
  email: string;
  password: string;
  name?: string;
  /** What the new account is given to try trading; default SIGNUP_FUNDS. */
  startingFunds?: Record<string, string>;
}

export interface RegisteredUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Creates a trader and funds it with the demo starting balance, each a deposit from the external
 * system account, so the ledger stays balanced. The password is hashed before the email is looked
 * at, so a taken email answers no faster than a free one.
 */
export async function registerUser(ctx: ServiceContext, request: RegisterRequest): Promise<RegisteredUser> {
  checkPasswordStrength(request.password, request.email);
  const passwordHash = await hashPassword(request.password);
  const name = request.name ?? (request.email.split("@")[0] || "Trader").slice(0, 60);
  const user = await insertTrader(ctx.db, { email: request.email, name, passwordHash });
  if (!user) throw new DomainError("EMAIL_TAKEN");
  const funds = request.startingFunds ?? parseFunds(getEnv().SIGNUP_FUNDS);
  for (const [asset, amount] of Object.entries(funds)) {
    // The journal reference names the sign-up, so the ledger says why the money arrived.
    await deposit(ctx, { userId: user.id, asset, amount, reference: `signup:${user.id}:${asset}` }).catch((error: unknown) => {
      // A SIGNUP_FUNDS entry this deployment cannot honour (unknown asset, too many decimals)
      // leaves the account unfunded in that asset, not unusable; anything else is a real failure.
      if (!(error instanceof DomainError)) throw error;
      logger.warn({ asset, amount, code: error.code }, "SIGNUP_FUNDS entry skipped");
    });
  }
  return user;
}

/** Length is the rule that matters (NIST 800-63B); the rest catches inputs long enough yet trivial. */
function checkPasswordStrength(password: string, email: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) throw new DomainError("WEAK_PASSWORD");
  const lower = password.toLowerCase();
  const isFewCharacters = new Set(lower).size <= 2;
  const isEmail = lower === email || lower === email.split("@")[0];
  const isSequence = "01234567890123456789".includes(lower) || "abcdefghijklmnopqrstuvwxyz".includes(lower);
  if (isFewCharacters || isEmail || isSequence || lower.startsWith("password")) {
    throw new DomainError("WEAK_PASSWORD", "The password is too easy to guess: use a longer or less predictable one.");
  }
}

export function parseFunds(spec: string): Record<string, string> {
  if (!spec) return {};
  return Object.fromEntries(spec.split(",").map((pair) => pair.split("=") as [string, string]));
}
