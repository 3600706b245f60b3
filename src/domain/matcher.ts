/**
 * Price-time matching of ONE incoming order against a slice of the opposite side, as data:
 * (book, order) → fills and an outcome. Nothing is mutated; applyMatch derives the new book.
 *
 * Decisions, in the order they are taken:
 * - Post-only: if the best resting price crosses at all (even the taker's own order) → REJECT.
 * - Walk the book best first; stop at the first price that does not cross (market: all cross).
 * - Quote-budget market buy: if the budget cannot pay one step (notional + taker fee) at this
 *   maker's price, stop. This comes before self-trade prevention so an order that could not
 *   trade anyway expires nobody.
 * - Own resting order: EXPIRE_MAKER expires it and walks on; EXPIRE_TAKER stops the taker;
 *   EXPIRE_BOTH does both.
 * - One fill per maker, at the maker's price. A budget buy takes the largest on-step quantity
 *   whose notional + fee fits (see largestAffordable); if that leaves the maker open, the budget
 *   is spent.
 * - FOK: the walk above is a dry run; unless it completes, nothing trades and nobody expires.
 * Outcomes: completed → FILLED (for a budget buy: something filled and the budget cannot buy one
 * more step, or is zero); own order stopped it → EXPIRE SELF_TRADE_PREVENTION; book ran out (or a
 * budget too small for even one step) → LIMIT GTC rests, LIMIT IOC expires IOC_REMAINDER,
 * MARKET expires MARKET_REMAINDER.
 *
 * The slice is taken to be the whole reachable book: a slice cut short looks exactly like a
 * book that ran out. Callers reading in pages must pass every crossing order the taker could
 * reach (for FOK, all of them up to its limit) before trusting a REST or remainder outcome.
 */
import { minBigint } from "./decimal";
import { assert } from "./errors";
import { feeFor, quoteValue } from "./money";
import type { Fill, IncomingOrder, MarketRules, MatchResult, RestingOrder, Side, TakerOutcome } from "./types";

type Stop = "COMPLETE" | "SELF_TRADE" | "BOOK_EXHAUSTED";
type Want = { kind: "BASE"; remaining: bigint } | { kind: "QUOTE"; budget: bigint };
interface Walk {
  fills: Fill[];
  expiredMakerIds: string[];
  stop: Stop;
}

/** Does a taker on `side` with `limit` (null = market) trade against a maker at `makerPrice`? */
export function isCrossing(side: Side, limit: bigint | null, makerPrice: bigint): boolean {
  if (limit === null) return true;
  return side === "BUY" ? makerPrice <= limit : makerPrice >= limit;
}

/** Is `a` a strictly better resting price than `b` on `side`? (bids: higher, asks: lower) */
export function isBetterPrice(side: Side, a: bigint, b: bigint): boolean {
  return side === "BUY" ? a > b : a < b;
}

/** True if the best bid meets or beats the best ask: a state the book must never be left in. */
export function bookCrosses(bids: readonly RestingOrder[], asks: readonly RestingOrder[]): boolean {
  // Scans instead of trusting order, so it also catches a book that is crossed AND unsorted.
  let bestBid: bigint | null = null;
  for (const bid of bids) if (bestBid === null || bid.price > bestBid) bestBid = bid.price;
  let bestAsk: bigint | null = null;
  for (const ask of asks) if (bestAsk === null || ask.price < bestAsk) bestAsk = ask.price;
  return bestBid !== null && bestAsk !== null && bestBid >= bestAsk;
}

function assertBook(taker: IncomingOrder, book: readonly RestingOrder[]): void {
  book.forEach((maker, i) => {
    assert(maker.side !== taker.side, "the book slice is the opposite side");
    assert(maker.remaining > 0n && maker.price > 0n, "resting orders have a positive price and remainder");
    const previous = book[i - 1];
    assert(!previous || !isBetterPrice(maker.side, maker.price, previous.price), "the book slice is sorted best first");
  });
}

function initialWant(taker: IncomingOrder): Want {
  if (taker.quantity !== null) {
    assert(taker.quantity > 0n && taker.quoteAmount === null, "a taker wants a positive quantity or a budget");
    return { kind: "BASE", remaining: taker.quantity };
  }
  assert(taker.type === "MARKET" && taker.side === "BUY", "only a market buy spends a budget");
  assert(taker.quoteAmount !== null && taker.quoteAmount > 0n, "a budget is positive");
  return { kind: "QUOTE", budget: taker.quoteAmount };
}

function makeFill(maker: RestingOrder, quantity: bigint, rules: MarketRules): Fill {
  const quoteQuantity = quoteValue(maker.price, quantity, rules.baseScale);
  return {
    makerOrderId: maker.id,
    makerUserId: maker.userId,
    price: maker.price,
    quantity,
    quoteQuantity,
    takerFee: feeFor(quoteQuantity, rules.takerFeeBps),
    makerFee: feeFor(quoteQuantity, rules.makerFeeBps),
  };
}

/** What a budget buyer pays for `quantity` at `price`: notional plus taker fee. */
export function budgetCost(price: bigint, quantity: bigint, rules: MarketRules): bigint {
  const notional = quoteValue(price, quantity, rules.baseScale);
  return notional + feeFor(notional, rules.takerFeeBps);
}

/**
 * Largest multiple of quantityStep, at most `available`, whose budgetCost fits `budget`.
 * Cost is non-decreasing in quantity, so a binary search over the step count is exact; the
 * floors make a closed form off by a step now and then, which is why we do not use one.
 */
export function largestAffordable(price: bigint, available: bigint, budget: bigint, rules: MarketRules): bigint {
  let low = 0n;
  let high = available / rules.quantityStep;
  while (low < high) {
    const mid = (low + high + 1n) / 2n;
    if (budgetCost(price, mid * rules.quantityStep, rules) <= budget) low = mid;
    else high = mid - 1n;
  }
  return low * rules.quantityStep;
}

/** Quantity of the fill against `maker`; 0n means a maker remainder below one step (skip it). */
function fillQuantity(want: Want, maker: RestingOrder, rules: MarketRules): bigint {
  if (want.kind === "BASE") return minBigint(want.remaining, maker.remaining);
  return largestAffordable(maker.price, maker.remaining, want.budget, rules);
}

function consume(want: Want, fill: Fill): Want {
  if (want.kind === "BASE") return { kind: "BASE", remaining: want.remaining - fill.quantity };
  return { kind: "QUOTE", budget: want.budget - fill.quoteQuantity - fill.takerFee };
}

function isDone(want: Want, fill: Fill, maker: RestingOrder): boolean {
  assert(want.kind === "BASE" ? want.remaining >= 0n : want.budget >= 0n, "a taker never overspends");
  if (want.kind === "BASE") return want.remaining === 0n;
  // A budget that left this maker open could not pay for one more step of it.
  return want.budget === 0n || fill.quantity < maker.remaining;
}

function walkBook(taker: IncomingOrder, book: readonly RestingOrder[], rules: MarketRules): Walk {
  const walk: Walk = { fills: [], expiredMakerIds: [], stop: "BOOK_EXHAUSTED" };
  let want = initialWant(taker);
  for (const maker of book) {
    if (!isCrossing(taker.side, taker.price, maker.price)) break;
    if (want.kind === "QUOTE" && budgetCost(maker.price, rules.quantityStep, rules) > want.budget) {
      // Filled if it bought something; a budget too small for one step is left to the remainder rule.
      if (walk.fills.length > 0) walk.stop = "COMPLETE";
      break;
    }
    if (maker.userId === taker.userId) {
      if (taker.selfTradePrevention !== "EXPIRE_TAKER") walk.expiredMakerIds.push(maker.id);
      if (taker.selfTradePrevention === "EXPIRE_MAKER") continue;
      walk.stop = "SELF_TRADE";
      break;
    }
    const quantity = fillQuantity(want, maker, rules);
    if (quantity === 0n) continue;
    const fill = makeFill(maker, quantity, rules);
    walk.fills.push(fill);
    want = consume(want, fill);
    if (isDone(want, fill, maker)) {
      walk.stop = "COMPLETE";
      break;
    }
  }
  return walk;
}

function remainderOutcome(taker: IncomingOrder, filledQuantity: bigint): TakerOutcome {
  if (taker.type === "MARKET") return { kind: "EXPIRE", reason: "MARKET_REMAINDER" };
  if (taker.timeInForce === "IOC") return { kind: "EXPIRE", reason: "IOC_REMAINDER" };
  assert(taker.timeInForce === "GTC" && taker.quantity !== null, "only a limit GTC rests");
  const remaining = taker.quantity - filledQuantity;
  assert(remaining > 0n, "a resting remainder is positive");
  return { kind: "REST", remaining };
}

function outcomeFor(taker: IncomingOrder, stop: Stop, filledQuantity: bigint): TakerOutcome {
  if (stop === "COMPLETE") return { kind: "FILLED" };
  if (stop === "SELF_TRADE") return { kind: "EXPIRE", reason: "SELF_TRADE_PREVENTION" };
  return remainderOutcome(taker, filledQuantity);
}

function noTrade(outcome: TakerOutcome): MatchResult {
  return { fills: [], expiredMakerIds: [], filledQuantity: 0n, filledQuote: 0n, outcome };
}

/** Matches `incoming` (already through validateOrder) against `book`, the opposite side best first. */
export function matchOrder(incoming: IncomingOrder, book: readonly RestingOrder[], rules: MarketRules): MatchResult {
  assertBook(incoming, book);
  const best = book[0];
  if (incoming.postOnly && best && isCrossing(incoming.side, incoming.price, best.price)) {
    return noTrade({ kind: "REJECT", reason: "POST_ONLY_WOULD_TAKE" });
  }
  const walk = walkBook(incoming, book, rules);
  if (incoming.timeInForce === "FOK" && walk.stop !== "COMPLETE") {
    return noTrade({ kind: "EXPIRE", reason: "FOK_NOT_FILLABLE" });
  }
  const filledQuantity = walk.fills.reduce((sum, f) => sum + f.quantity, 0n);
  const filledQuote = walk.fills.reduce((sum, f) => sum + f.quoteQuantity, 0n);
  return {
    fills: walk.fills,
    expiredMakerIds: walk.expiredMakerIds,
    filledQuantity,
    filledQuote,
    outcome: outcomeFor(incoming, walk.stop, filledQuantity),
  };
}

export interface AppliedMatch {
  /** The opposite side after the match: makers reduced, filled and expired ones removed. */
  book: RestingOrder[];
  /** The taker's remainder if it rests (on its own side, which the caller inserts it into). */
  resting: RestingOrder | null;
}

export function applyMatch(book: readonly RestingOrder[], incoming: IncomingOrder, result: MatchResult): AppliedMatch {
  const filled = new Map<string, bigint>();
  for (const fill of result.fills) {
    assert(!filled.has(fill.makerOrderId), "one fill per maker");
    filled.set(fill.makerOrderId, fill.quantity);
  }
  const expired = new Set(result.expiredMakerIds);
  const next: RestingOrder[] = [];
  let found = 0;
  for (const maker of book) {
    const quantity = filled.get(maker.id);
    if (quantity !== undefined) found += 1;
    if (expired.has(maker.id)) continue;
    const remaining = maker.remaining - (quantity ?? 0n);
    assert(remaining >= 0n, "a fill never exceeds its maker's remainder");
    if (remaining > 0n) next.push(quantity === undefined ? maker : { ...maker, remaining });
  }
  assert(found === filled.size, "every fill refers to a maker in the book");
  return { book: next, resting: restingTaker(incoming, result.outcome) };
}

function restingTaker(incoming: IncomingOrder, outcome: TakerOutcome): RestingOrder | null {
  if (outcome.kind !== "REST") return null;
  assert(incoming.price !== null, "a resting order has a price");
  return { id: incoming.id, userId: incoming.userId, side: incoming.side, price: incoming.price, remaining: outcome.remaining };
}
