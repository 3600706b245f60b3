/**
 * The pending conditional orders a batch knows of, and what each trade does to them. Every order
 * in the set is observed on every trade, in trade order; the set is exact for the trades it sees
 * as long as it holds every pending order those trades wake (trigger-state.ts), which is the
 * caller's business (the batch loads them by wake point before it observes).
 */
import { assert } from "./errors";
import { firingOrder, observeTrade, type PendingTrigger } from "./trigger-state";

export interface Observed {
  /** Orders the trades fired, in firing order; they have left the set. */
  fired: PendingTrigger[];
  /** Orders whose state the trades changed (trailing stops), as they are now; none of them fired. */
  moved: PendingTrigger[];
}

export class TriggerSet {
  private readonly orders = new Map<string, PendingTrigger>();

  constructor(private readonly priceTick: bigint) {}

  get size(): number {
    return this.orders.size;
  }

  has(id: string): boolean {
    return this.orders.has(id);
  }

  get(id: string): PendingTrigger | undefined {
    return this.orders.get(id);
  }

  values(): PendingTrigger[] {
    return [...this.orders.values()];
  }

  add(order: PendingTrigger): void {
    assert(!this.orders.has(order.id), "a pending order joins the set once");
    this.orders.set(order.id, order);
  }

  /** Takes an order out (canceled, or its OCO's other leg traded); false if it was not here. */
  remove(id: string): boolean {
    return this.orders.delete(id);
  }

  /**
   * Observes trades at `prices`, in order: each fires what it reaches (in firingOrder) before the
   * next is observed, so an order fired by an earlier trade fires before one a later trade reaches.
   */
  observe(prices: readonly bigint[]): Observed {
    const fired: PendingTrigger[] = [];
    const moved = new Map<string, PendingTrigger>();
    for (const price of prices) {
      const firedNow: PendingTrigger[] = [];
      for (const order of this.orders.values()) {
        const { next, fires } = observeTrade(order, price, this.priceTick);
        if (fires) firedNow.push(next);
        else if (next !== order) {
          this.orders.set(order.id, next);
          moved.set(order.id, next);
        }
      }
      firedNow.sort(firingOrder);
      for (const order of firedNow) {
        this.orders.delete(order.id);
        moved.delete(order.id);
        fired.push(order);
      }
    }
    return { fired, moved: [...moved.values()] };
  }
}
