/**
 * A small in-memory price-time book around the pure matcher. Production keeps the book in
 * Postgres; this exists for tests, the property test and simulations, and `aggregateLevels`
 * is the one place book depth is summed, for the service and this book alike.
 */
import { assert } from "./errors";
import { applyMatch, isBetterPrice, matchOrder } from "./matcher";
import type { IncomingOrder, MarketRules, MatchResult, RestingOrder, Side } from "./types";

export interface BookLevel {
  price: bigint;
  /** Base minor units resting at this price. */
  quantity: bigint;
  orderCount: number;
}

/** Sums `orders` of one side into price levels, best first (bids high→low, asks low→high). */
export function aggregateLevels(
  orders: readonly Pick<RestingOrder, "price" | "remaining">[],
  side: Side,
  depth: number,
): BookLevel[] {
  assert(Number.isInteger(depth) && depth > 0, "depth is a positive integer");
  const levels = new Map<bigint, BookLevel>();
  for (const order of orders) {
    const level = levels.get(order.price) ?? { price: order.price, quantity: 0n, orderCount: 0 };
    levels.set(order.price, { ...level, quantity: level.quantity + order.remaining, orderCount: level.orderCount + 1 });
  }
  const sorted = [...levels.values()].sort((a, b) => {
    if (a.price === b.price) return 0;
    return isBetterPrice(side, a.price, b.price) ? -1 : 1;
  });
  return sorted.slice(0, depth);
}

/** Index where a new order at `price` goes: after every order at the same or a better price. */
function insertionIndex(orders: readonly RestingOrder[], side: Side, price: bigint): number {
  const index = orders.findIndex((o) => isBetterPrice(side, price, o.price));
  return index === -1 ? orders.length : index;
}

export class OrderBook {
  #bids: RestingOrder[] = [];
  #asks: RestingOrder[] = [];
  readonly #rules: MarketRules;

  constructor(rules: MarketRules) {
    this.#rules = rules;
  }

  /** Bids, best (highest) first, then by time. */
  get bids(): readonly RestingOrder[] {
    return this.#bids;
  }

  /** Asks, best (lowest) first, then by time. */
  get asks(): readonly RestingOrder[] {
    return this.#asks;
  }

  /** Matches `incoming` (already validated) against the opposite side and rests any remainder. */
  place(incoming: IncomingOrder): MatchResult {
    assert(!this.#find(incoming.id), "order ids are unique in the book");
    const isBuy = incoming.side === "BUY";
    const opposite = isBuy ? this.#asks : this.#bids;
    const result = matchOrder(incoming, opposite, this.#rules);
    const applied = applyMatch(opposite, incoming, result);
    if (isBuy) this.#asks = applied.book;
    else this.#bids = applied.book;
    if (applied.resting) this.#rest(applied.resting);
    return result;
  }

  /** Removes the order and returns it as it was, or null if it is not resting. */
  cancel(orderId: string): RestingOrder | null {
    const found = this.#find(orderId);
    if (!found) return null;
    this.#bids = this.#bids.filter((o) => o.id !== orderId);
    this.#asks = this.#asks.filter((o) => o.id !== orderId);
    return found;
  }

  #find(orderId: string): RestingOrder | undefined {
    return this.#bids.find((o) => o.id === orderId) ?? this.#asks.find((o) => o.id === orderId);
  }

  #rest(order: RestingOrder): void {
    const side = order.side === "BUY" ? this.#bids : this.#asks;
    const next = [...side];
    next.splice(insertionIndex(side, order.side, order.price), 0, order);
    if (order.side === "BUY") this.#bids = next;
    else this.#asks = next;
  }
}
