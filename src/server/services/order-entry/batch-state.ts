import { allocateOrderIds, findOrdersByIds, findWokenOrders } from "../../db/queries/conditional-orders";
import type { MarketRow } from "../../db/queries/markets";
import { findBookPage } from "../../db/queries/order-batches";
import type { OrderRow } from "../../db/queries/orders";
import type { Tx } from "../../db/types";
import { BookWindow, type WindowOrder } from "@/domain/book-window";
import { assert } from "@/domain/errors";
import type { JournalEntry } from "@/domain/ledger";
import type { OrderUpdate, TradeDraft } from "@/domain/settlement";
import { LIVE_STATES, OPEN_STATUSES, type OrderState, type Side } from "@/domain/types";
import type { AnyResult } from "./commands";
import type { PendingBook } from "./pending-book";
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

/** Live conditional orders (pending or fired) per user in this market, as of the lock plus the batch's changes. */
export interface ConditionalCounts {
  market: number;
  byUser: Map<string, number>;
}

/** When the pool runs dry (fired orders take priorities from it), this many more are drawn at once. */
const ID_TOP_UP = 16;

/**
 * Everything a batch knows and has decided, in memory, between locking the market and writing:
 * the working copy of every order it read or created, both sides of the book as far as read,
 * the conditional orders its trades could reach, the balances it decides on, and the trades and
 * journals it will write.
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
  private readonly ids: bigint[];
  private idsUsed = 0;
  /** The last trade price as the batch has it: undefined when not read (the batch places no conditional order). */
  lastPrice: bigint | null | undefined;

  constructor(
    readonly tx: Tx,
    readonly market: MarketRow,
    /** The transaction's now(): what the database writes as created_at / updated_at. */
    readonly now: Date,
    ids: readonly bigint[],
    readonly balances: WorkingBalances,
    readonly pending: PendingBook,
    lastPrice: bigint | null | undefined,
    /** Read only for a batch that places conditional orders. */
    readonly conditionalCounts: ConditionalCounts | undefined,
  ) {
    this.ids = [...ids];
    this.lastPrice = lastPrice;
  }

  /**
   * The id the next accepted order gets; taken only once the order is accepted. Ids (and the
   * priorities fired orders take) come from one pool in execution order, so they follow it.
   */
  peekId(): bigint {
    const id = this.ids[this.idsUsed];
    assert(id !== undefined, "a batch allocates an id for every order it may create");
    return id;
  }

  /** Makes sure `count` ids are left in the pool (a fired order takes one as its priority). */
  async ensureIds(count: number): Promise<void> {
    const missing = count - (this.ids.length - this.idsUsed);
    if (missing <= 0) return;
    let more: bigint[];
    try {
      more = await allocateOrderIds(this.tx, Math.max(missing, ID_TOP_UP));
    } catch (error) {
      throw new BatchReadError("allocating ids failed", { cause: error });
    }
    assert(
      more.every((id) => id > (this.ids.at(-1) ?? 0n)),
      "ids drawn later are higher",
    );
    this.ids.push(...more);
  }

  /** Takes the next id as a book priority: an order entering the book now, behind everything before it. */
  takePriority(): bigint {
    const id = this.peekId();
    this.idsUsed += 1;
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
    this.countConditional(row.userId, null, row.status);
    if (isResting(row)) this.books[row.side].add(this.windowOrder(row));
    if (row.status === "PENDING") this.pending.watch(row);
  }

  /**
   * Changes a working row; stored rows are written once, in their final state, at the end. The
   * book window follows: a row that moved (a new price or priority) or entered the book (a fired
   * order resting) takes its place in it.
   */
  change(row: OrderRow, patch: Partial<Omit<OrderRow, "id">>): void {
    const before = { status: row.status, price: row.price, priority: row.priority };
    Object.assign(row, patch, { updatedAt: this.now });
    if (!this.createdIds.has(row.id)) this.changed.add(row.id);
    this.countConditional(row.userId, before.status, row.status);
    const window = this.windowOrders.get(row.id);
    if (window) {
      Object.assign(window, { remaining: remainingOf(row), isOpen: isResting(row) });
      if (row.price !== null && (row.price !== before.price || row.priority !== before.priority)) {
        Object.assign(window, { price: row.price, priority: row.priority });
        this.books[row.side].add(window);
      }
    } else if (isResting(row)) {
      this.books[row.side].add(this.windowOrder(row));
    }
  }

  private countConditional(userId: string, before: OrderState | null, after: OrderState): void {
    const counts = this.conditionalCounts;
    const delta = Number(isConditionalLive(after)) - Number(before !== null && isConditionalLive(before));
    if (!counts || delta === 0) return;
    counts.market += delta;
    counts.byUser.set(userId, (counts.byUser.get(userId) ?? 0) + delta);
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
    this.lastPrice = draft.price;
    return this.trades.length - 1;
  }

  /** The working copies of orders by id, reading those the batch has not met (the other legs of OCOs). */
  async ordersById(ids: readonly bigint[]): Promise<OrderRow[]> {
    const missing = ids.filter((id) => !this.orders.has(id));
    if (missing.length > 0) {
      let rows: OrderRow[];
      try {
        rows = await findOrdersByIds(this.tx, missing);
      } catch (error) {
        throw new BatchReadError("reading orders failed", { cause: error });
      }
      for (const row of rows) this.adopt(row);
    }
    return ids.map((id) => {
      const row = this.orders.get(id);
      assert(row, `order ${id} exists`);
      return row;
    });
  }

  /** Reads the stored pending orders trades at `prices` wake that the batch does not know yet, into the trigger set. */
  async loadWoken(prices: readonly bigint[]): Promise<void> {
    const ranges = this.pending.rangesFor(prices);
    if (!ranges) return;
    let rows: OrderRow[];
    try {
      rows = await findWokenOrders(this.tx, { market: this.market.symbol, ...ranges });
    } catch (error) {
      throw new BatchReadError("reading pending orders failed", { cause: error });
    }
    this.pending.markRead(ranges);
    for (const row of rows) {
      // The working copy decides: one the batch already fired, canceled or watches stays as it is.
      const working = this.adopt(row);
      if (working.status === "PENDING") this.pending.watch(working);
    }
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
      rows.map((row) => {
        assert(row.price !== null, "a resting order has a price");
        return { stored: { price: row.price, priority: row.priority }, order: this.windowOrder(this.adopt(row)) };
      }),
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
      priority: row.priority,
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

/** In the book (or, for a market order mid-execution, trading). */
export function isOpenRow(row: OrderRow): boolean {
  return (OPEN_STATUSES as readonly OrderState[]).includes(row.status);
}

/** Alive as its owner sees it: open, or conditional and waiting for (or just past) its trigger. */
export function isLiveRow(row: OrderRow): boolean {
  return LIVE_STATES.includes(row.status);
}

function isConditionalLive(state: OrderState): boolean {
  return state === "PENDING" || state === "TRIGGERED";
}

function isResting(row: OrderRow): boolean {
  return isOpenRow(row) && row.price !== null;
}

function remainingOf(row: OrderRow): bigint {
  return row.quantity === null ? 0n : row.quantity - row.filledQuantity;
}
