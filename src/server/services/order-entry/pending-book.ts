import type { WakeRange } from "../../db/queries/conditional-orders";
import type { OrderRow } from "../../db/queries/orders";
import { trailOf } from "@/domain/conditional-rules";
import { assert } from "@/domain/errors";
import { TriggerSet } from "@/domain/trigger-set";
import { type PendingTrigger, wakePoints } from "@/domain/trigger-state";
import { FiredQueue } from "@/domain/trigger-step";
import { CONDITIONAL_TYPES, type ConditionalType } from "@/domain/types";

/**
 * The conditional orders a batch knows: the pending ones its trades could reach (the trigger set)
 * and the fired ones waiting to execute (the queue). Stored pending orders are read only when a
 * trade's price reaches the market's wake bounds (read with the lock), and then only the range the
 * batch's trades have reached beyond what it read before: a market whose trades wake nothing
 * costs no statement. Every order of the set is observed on every later trade of the batch, which
 * is exact because orders outside the ranges read are untouched by every price inside them.
 */
export class PendingBook {
  readonly set: TriggerSet;
  readonly queue: FiredQueue;
  /** All stored pending orders with wake_below >= belowKnown (resp. wake_above <= aboveKnown) have been read. */
  private belowKnown: bigint | null = null;
  private aboveKnown: bigint | null = null;

  constructor(
    priceTick: bigint,
    /** The stored bounds when the market was locked (null: nothing pending on that side). */
    private readonly storedBelowMax: bigint | null,
    private readonly storedAboveMin: bigint | null,
    fired: readonly bigint[],
  ) {
    this.set = new TriggerSet(priceTick);
    this.queue = new FiredQueue(fired.map(String));
  }

  /** What must still be read so that every stored pending order `prices` wake is known; null: nothing. */
  rangesFor(prices: readonly bigint[]): { below: WakeRange | null; above: WakeRange | null } | null {
    if (prices.length === 0) return null;
    let low = prices[0] as bigint;
    let high = low;
    for (const price of prices) {
      if (price < low) low = price;
      if (price > high) high = price;
    }
    const below =
      this.storedBelowMax !== null && low <= this.storedBelowMax && (this.belowKnown === null || low < this.belowKnown)
        ? { reach: low, known: this.belowKnown }
        : null;
    const above =
      this.storedAboveMin !== null && high >= this.storedAboveMin && (this.aboveKnown === null || high > this.aboveKnown)
        ? { reach: high, known: this.aboveKnown }
        : null;
    return below || above ? { below, above } : null;
  }

  markRead(ranges: { below: WakeRange | null; above: WakeRange | null }): void {
    if (ranges.below) this.belowKnown = ranges.below.reach;
    if (ranges.above) this.aboveKnown = ranges.above.reach;
  }

  /** A pending row joins the set (read, or placed by this batch); a row already there is left as it is. */
  watch(row: OrderRow): void {
    assert(row.status === "PENDING", "only pending orders wait for a trigger");
    const id = row.id.toString();
    if (!this.set.has(id)) this.set.add(pendingTriggerOf(row));
  }

  /** Forgets an order that closed (canceled, or its OCO's other leg traded). */
  forget(id: bigint): void {
    this.set.remove(id.toString());
    this.queue.remove(id.toString());
  }
}

function isConditionalType(type: OrderRow["type"]): type is ConditionalType {
  return (CONDITIONAL_TYPES as readonly string[]).includes(type);
}

export function pendingTriggerOf(row: OrderRow): PendingTrigger {
  assert(isConditionalType(row.type), "a pending order is conditional");
  return {
    id: row.id.toString(),
    seq: row.id,
    type: row.type,
    side: row.side,
    trail: trailOf(row),
    activationPrice: row.activationPrice,
    trigger: row.triggerPrice,
    extreme: row.trailExtreme,
  };
}

/** The row fields a trigger state decides, wake points included (null once the order is no longer pending). */
export function triggerColumns(
  trigger: PendingTrigger,
  isPending: boolean,
): Pick<OrderRow, "triggerPrice" | "trailExtreme" | "wakeBelow" | "wakeAbove"> {
  const wake = isPending ? wakePoints(trigger) : { below: null, above: null };
  return { triggerPrice: trigger.trigger, trailExtreme: trigger.extreme, wakeBelow: wake.below, wakeAbove: wake.above };
}
