/**
 * A deliberately naive matcher for property tests: it keeps one flat array of orders, re-sorts it
 * to find the best maker at every step, does one thing per loop turn and computes money inline,
 * sharing no code with matcher.ts.
 */
import type { Fill, IncomingOrder, MarketRules, RestingOrder, Side, TakerOutcome } from "./types";

export interface RefOrder extends RestingOrder {
  seq: number;
}

export interface RefResult {
  fills: Fill[];
  expiredMakerIds: string[];
  outcome: TakerOutcome;
}

export class ReferenceBook {
  orders: RefOrder[] = [];
  private seq = 0;

  constructor(private readonly rules: MarketRules) {}

  sorted(side: Side): RefOrder[] {
    return this.orders
      .filter((o) => o.side === side)
      .sort((a, b) => {
        if (a.price !== b.price) return (side === "BUY" ? a.price > b.price : a.price < b.price) ? -1 : 1;
        return a.seq - b.seq;
      });
  }

  best(takerSide: Side): RefOrder | undefined {
    return this.sorted(takerSide === "BUY" ? "SELL" : "BUY")[0];
  }

  crosses(taker: IncomingOrder, price: bigint): boolean {
    if (taker.price === null) return true;
    return taker.side === "BUY" ? price <= taker.price : price >= taker.price;
  }

  notional(price: bigint, quantity: bigint): bigint {
    return (price * quantity) / 10n ** BigInt(this.rules.baseScale);
  }

  cost(price: bigint, quantity: bigint): bigint {
    const notional = this.notional(price, quantity);
    return notional + (notional * BigInt(this.rules.takerFeeBps)) / 10_000n;
  }

  remove(id: string): RefOrder | undefined {
    const found = this.orders.find((o) => o.id === id);
    this.orders = this.orders.filter((o) => o.id !== id);
    return found;
  }

  clone(): ReferenceBook {
    const copy = new ReferenceBook(this.rules);
    copy.orders = this.orders.map((o) => ({ ...o }));
    copy.seq = this.seq;
    return copy;
  }

  place(taker: IncomingOrder): RefResult {
    const best = this.best(taker.side);
    if (taker.postOnly && best && this.crosses(taker, best.price)) {
      return { fills: [], expiredMakerIds: [], outcome: { kind: "REJECT", reason: "POST_ONLY_WOULD_TAKE" } };
    }
    if (taker.timeInForce === "FOK" && !this.canFillCompletely(taker)) {
      return { fills: [], expiredMakerIds: [], outcome: { kind: "EXPIRE", reason: "FOK_NOT_FILLABLE" } };
    }
    const result = this.execute(taker);
    if (result.outcome.kind === "REST" && taker.price !== null) {
      this.orders.push({
        id: taker.id,
        userId: taker.userId,
        side: taker.side,
        price: taker.price,
        remaining: result.outcome.remaining,
        seq: this.seq++,
      });
    }
    return result;
  }

  /** Quantity FOK: count the crossing liquidity it may reach. Budget FOK: try it on a copy. */
  canFillCompletely(taker: IncomingOrder): boolean {
    if (taker.quantity === null) return this.clone().execute(taker).outcome.kind === "FILLED";
    let reachable = 0n;
    for (const maker of this.sorted(taker.side === "BUY" ? "SELL" : "BUY")) {
      if (!this.crosses(taker, maker.price)) break;
      if (maker.userId === taker.userId) {
        if (taker.selfTradePrevention === "EXPIRE_MAKER") continue;
        break;
      }
      reachable += maker.remaining;
    }
    return reachable >= taker.quantity;
  }

  execute(taker: IncomingOrder): RefResult {
    const fills: Fill[] = [];
    const expiredMakerIds: string[] = [];
    let remaining = taker.quantity;
    let budget = taker.quoteAmount;
    const end = (why: "filled" | "self-trade" | "exhausted"): RefResult => ({
      fills,
      expiredMakerIds,
      outcome: this.outcome(taker, why, fills),
    });
    for (;;) {
      const maker = this.best(taker.side);
      if (!maker || !this.crosses(taker, maker.price)) return end("exhausted");
      if (budget !== null && this.cost(maker.price, this.rules.quantityStep) > budget)
        return end(fills.length > 0 ? "filled" : "exhausted");
      if (maker.userId === taker.userId) {
        if (taker.selfTradePrevention === "EXPIRE_TAKER") return end("self-trade");
        this.remove(maker.id);
        expiredMakerIds.push(maker.id);
        if (taker.selfTradePrevention === "EXPIRE_BOTH") return end("self-trade");
        continue;
      }
      let quantity: bigint;
      if (remaining !== null) {
        quantity = maker.remaining;
        if (remaining < quantity) quantity = remaining;
      } else {
        quantity = this.rules.quantityStep;
        const step = this.rules.quantityStep;
        while (quantity + step <= maker.remaining && budget !== null && this.cost(maker.price, quantity + step) <= budget)
          quantity += step;
      }
      const quoteQuantity = this.notional(maker.price, quantity);
      const takerFee = (quoteQuantity * BigInt(this.rules.takerFeeBps)) / 10_000n;
      const makerFee = (quoteQuantity * BigInt(this.rules.makerFeeBps)) / 10_000n;
      fills.push({
        makerOrderId: maker.id,
        makerUserId: maker.userId,
        price: maker.price,
        quantity,
        quoteQuantity,
        takerFee,
        makerFee,
      });
      maker.remaining -= quantity;
      if (maker.remaining === 0n) this.remove(maker.id);
      if (remaining !== null) {
        remaining -= quantity;
        if (remaining === 0n) return end("filled");
      } else if (budget !== null) {
        budget -= quoteQuantity + takerFee;
        if (budget === 0n || maker.remaining > 0n) return end("filled");
      }
    }
  }

  outcome(taker: IncomingOrder, why: "filled" | "self-trade" | "exhausted", fills: Fill[]): TakerOutcome {
    if (why === "filled") return { kind: "FILLED" };
    if (why === "self-trade") return { kind: "EXPIRE", reason: "SELF_TRADE_PREVENTION" };
    if (taker.type === "MARKET") return { kind: "EXPIRE", reason: "MARKET_REMAINDER" };
    if (taker.timeInForce === "IOC") return { kind: "EXPIRE", reason: "IOC_REMAINDER" };
    const filled = fills.reduce((sum, f) => sum + f.quantity, 0n);
    return { kind: "REST", remaining: (taker.quantity ?? 0n) - filled };
  }
}
