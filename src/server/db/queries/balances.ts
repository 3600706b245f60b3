import { and, eq, gte, sql } from "drizzle-orm";
import type { BalanceDelta } from "@/domain/settlement";
import { balances } from "../schema";
import type { DbOrTx } from "../types";
import { numeric, selectRows } from "./sql-values";

export interface BalanceRow {
  userId: string;
  asset: string;
  available: bigint;
  held: bigint;
}

const returned = {
  userId: balances.userId,
  asset: balances.asset,
  available: balances.available,
  held: balances.held,
};

/** Debits available funds only if there are enough (withdrawals). Null: insufficient. */
export async function debitAvailable(tx: DbOrTx, userId: string, asset: string, amount: bigint): Promise<BalanceRow | null> {
  const [row] = await tx
    .update(balances)
    .set({ available: sql`${balances.available} - ${numeric(amount)}`, updatedAt: sql`now()` })
    .where(and(eq(balances.userId, userId), eq(balances.asset, asset), gte(balances.available, amount)))
    .returning(returned);
  return row ?? null;
}

/**
 * Applies a relative change in one statement. The CHECK constraints, not application code,
 * guarantee nothing goes negative. A pure credit may create the row (the first time an account
 * receives an asset); a debit must find it, since Postgres checks an upsert's proposed insert row
 * against the constraints before it looks for a conflict.
 */
export async function applyBalanceDelta(tx: DbOrTx, delta: BalanceDelta): Promise<BalanceRow> {
  const set = {
    available: sql`${balances.available} + ${numeric(delta.available)}`,
    held: sql`${balances.held} + ${numeric(delta.held)}`,
    updatedAt: sql`now()`,
  };
  const isCredit = delta.available >= 0n && delta.held >= 0n;
  const [row] = isCredit
    ? await tx
        .insert(balances)
        .values({ userId: delta.userId, asset: delta.asset, available: delta.available, held: delta.held })
        .onConflictDoUpdate({ target: [balances.userId, balances.asset], set })
        .returning(returned)
    : await tx
        .update(balances)
        .set(set)
        .where(and(eq(balances.userId, delta.userId), eq(balances.asset, delta.asset)))
        .returning(returned);
  if (!row) throw new Error(`balance ${delta.userId}/${delta.asset} to debit does not exist`);
  return row;
}

export async function findBalances(tx: DbOrTx, userId: string): Promise<BalanceRow[]> {
  return tx.select(returned).from(balances).where(eq(balances.userId, userId)).orderBy(balances.asset);
}

/**
 * A delta would take a balance below zero (or names a row that does not exist): the caller
 * decided on balances that changed since it read them. Nothing was written; retry from a fresh read.
 */
export class BalanceConflictError extends Error {
  override readonly name = "BalanceConflictError";
}

/**
 * A whole settlement's balance moves in ONE statement, whatever their number. Rows that exist
 * are locked in (user, asset) order first, the same order in every transaction, so concurrent
 * settlements queue instead of deadlocking, then updated by their deltas. A pure credit to a
 * row that does not exist yet creates it (an upsert, so a row another transaction created
 * meanwhile is updated instead); a debit must find its row, because Postgres checks an upsert's
 * proposed row against the constraints before it looks for a conflict. A delta that would take a
 * row below zero is not applied, and the whole call fails with BalanceConflictError (the CHECK
 * constraints would refuse it anyway; this names the cause). Deltas name distinct rows.
 */
export async function applyBalanceDeltas(tx: DbOrTx, deltas: readonly BalanceDelta[]): Promise<BalanceRow[]> {
  if (deltas.length === 0) return [];
  const values = sql.join(
    deltas.map((d) => sql`(${d.userId}::uuid, ${d.asset}::text, ${numeric(d.available)}, ${numeric(d.held)})`),
    sql`, `,
  );
  const rows = await selectRows(
    tx,
    sql`
      with delta (user_id, asset, available, held) as (values ${values}),
      created as (
        insert into balances (user_id, asset, available, held)
        select d.user_id, d.asset, d.available, d.held from delta d
        where d.available >= 0 and d.held >= 0
          and not exists (select 1 from balances b where b.user_id = d.user_id and b.asset = d.asset)
        order by d.user_id, d.asset
        on conflict (user_id, asset) do update set available = balances.available + excluded.available,
          held = balances.held + excluded.held, updated_at = now()
        returning user_id, asset, available, held),
      locked as (
        select b.user_id, b.asset from balances b join delta d on d.user_id = b.user_id and d.asset = b.asset
        order by b.user_id, b.asset for update of b),
      updated as (
        update balances b set available = b.available + d.available, held = b.held + d.held, updated_at = now()
        from delta d join locked l on l.user_id = d.user_id and l.asset = d.asset
        where b.user_id = d.user_id and b.asset = d.asset
          and b.available + d.available >= 0 and b.held + d.held >= 0
        returning b.user_id, b.asset, b.available, b.held)
      select user_id, asset, available::text, held::text from created
      union all
      select user_id, asset, available::text, held::text from updated`,
  );
  if (rows.length !== deltas.length) throw new BalanceConflictError(`settled ${rows.length} balances of ${deltas.length}`);
  return rows.map(toBalanceRow);
}

function toBalanceRow(r: Record<string, unknown>): BalanceRow {
  return {
    userId: String(r.user_id),
    asset: String(r.asset),
    available: BigInt(String(r.available)),
    held: BigInt(String(r.held)),
  };
}
