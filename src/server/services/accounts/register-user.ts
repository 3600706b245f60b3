import { getEnv } from "@/env";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/domain/credentials";
import { hashPassword } from "../../auth/password";
import { insertTrader } from "../../db/queries/users";
import { DomainError } from "@/domain/errors";
import { logger } from "../../logger";
import type { ServiceContext } from "../context";
import type { EventDraft } from "../../db/queries/events";
import { inTransaction } from "../../db/transaction";
import { parseDecimal } from "@/domain/decimal";
import { afterCommit } from "../after-commit";
import { assetScale, moveFundsInTransaction } from "./funding";

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
  const funds = await honourableFunds(ctx, request.startingFunds ?? parseFunds(getEnv().SIGNUP_FUNDS));
  // The account and its starting balance commit together: no account is ever left unfunded.
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const user = await insertTrader(tx, { email: request.email, name, passwordHash });
    if (!user) throw new DomainError("EMAIL_TAKEN");
    const events: EventDraft[] = [];
    let seq: bigint | null = null;
    for (const { asset, amount, scale } of funds) {
      // The journal reference names the sign-up, so the ledger says why the money arrived.
      const moved = await moveFundsInTransaction(
        tx,
        { userId: user.id, asset, amount, reference: `signup:${user.id}:${asset}` },
        "DEPOSIT",
        scale,
      );
      events.push(...moved.events);
      seq = moved.seq ?? seq;
    }
    return { user, events, seq };
  });
  await afterCommit(ctx, { events: outcome.events, seq: outcome.seq, cacheKeys: [] });
  return outcome.user;
}

/**
 * A SIGNUP_FUNDS entry this deployment cannot honour (unknown asset, too many decimals) is left
 * out, with a warning, rather than making every sign-up fail.
 */
async function honourableFunds(ctx: ServiceContext, funds: Record<string, string>) {
  const usable: { asset: string; amount: string; scale: number }[] = [];
  for (const [asset, amount] of Object.entries(funds)) {
    try {
      const scale = await assetScale(ctx.db, asset);
      if (parseDecimal(amount, scale) > 0n) usable.push({ asset, amount, scale });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.warn({ asset, amount, code: error.code }, "SIGNUP_FUNDS entry skipped");
    }
  }
  return usable;
}

/** Length is the rule that matters (NIST 800-63B); the rest catches inputs long enough yet trivial. */
function checkPasswordStrength(password: string, email: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new DomainError("WEAK_PASSWORD", `Use between ${MIN_PASSWORD_LENGTH} and ${MAX_PASSWORD_LENGTH} characters.`);
  }
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
