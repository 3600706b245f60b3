/**
 * What a batch knows of one side of a market's book: a prefix of the stored side (best first,
 * read in pages) plus the orders the batch itself rested, all as mutable working rows. The batch
 * writes nothing until it commits, so the stored side stays as it was when the market was locked,
 * and reading further pages later in the batch is consistent with the earlier ones.
 *
 * Priority is price, then `priority`: the order's id when it was placed, a fresh id when it
 * entered the book later (a triggered conditional order, a price amend). Coverage says how far the
 * stored side is known: every stored order at least as good as the cursor has been read. An order
 * the batch rested is only offered to a taker when it lies within coverage, because unread stored
 * orders beyond the cursor could come before it. (A rested order has a higher priority than every
 * stored one: ids are allocated under the market lock.)
 */
import { assert } from "./errors";
import { isCrossing } from "./matcher";
import type { RestingOrder, Side } from "./types";

export interface WindowOrder {
  id: bigint;
  /** Time priority within a price: lower first. */
  priority: bigint;
  userId: string;
  side: Side;
  price: bigint;
  /** Base minor units still open; 0 or a closed status removes it from the book. */
  remaining: bigint;
  isOpen: boolean;
}

export type Coverage =
  | { kind: "none" }
  /** Every stored order with a better price than `price`, and at `price` up to `priority` (null: the whole level). */
  | { kind: "through"; price: bigint; priority: bigint | null }
  | { kind: "all" };

/** Where an order stands in its side's queue. */
export interface BookKey {
  price: bigint;
  priority: bigint;
}

/** Is `a` ahead of `b` in this side's priority: better price, then earlier (lower priority)? */
export function isAhead(side: Side, a: BookKey, b: BookKey): boolean {
  if (a.price !== b.price) return side === "BUY" ? a.price > b.price : a.price < b.price;
  return a.priority < b.priority;
}

/** Is an order at `key` among what `coverage` says has been read? */
export function isCovered(side: Side, coverage: Coverage, key: BookKey): boolean {
  if (coverage.kind === "all") return true;
  if (coverage.kind === "none") return false;
  if (key.price !== coverage.price) return side === "BUY" ? key.price > coverage.price : key.price < coverage.price;
  return coverage.priority === null || key.priority <= coverage.priority;
}

/** Has every stored order that a taker limited to `limit` (null: market) could trade with been read? */
export function coversLimit(makerSide: Side, coverage: Coverage, limit: bigint | null): boolean {
  if (coverage.kind === "all") return true;
  if (coverage.kind === "none" || limit === null) return false;
  const takerSide: Side = makerSide === "BUY" ? "SELL" : "BUY";
  if (limit === coverage.price) return coverage.priority === null;
  // The limit lies inside coverage when no price beyond the cursor crosses it.
  return !isCrossing(takerSide, limit, nextWorse(makerSide, coverage.price));
}

/** The first price strictly worse than `price` on this side is all that matters for crossing. */
function nextWorse(side: Side, price: bigint): bigint {
  return side === "BUY" ? price - 1n : price + 1n;
}

/** Where coverage stands after a page read with `limit` returned `rows` of at most `pageSize`. */
export function coverageAfterPage(rows: readonly BookKey[], pageSize: number, limit: bigint | null): Coverage {
  const last = rows.at(-1);
  if (rows.length < pageSize || !last)
    return limit === null ? { kind: "all" } : { kind: "through", price: limit, priority: null };
  assert(rows.length === pageSize, "a page holds at most its size");
  return { kind: "through", price: last.price, priority: last.priority };
}

/** A row of a stored page: where the store has it, and the batch's working copy (which may have moved since). */
export interface StoredRow {
  stored: BookKey;
  order: WindowOrder;
}

export class BookWindow {
  private readonly orders: WindowOrder[] = [];
  private readonly members = new Set<WindowOrder>();
  private coverage: Coverage = { kind: "none" };
  private storedRead = 0;

  constructor(readonly side: Side) {}

  /** How many stored orders have been read; bounds how much one batch may load. */
  get storedCount(): number {
    return this.storedRead;
  }

  get cursor(): Coverage {
    return this.coverage;
  }

  /**
   * Starts from the side's best stored price: nothing better exists, so coverage reaches up to
   * it without a read, and orders that do not cross it need no page at all.
   */
  startAtBest(best: bigint | null): void {
    assert(this.coverage.kind === "none", "a window starts once");
    if (best === null) this.coverage = { kind: "all" };
    else this.coverage = { kind: "through", price: this.side === "BUY" ? best + 1n : best - 1n, priority: null };
  }

  coversLimit(limit: bigint | null): boolean {
    return coversLimit(this.side, this.coverage, limit);
  }

  /**
   * Adds a page of stored orders read after the cursor. Coverage follows where the store has them;
   * a working copy the batch already placed (an order it amended) stays where the batch put it.
   */
  addStoredPage(rows: readonly StoredRow[], pageSize: number, limit: bigint | null): void {
    for (const { stored, order } of rows) {
      assert(order.side === this.side, "a page belongs to its side");
      assert(!isCovered(this.side, this.coverage, stored), "a page starts after the cursor");
      this.include(order);
    }
    this.storedRead += rows.length;
    this.coverage = coverageAfterPage(
      rows.map((r) => r.stored),
      pageSize,
      limit,
    );
    this.sort();
  }

  /** An order this batch rested, or moved (a new price or priority), joins the window where it now stands. */
  add(order: WindowOrder): void {
    assert(order.side === this.side, "an order joins its own side");
    this.include(order);
    this.sort();
  }

  private include(order: WindowOrder): void {
    if (this.members.has(order)) return;
    this.members.add(order);
    this.orders.push(order);
  }

  /** The open orders a taker with `limit` may trade with, best first, within coverage. */
  crossing(limit: bigint | null): RestingOrder[] {
    const takerSide: Side = this.side === "BUY" ? "SELL" : "BUY";
    const result: RestingOrder[] = [];
    for (const order of this.orders) {
      if (!order.isOpen || order.remaining <= 0n) continue;
      if (!isCovered(this.side, this.coverage, order)) break;
      if (!isCrossing(takerSide, limit, order.price)) break;
      result.push({
        id: order.id.toString(),
        userId: order.userId,
        side: order.side,
        price: order.price,
        remaining: order.remaining,
      });
    }
    return result;
  }

  private sort(): void {
    this.orders.sort((a, b) => (isAhead(this.side, a, b) ? -1 : isAhead(this.side, b, a) ? 1 : 0));
  }
}
