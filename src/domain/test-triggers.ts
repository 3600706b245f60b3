import type { PendingTrigger } from "./trigger-state";

/** The domain tests' pending order: a sell stop at 100, placed first. A test names only what it is about. */
export function pendingTrigger(fields: Partial<PendingTrigger> = {}): PendingTrigger {
  return {
    id: "p",
    seq: 1n,
    type: "STOP_MARKET",
    side: "SELL",
    trail: null,
    activationPrice: null,
    trigger: 100n,
    extreme: null,
    ...fields,
  };
}
