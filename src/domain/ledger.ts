import { assert } from "./errors";

export interface JournalEntry {
  userId: string;
  asset: string;
  /** Signed minor units: positive credits the account. */
  amount: bigint;
}

/** Double entry: within one journal every asset's entries sum to exactly zero. */
export function assertJournalBalanced(entries: readonly JournalEntry[]): void {
  const sums = new Map<string, bigint>();
  for (const e of entries) sums.set(e.asset, (sums.get(e.asset) ?? 0n) + e.amount);
  for (const [asset, sum] of sums) assert(sum === 0n, `journal for ${asset} sums to ${sum}, not 0`);
}
