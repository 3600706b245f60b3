import { assert } from "./errors";
import type { JournalEntry } from "./ledger";
import { buyHold } from "./money";
import type { CloseReason, MarketRules, MatchResult, OrderStatus, Side } from "./types";

/**
 * Turns a match into everything that must be written, as data: trades, one balanced journal per
 * trade, net balance changes per (account, asset), and the new state of every touched order.
 * Pure, so conservation can be tested without a database.
 *
 * Per fill of q base at price p, notional N, fees fB (buyer) and fS (seller), all in quote, the
 * journal says: buyer quote −(N + fB), base +q; seller base −q, quote +(N − fS); fee account
 * quote +(fB + fS). Balance changes are derived from it (debits from held, credits to
 * available). The ledger records total balances (available + held), so holds and releases
 * need no entry.
 */

export interface SettlementOrder {
  id: string;
  userId: string;
  side: Side;
  /** Null for market orders. */
  price: bigint | null;
  /** Null only for a market buy by quote amount. */
  quantity: bigint | null;
  filledQuantity: bigint;
  filledQuote: bigint;
  feesPaid: bigint;
  /** What the order holds right now, before this settlement. */
  held: bigint;
}

export interface SettlementInput {
  taker: SettlementOrder & { timeInForce: "GTC" | "IOC" | "FOK" };
  /** Every maker the result names, by id. */
  makers: ReadonlyMap<string, SettlementOrder>;
  result: MatchResult;
  rules: MarketRules;
  baseAsset: string;
  quoteAsset: string;
  feeAccountId: string;
}

export interface TradeDraft {
  makerOrderId: string;
  takerOrderId: string;
  makerUserId: string;
  takerUserId: string;
  takerSide: Side;
  price: bigint;
  quantity: bigint;
  quoteQuantity: bigint;
  makerFee: bigint;
  takerFee: bigint;
}

export interface BalanceDelta {
  userId: string;
  asset: string;
  available: bigint;
  held: bigint;
}

export interface OrderUpdate {
  id: string;
  userId: string;
  filledQuantity: bigint;
  filledQuote: bigint;
  feesPaid: bigint;
  held: bigint;
  status: OrderStatus;
  closeReason: CloseReason | null;
}

export interface SettlementPlan {
  trades: TradeDraft[];
  /** Parallel to `trades`: the journal of each. */
  journals: JournalEntry[][];
  balanceDeltas: BalanceDelta[];
  makerUpdates: OrderUpdate[];
  takerUpdate: OrderUpdate;
}

class DeltaBook {
  private readonly deltas = new Map<string, BalanceDelta>();

  add(userId: string, asset: string, available: bigint, held: bigint): void {
    if (available === 0n && held === 0n) return;
    const key = `${userId}\u0000${asset}`;
    const current = this.deltas.get(key) ?? { userId, asset, available: 0n, held: 0n };
    current.available += available;
    current.held += held;
    this.deltas.set(key, current);
  }

  list(): BalanceDelta[] {
    return [...this.deltas.values()].filter((d) => d.available !== 0n || d.held !== 0n);
  }
}

export function planSettlement(input: SettlementInput): SettlementPlan {
  const { taker, result, rules, baseAsset, quoteAsset, feeAccountId } = input;
  const deltas = new DeltaBook();
  const makerState = new Map<string, OrderUpdate>();
  const takerState = startUpdate(taker);
  const trades: TradeDraft[] = [];
  const journals: JournalEntry[][] = [];

  for (const fill of result.fills) {
    const maker = input.makers.get(fill.makerOrderId);
    assert(maker, `maker ${fill.makerOrderId} was matched but not provided`);
    const makerUpdate = makerState.get(maker.id) ?? startUpdate(maker);
    makerState.set(maker.id, makerUpdate);

    const buyer =
      taker.side === "BUY"
        ? { user: taker.userId, fee: fill.takerFee, order: takerState }
        : { user: maker.userId, fee: fill.makerFee, order: makerUpdate };
    const seller =
      taker.side === "BUY"
        ? { user: maker.userId, fee: fill.makerFee, order: makerUpdate }
        : { user: taker.userId, fee: fill.takerFee, order: takerState };
    const buyerSpend = fill.quoteQuantity + buyer.fee;
    const journal: JournalEntry[] = [
      { userId: buyer.user, asset: quoteAsset, amount: -buyerSpend },
      { userId: seller.user, asset: quoteAsset, amount: fill.quoteQuantity - seller.fee },
      { userId: feeAccountId, asset: quoteAsset, amount: buyer.fee + seller.fee },
      { userId: seller.user, asset: baseAsset, amount: -fill.quantity },
      { userId: buyer.user, asset: baseAsset, amount: fill.quantity },
    ];
    // The journal is the one statement of who pays whom; balances follow from it. A fill only
    // spends what its order held and only credits what is free to use, so every debit comes out
    // of held and every credit goes to available.
    for (const entry of journal) {
      deltas.add(entry.userId, entry.asset, entry.amount > 0n ? entry.amount : 0n, entry.amount < 0n ? entry.amount : 0n);
    }

    buyer.order.held -= buyerSpend;
    seller.order.held -= fill.quantity;
    for (const [order, fee] of [
      [takerState, fill.takerFee],
      [makerUpdate, fill.makerFee],
    ] as const) {
      order.filledQuantity += fill.quantity;
      order.filledQuote += fill.quoteQuantity;
      order.feesPaid += fee;
    }
    assert(buyer.order.held >= 0n && seller.order.held >= 0n, "a fill spent more than its order held");

    trades.push({
      makerOrderId: maker.id,
      takerOrderId: taker.id,
      makerUserId: maker.userId,
      takerUserId: taker.userId,
      takerSide: taker.side,
      price: fill.price,
      quantity: fill.quantity,
      quoteQuantity: fill.quoteQuantity,
      makerFee: fill.makerFee,
      takerFee: fill.takerFee,
    });
    journals.push(journal);
  }

  const heldAsset = (side: Side) => (side === "BUY" ? quoteAsset : baseAsset);
  const expired = new Set(result.expiredMakerIds);
  for (const id of expired) {
    const maker = input.makers.get(id);
    assert(maker, `expired maker ${id} was not provided`);
    if (!makerState.has(id)) makerState.set(id, startUpdate(maker));
  }
  for (const update of makerState.values()) {
    const maker = input.makers.get(update.id);
    assert(maker?.quantity != null, "a resting maker has a quantity");
    if (expired.has(update.id)) close(update, "EXPIRED", "SELF_TRADE_PREVENTION");
    else if (update.filledQuantity === maker.quantity) close(update, "FILLED", null);
    else update.status = "PARTIALLY_FILLED";
    // A closed order gives back the rounding dust it still holds.
    if (update.status !== "PARTIALLY_FILLED") release(update, maker.side);
  }

  settleTaker(takerState, taker, result);
  release(
    takerState,
    taker.side,
    takerState.status === "NEW" || takerState.status === "PARTIALLY_FILLED" ? restingHold(taker, takerState, rules) : 0n,
  );

  function release(update: OrderUpdate, side: Side, keep = 0n): void {
    const amount = update.held - keep;
    assert(amount >= 0n, `order ${update.id} holds less than its remainder needs`);
    deltas.add(update.userId, heldAsset(side), amount, -amount);
    update.held = keep;
  }

  return { trades, journals, balanceDeltas: deltas.list(), makerUpdates: [...makerState.values()], takerUpdate: takerState };
}

function startUpdate(order: SettlementOrder): OrderUpdate {
  return {
    id: order.id,
    userId: order.userId,
    filledQuantity: order.filledQuantity,
    filledQuote: order.filledQuote,
    feesPaid: order.feesPaid,
    held: order.held,
    status: order.filledQuantity > 0n ? "PARTIALLY_FILLED" : "NEW",
    closeReason: null,
  };
}

function close(update: OrderUpdate, status: OrderStatus, reason: CloseReason | null): void {
  update.status = status;
  update.closeReason = reason;
}

function settleTaker(update: OrderUpdate, taker: SettlementInput["taker"], result: MatchResult): void {
  const outcome = result.outcome;
  switch (outcome.kind) {
    case "FILLED":
      close(update, "FILLED", null);
      break;
    case "REST":
      assert(taker.quantity !== null && taker.quantity - update.filledQuantity === outcome.remaining, "rest remainder mismatch");
      update.status = update.filledQuantity > 0n ? "PARTIALLY_FILLED" : "NEW";
      break;
    case "EXPIRE":
      close(update, "EXPIRED", outcome.reason);
      break;
    case "REJECT":
      close(update, "REJECTED", outcome.reason);
      break;
  }
}

/** What a resting remainder must keep held: a buy its worst-case cost, a sell its quantity. */
function restingHold(taker: SettlementOrder, update: OrderUpdate, rules: MarketRules): bigint {
  assert(taker.quantity !== null && taker.price !== null, "only limit orders rest");
  const remaining = taker.quantity - update.filledQuantity;
  return taker.side === "BUY" ? buyHold(taker.price, remaining, rules) : remaining;
}
