import type { MarketRow } from "../../db/queries/markets";
import { findBookPage } from "../../db/queries/order-batches";
import type { OrderRow } from "../../db/queries/orders";
import type { Tx } from "../../db/types";
import { BookWindow, type WindowOrder } from "@/domain/book-window";
import { assert } from "@/domain/errors";
import type { JournalEntry } from "@/domain/ledger";
import type { OrderUpdate, TradeDraft } from "@/domain/settlement";
import { OPEN_STATUSES, type Side } from "@/domain/types";
import type { AnyResult } from "./commands";
import type { WorkingBalances } from "./working-balances";
import type { TradeRow } from "../../db/queries/trades";
import type { OrderView } from "../views";

/** What one executed command contributes to the batch's events and, after commit, its answer. */
export interface CommandRecord {
  /** Indexes into BatchState.trades, in execution order. */
  tradeIndexes: number[];
  /** The state of each order the command changed, as it left that command. */
  orders: { userId: string; view: OrderView }[];
  /** The caller's answer, once the trades have their ids. */
  finish(trades: readonly TradeRow[]): AnyResult;
}

/** An I/O failure while executing a command: it says nothing about the command itself. */
export class BatchReadError extends Error {
  override readonly name = "BatchReadError";
}

export const userClientKey = (userId: string, clientOrderId: string) => `${userId}\u0000${clientOrderId}`;

const opposite = (side: Side): Side => (side === "BUY" ? "SELL" : "BUY");

/**
 * Everything a batch knows and has decided, in memory, between locking the market and writing:
 * the working copy of every order it read or created, both sides of the book as far as read,
 * the balances it decides on, and the trades and journals it will write.
 */
export class BatchState {
  readonly orders = new Map<bigint, OrderRow>();
  readonly created: OrderRow[] = [];
  private readonly createdIds = new Set<bigint>();
  private readonly changed = new Set<bigint>();
  private readonly windowOrders = new Map<bigint, WindowOrder>();
  readonly books: Record<Side, BookWindow> = { BUY: new BookWindow("BUY"), SELL: new BookWindow("SELL") };
  readonly byClientId = new Map<string, OrderRow>();
  readonly trades: TradeDraft[] = [];
  readonly journals: JournalEntry[][] = [];
  readonly touchedLevels: { side: Side; price: bigint }[] = [];
  private idsUsed = 0;

  constructor(
    readonly tx: Tx,
    readonly market: MarketRow,
    /** The transaction's now(): what the database writes as created_at / updated_at. */
    readonly now: Date,
    private readonly ids: readonly bigint[],
    readonly balances: WorkingBalances,
  ) {}

  /** The id the next accepted order gets; taken only once the order is accepted. */
  peekId(): bigint {
    const id = this.ids[this.idsUsed];
    assert(id !== undefined, "a batch allocates an id for every order it may create");
    return id;
  }

  /** The working copy of a stored row: the first read wins, later reads of the same order see the batch's changes. */
  adopt(row: OrderRow): OrderRow {
    const known = this.orders.get(row.id);
    if (known) return known;
    this.orders.set(row.id, row);
    return row;
  }

  create(row: OrderRow): void {
    assert(row.id === this.peekId(), "orders are created in id order");
    this.idsUsed += 1;
    this.orders.set(row.id, row);
    this.created.push(row);
    this.createdIds.add(row.id);
    this.byClientId.set(userClientKey(row.userId, row.clientOrderId), row);
    if (isResting(row)) this.books[row.side].add(this.windowOrder(row));
  }

  /** Changes a working row; stored rows are written once, in their final state, at the end. */
  change(row: OrderRow, patch: Partial<Omit<OrderRow, "id">>): void {
    Object.assign(row, patch, { updatedAt: this.now });
    if (!this.createdIds.has(row.id)) this.changed.add(row.id);
    const window = this.windowOrders.get(row.id);
    if (window) Object.assign(window, { remaining: remainingOf(row), isOpen: isResting(row) });
  }

  applyUpdate(update: OrderUpdate): OrderRow {
    const row = this.orders.get(BigInt(update.id));
    assert(row, `order ${update.id} was settled but never read`);
    const { id: _id, userId: _user, ...patch } = update;
    this.change(row, patch);
    return row;
  }

  changedStoredRows(): OrderRow[] {
    return [...this.changed].map((id) => {
      const row = this.orders.get(id);
      assert(row, "a changed order is known");
      return row;
    });
  }

  addTrade(draft: TradeDraft, journal: JournalEntry[]): number {
    this.trades.push(draft);
    this.journals.push(journal);
    return this.trades.length - 1;
  }

  touchLevel(side: Side, price: bigint | null): void {
    if (price !== null) this.touchedLevels.push({ side, price });
  }

  /** Reads the next page of `makerSide` for a taker limited to `limit`; failures are I/O, not the command's. */
  async loadPage(makerSide: Side, limit: bigint | null, pageSize: number): Promise<void> {
    const book = this.books[makerSide];
    let rows: OrderRow[];
    try {
      rows = await findBookPage(this.tx, {
        market: this.market.symbol,
        makerSide,
        after: book.cursor,
        limitPrice: limit,
        limit: pageSize,
      });
    } catch (error) {
      throw new BatchReadError("reading the book failed", { cause: error });
    }
    book.addStoredPage(
      rows.map((row) => this.windowOrder(this.adopt(row))),
      pageSize,
      limit,
    );
  }

  takerBook(takerSide: Side): BookWindow {
    return this.books[opposite(takerSide)];
  }

  private windowOrder(row: OrderRow): WindowOrder {
    const known = this.windowOrders.get(row.id);
    if (known) return known;
    assert(row.price !== null, "a resting order has a price");
    const order: WindowOrder = {
      id: row.id,
      userId: row.userId,
      side: row.side,
      price: row.price,
      remaining: remainingOf(row),
      isOpen: isResting(row),
    };
    this.windowOrders.set(row.id, order);
    return order;
  }
}

export function isOpenRow(row: OrderRow): boolean {
  return OPEN_STATUSES.includes(row.status);
}

function isResting(row: OrderRow): boolean {
  return isOpenRow(row) && row.price !== null;
}

function remainingOf(row: OrderRow): bigint {
  return row.quantity === null ? 0n : row.quantity - row.filledQuantity;
}
