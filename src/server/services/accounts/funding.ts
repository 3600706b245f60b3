import { applyBalanceDelta, type BalanceRow, debitAvailable } from "../../db/queries/balances";
import { appendEvents, type EventDraft } from "../../db/queries/events";
import { postJournals } from "../../db/queries/ledger";
import { findAssetScale } from "../../db/queries/assets";
import { findUserAuth } from "../../db/queries/users";
import { EXTERNAL_ACCOUNT_ID } from "../../db/system-accounts";
import { inTransaction } from "../../db/transaction";
import type { DbOrTx } from "../../db/types";
import { parseDecimal } from "@/domain/decimal";
import { DomainError } from "@/domain/errors";
import { afterCommit } from "../after-commit";
import { balanceEvents } from "../trading/book-events";
import type { ServiceContext } from "../context";
import { type BalanceView, balanceView } from "../views";

export interface FundingRequest {
  userId: string;
  asset: string;
  amount: string;
  /** Why: shown in the ledger's journal reference. */
  reference?: string;
}

/**
 * Deposits and withdrawals move money between a user and the EXTERNAL system account, so the
 * ledger as a whole still sums to zero and every balance equals the sum of its entries.
 */
export async function deposit(ctx: ServiceContext, request: FundingRequest): Promise<BalanceView> {
  return moveFunds(ctx, request, "DEPOSIT");
}

export async function withdraw(ctx: ServiceContext, request: FundingRequest): Promise<BalanceView> {
  return moveFunds(ctx, request, "WITHDRAWAL");
}

async function moveFunds(ctx: ServiceContext, request: FundingRequest, kind: "DEPOSIT" | "WITHDRAWAL"): Promise<BalanceView> {
  const scale = await assetScale(ctx.db, request.asset);
  const outcome = await inTransaction(ctx.db, (tx) => moveFundsInTransaction(tx, request, kind, scale));
  await afterCommit(ctx, { events: outcome.events, seq: outcome.seq, cacheKeys: [] });
  return balanceView(outcome.row, scale);
}

export interface FundsMoved {
  row: BalanceRow;
  events: EventDraft[];
  seq: bigint | null;
}

/**
 * The deposit or withdrawal itself, inside the caller's transaction, so that creating an account
 * and funding it (sign-up) commit together. The caller publishes `events` after its commit.
 */
export async function moveFundsInTransaction(
  tx: DbOrTx,
  request: FundingRequest,
  kind: "DEPOSIT" | "WITHDRAWAL",
  scale: number,
): Promise<FundsMoved> {
  const amount = parseDecimal(request.amount, scale);
  if (amount <= 0n) throw new DomainError("AMOUNT_NOT_POSITIVE");
  const user = await findUserAuth(tx, request.userId);
  if (!user || user.role === "system") throw new DomainError("USER_NOT_FOUND");
  const row =
    kind === "DEPOSIT"
      ? await applyBalanceDelta(tx, { userId: request.userId, asset: request.asset, available: amount, held: 0n })
      : await debitAvailable(tx, request.userId, request.asset, amount);
  if (!row) throw new DomainError("INSUFFICIENT_FUNDS");
  const signed = kind === "DEPOSIT" ? amount : -amount;
  await postJournals(tx, [
    {
      kind,
      reference: request.reference ?? null,
      entries: [
        { userId: request.userId, asset: request.asset, amount: signed },
        { userId: EXTERNAL_ACCOUNT_ID, asset: request.asset, amount: -signed },
      ],
    },
  ]);
  const events = balanceEvents([row], () => scale);
  return { row, events, seq: await appendEvents(tx, events) };
}

export async function assetScale(db: DbOrTx, symbol: string): Promise<number> {
  const scale = await findAssetScale(db, symbol);
  if (scale === null) throw new DomainError("ASSET_NOT_FOUND");
  return scale;
}
