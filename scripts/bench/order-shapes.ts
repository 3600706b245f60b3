import type { Profile } from "./profile";

/**
 * The orders every placement case sends, chosen so that outcomes never depend on timing: resting
 * buys sit below every ask (1.00–99.00), makers sell at 100.00, and a taker buys 1 at 100.00 IOC,
 * so it fills exactly one maker (all makers have the same size and price) or, with none left,
 * nothing — which the case counts as an error.
 */
export const QUANTITY = "1";
export const MAKER_PRICE = "100.00";

export const restingPrice = (index: number) => `${1 + (index % 99)}.00`;

/** Unique per run and case, within the 64 characters a clientOrderId may have. */
export const clientOrderId = (runId: string, tag: string, index: number) => `${runId}-${tag}-${index}`;

/**
 * Makers to seed for a taker case: its count bound, or what it could use within its time bound
 * at the resting rate (a fill usually costs more than resting, so that suffices). Unused makers
 * stay at the same price and serve the next taker case.
 */
export function makersFor(restingPerSecond: number | null, profile: Profile): number {
  const cap = profile.caseMaxOps + profile.warmupMaxOps;
  if (restingPerSecond === null) return cap;
  const usable = Math.ceil(restingPerSecond * ((profile.caseMaxMs + profile.warmupMaxMs) / 1000));
  return Math.min(cap, Math.max(profile.warmupMaxOps + 10, usable));
}
