import { BalanceConflictError } from "../../db/queries/balances";
import { lockMarketForBatch, type MarketRow } from "../../db/queries/markets";
import { isUniqueViolation } from "../../db/queries/sql-values";
import { inTransaction, sqlState } from "../../db/transaction";
import type { Tx } from "../../db/types";
import { DomainError, isDomainError } from "@/domain/errors";
import { logger } from "../../logger";
import { afterCommit } from "../after-commit";
import { cacheKeys } from "../cache-keys";
import type { ServiceContext } from "../context";
import { BatchReadError, BatchState, type CommandRecord, userClientKey } from "./batch-state";
import type { AnyResult, OrderCommand } from "./commands";
import { executeAmend } from "./execute-amend";
import { executeCancel, executeCancelAll } from "./execute-cancel";
import { executePlace } from "./execute-place";
import { WorkingBalances } from "./working-balances";
import { type WrittenBatch, writeBatch } from "./write-batch";

export interface QueuedCommand {
  command: OrderCommand;
  resolve(result: AnyResult): void;
  reject(error: unknown): void;
}

/** A command's own code failed unexpectedly (a bug, never a refusal): the batch goes on without it. */
class CommandFailure extends Error {
  override readonly name = "CommandFailure";
  constructor(
    readonly index: number,
    cause: unknown,
  ) {
    super("a command failed unexpectedly", { cause });
  }
}

const UNIQUE_RETRIES = 3;
/** Another market's batch changed a balance this one decided on; rare, so a few fresh tries suffice. */
const BALANCE_RETRIES = 5;
/** Connection, resource and operator failures say nothing about any one command. */
const INFRASTRUCTURE_CLASSES = ["08", "53", "57", "58", "XX"];

function isStatementError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && !INFRASTRUCTURE_CLASSES.includes(state.slice(0, 2));
}

/**
 * Executes queued commands of one market in one transaction and answers each caller after the
 * commit. A refusal answers its command alone. An unexpected failure is contained: a command's
 * own bug removes that command and the rest run again; a failed statement that cannot be pinned
 * on one command runs each command alone; a clientOrderId raced by another market's batch runs
 * again and finds the winner; a balance another market's batch changed since it was read runs
 * again from a fresh read. Every path is bounded by the batch's size.
 */
export async function runBatch(ctx: ServiceContext, symbol: string, items: readonly QueuedCommand[]): Promise<void> {
  let pending = [...items];
  let uniqueRetries = 0;
  let balanceRetries = 0;
  while (pending.length > 0) {
    let outcome: BatchOutcome;
    try {
      outcome = await inTransaction(ctx.db, (tx) =>
        executeBatch(
          tx,
          symbol,
          pending.map((p) => p.command),
        ),
      );
    } catch (error) {
      if (error instanceof CommandFailure) {
        logger.error({ err: error.cause, market: symbol }, "order command failed unexpectedly; its batch runs again without it");
        pending[error.index]?.reject(error.cause);
        pending = pending.filter((_, i) => i !== error.index);
      } else if (isUniqueViolation(error, "orders_user_client_order_id") && uniqueRetries < UNIQUE_RETRIES) {
        uniqueRetries += 1;
      } else if (error instanceof BalanceConflictError && balanceRetries < BALANCE_RETRIES) {
        balanceRetries += 1;
      } else if (pending.length > 1 && (isStatementError(error) || error instanceof BalanceConflictError)) {
        for (const item of pending) await runBatch(ctx, symbol, [item]);
        return;
      } else {
        for (const item of pending) item.reject(error);
        return;
      }
      continue;
    }
    // Committed: from here nothing may run the batch again, whatever fails while answering.
    await deliver(ctx, symbol, pending, outcome);
    return;
  }
}

interface BatchOutcome {
  outcomes: (CommandRecord | DomainError)[];
  written: WrittenBatch;
}

async function deliver(ctx: ServiceContext, symbol: string, items: readonly QueuedCommand[], batch: BatchOutcome) {
  const { written } = batch;
  if (written.events.length > 0) {
    await afterCommit(ctx, {
      events: written.events,
      seq: written.seq,
      cacheKeys: cacheKeys.afterBookChange(symbol, written.trades.length > 0),
    }).catch((error: unknown) => logger.warn({ err: error, market: symbol }, "after-commit work failed; the batch is committed"));
  }
  for (const [i, outcome] of batch.outcomes.entries()) {
    const item = items[i];
    if (!item) continue;
    if (outcome instanceof DomainError) {
      item.reject(outcome);
      continue;
    }
    try {
      item.resolve(outcome.finish(written.trades));
    } catch (error) {
      // Committed but not describable: the caller learns it failed and retries with its clientOrderId.
      logger.error({ err: error, market: symbol }, "a committed command's answer could not be built");
      item.reject(error);
    }
  }
}

async function executeBatch(tx: Tx, symbol: string, commands: readonly OrderCommand[]): Promise<BatchOutcome> {
  const state = await openBatch(tx, symbol, commands);
  const outcomes: (CommandRecord | DomainError)[] = [];
  for (const [index, command] of commands.entries()) {
    try {
      outcomes.push(await execute(state, command));
    } catch (error) {
      if (isDomainError(error)) outcomes.push(error);
      else if (error instanceof BatchReadError) throw error.cause;
      else throw new CommandFailure(index, error);
    }
  }
  const records = outcomes.filter((o): o is CommandRecord => !(o instanceof DomainError));
  return { outcomes, written: await writeBatch(state, records) };
}

function execute(state: BatchState, command: OrderCommand): Promise<CommandRecord> | CommandRecord {
  switch (command.kind) {
    case "place":
      return executePlace(state, command);
    case "cancel":
      return executeCancel(state, command);
    case "amend":
      return executeAmend(state, command);
    case "cancelAll":
      return executeCancelAll(state, command);
  }
}

/**
 * The batch's reads, once for all its commands: lock the market, allocate ids, check every
 * clientOrderId, read the orders cancels and amends name, and read the balances holds draw on.
 */
async function openBatch(tx: Tx, symbol: string, commands: readonly OrderCommand[]): Promise<BatchState> {
  const places = commands.flatMap((c) => (c.kind === "place" ? [c] : []));
  const targetIds = commands.flatMap((c) => (c.kind === "cancel" || c.kind === "amend" ? [c.orderId] : []));
  const locked = await lockMarketForBatch(tx, symbol, places.length, {
    holders: places.map((p) => ({ userId: p.userId, side: p.order.side })),
    // A clientOrderId the server generated (a random UUID) cannot have been used before.
    clientIds: places.filter((p) => !p.isGeneratedId),
    orderIds: targetIds,
  });
  if (!locked) throw new DomainError("MARKET_NOT_FOUND");
  const { market, orderIds, now } = locked;
  const keys = uniqueKeys(places.map((p) => ({ userId: p.userId, asset: holdAsset(market, p.order.side) })));
  const state = new BatchState(tx, market, now, orderIds, new WorkingBalances(keys, locked.balances));
  state.books.BUY.startAtBest(locked.bestBid);
  state.books.SELL.startAtBest(locked.bestAsk);
  const clientKeys = new Set(places.filter((p) => !p.isGeneratedId).map((p) => userClientKey(p.userId, p.clientOrderId)));
  for (const row of locked.orders) {
    const inMarket = row.market === symbol ? state.adopt(row) : row;
    const key = userClientKey(row.userId, row.clientOrderId);
    if (clientKeys.has(key)) state.byClientId.set(key, inMarket);
  }
  return state;
}

function holdAsset(market: MarketRow, side: "BUY" | "SELL"): string {
  return side === "BUY" ? market.quoteAsset : market.baseAsset;
}

function uniqueKeys(keys: { userId: string; asset: string }[]): { userId: string; asset: string }[] {
  const seen = new Map(keys.map((k) => [`${k.userId}\u0000${k.asset}`, k]));
  return [...seen.values()];
}
