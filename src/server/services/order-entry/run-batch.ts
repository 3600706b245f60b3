import { BalanceConflictError } from "../../db/queries/balances";
import { findTriggeredOrders } from "../../db/queries/conditional-orders";
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
import { isConditional } from "@/domain/conditional";
import { executeAmend } from "./execute-amend";
import { executeCancel, executeCancelAll } from "./execute-cancel";
import { executePlaceOco } from "./execute-oco";
import { executePlace } from "./execute-place";
import { runTriggers } from "./execute-triggers";
import { OCO_STOP_SUFFIX } from "../trading/order-input";
import { PendingBook } from "./pending-book";
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
 * again from a fresh read. Every path is bounded by the batch's size. Resolves to whether fired
 * conditional orders were left waiting by a bounded trigger step (the queue then sends a trigger).
 */
export async function runBatch(ctx: ServiceContext, symbol: string, items: readonly QueuedCommand[]): Promise<boolean> {
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
        let waiting = false;
        for (const item of pending) waiting = (await runBatch(ctx, symbol, [item])) || waiting;
        return waiting;
      } else {
        for (const item of pending) item.reject(error);
        return false;
      }
      continue;
    }
    // Committed: from here nothing may run the batch again, whatever fails while answering.
    await deliver(ctx, symbol, pending, outcome);
    return outcome.waiting;
  }
  return false;
}

interface BatchOutcome {
  outcomes: (CommandRecord | DomainError)[];
  written: WrittenBatch;
  /** Fired orders wait to execute. */
  waiting: boolean;
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

/**
 * Each command runs between two trigger steps: one before it while fired orders wait (a bound left
 * them), and one after it on its own trades. The steps' records carry their events in execution
 * order; a step's failure is the command's, since its trades or its turn started it.
 */
async function executeBatch(tx: Tx, symbol: string, commands: readonly OrderCommand[]): Promise<BatchOutcome> {
  const state = await openBatch(tx, symbol, commands);
  const outcomes: (CommandRecord | DomainError)[] = [];
  const records: CommandRecord[] = [];
  const step = async (index: number, prices: readonly bigint[]) => {
    try {
      const record = await runTriggers(state, prices);
      if (record) records.push(record);
    } catch (error) {
      if (error instanceof BatchReadError) throw error.cause;
      throw new CommandFailure(index, error);
    }
  };
  for (const [index, command] of commands.entries()) {
    if (state.pending.queue.size > 0) await step(index, []);
    let record: CommandRecord;
    try {
      record = await execute(state, command);
    } catch (error) {
      if (isDomainError(error)) {
        outcomes.push(error);
        continue;
      }
      if (error instanceof BatchReadError) throw error.cause;
      throw new CommandFailure(index, error);
    }
    outcomes.push(record);
    records.push(record);
    await step(
      index,
      record.tradeIndexes.flatMap((i) => state.trades[i]?.price ?? []),
    );
  }
  return { outcomes, written: await writeBatch(state, records), waiting: state.pending.queue.size > 0 };
}

function execute(state: BatchState, command: OrderCommand): Promise<CommandRecord> | CommandRecord {
  switch (command.kind) {
    case "place":
      return executePlace(state, command);
    case "placeOco":
      return executePlaceOco(state, command);
    case "cancel":
      return executeCancel(state, command);
    case "amend":
      return executeAmend(state, command);
    case "cancelAll":
      return executeCancelAll(state, command);
    case "trigger":
      // The step before it ran whatever waited; this only reports what is left.
      return { tradeIndexes: [], orders: [], finish: () => ({ waiting: state.pending.queue.size }) };
  }
}

/** A command that places orders, with how many ids it may take and whether it is conditional. */
type Placement = Extract<OrderCommand, { kind: "place" | "placeOco" }>;

const sideOf = (p: Placement) => (p.kind === "place" ? p.order.side : p.oco.side);
const isConditionalPlacement = (p: Placement) => p.kind === "placeOco" || isConditional(p.order.type);

/**
 * The batch's reads, once for all its commands: lock the market, allocate ids, check every
 * clientOrderId, read the orders cancels and amends name, and read the balances holds draw on.
 */
async function openBatch(tx: Tx, symbol: string, commands: readonly OrderCommand[]): Promise<BatchState> {
  const places = commands.flatMap((c): Placement[] => (c.kind === "place" || c.kind === "placeOco" ? [c] : []));
  const targetIds = commands.flatMap((c) => (c.kind === "cancel" || c.kind === "amend" ? [c.orderId] : []));
  // A clientOrderId the server generated (a random UUID) cannot have been used before.
  const clientIds = places
    .filter((p) => !p.isGeneratedId)
    .flatMap((p) =>
      p.kind === "placeOco"
        ? [p, { userId: p.userId, clientOrderId: `${p.clientOrderId}${OCO_STOP_SUFFIX}` }]
        : [{ userId: p.userId, clientOrderId: p.clientOrderId }],
    );
  const amends = commands.flatMap((c) => (c.kind === "amend" ? [c] : []));
  // An amend that reprices takes a fresh priority; one that grows the order holds more, on either side.
  const idCount = places.reduce((n, p) => n + (p.kind === "placeOco" ? 2 : 1), 0) + amends.length;
  const holders = [
    ...places.map((p) => ({ userId: p.userId, side: sideOf(p) })),
    ...amends.flatMap((a) => (["BUY", "SELL"] as const).map((side) => ({ userId: a.userId, side }))),
  ];
  const locked = await lockMarketForBatch(tx, symbol, idCount, {
    holders,
    clientIds,
    orderIds: targetIds,
    conditionalOwners: places.filter(isConditionalPlacement).map((p) => p.userId),
  });
  if (!locked) throw new DomainError("MARKET_NOT_FOUND");
  const { market, orderIds, now } = locked;
  const fired = locked.hasTriggered ? await findTriggeredOrders(tx, symbol) : [];
  const keys = uniqueKeys(holders.map((h) => ({ userId: h.userId, asset: holdAsset(market, h.side) })));
  const pendingBook = new PendingBook(
    market.priceTick,
    locked.wakeBelowMax,
    locked.wakeAboveMin,
    fired.map((r) => r.id),
  );
  const state = new BatchState(
    tx,
    market,
    now,
    orderIds,
    new WorkingBalances(keys, locked.balances),
    pendingBook,
    locked.lastPrice,
    locked.conditionalCounts,
  );
  for (const row of fired) state.adopt(row);
  state.books.BUY.startAtBest(locked.bestBid);
  state.books.SELL.startAtBest(locked.bestAsk);
  const clientKeys = new Set(clientIds.map((c) => userClientKey(c.userId, c.clientOrderId)));
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
