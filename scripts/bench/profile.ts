/**
 * How big each case is. Every case stops at whichever bound it reaches first, a count or a time,
 * so a slow machine shortens the run instead of lengthening it. `quick` only proves that every
 * case still runs end to end (CI); its figures mean nothing.
 */
export interface Profile {
  readonly name: "full" | "quick";
  /** Concurrent clients of the closed-loop placement, floor and raw-Postgres cases. */
  readonly clientCounts: readonly number[];
  /** The concurrency of single-figure cases (reads, in-process placement, open loop). */
  readonly standardClients: number;
  readonly caseMaxOps: number;
  readonly caseMaxMs: number;
  readonly warmupMaxOps: number;
  readonly warmupMaxMs: number;
  /** Open-loop rates as fractions of the closed-loop maximum at standardClients. */
  readonly openLoopFractions: readonly number[];
  readonly openLoopMs: number;
  readonly cancelAllReps: number;
  readonly cancelAllMaxMs: number;
  readonly cancelAllOrders: number;
  /** Orders placed one at a time while counting statements. */
  readonly statementOrders: number;
  readonly liveSubscribers: number;
  readonly liveTradesPerSec: number;
  readonly liveMs: number;
  /** The whole run is aborted (and cleaned up) past this. */
  readonly runBudgetMs: number;
}

export const FULL: Profile = {
  name: "full",
  clientCounts: [1, 8, 32],
  standardClients: 8,
  caseMaxOps: 5_000,
  caseMaxMs: 5_000,
  warmupMaxOps: 100,
  warmupMaxMs: 500,
  openLoopFractions: [0.25, 0.5, 0.75],
  openLoopMs: 5_000,
  cancelAllReps: 100,
  cancelAllMaxMs: 15_000,
  cancelAllOrders: 50,
  statementOrders: 50,
  liveSubscribers: 1_000,
  liveTradesPerSec: 20,
  liveMs: 10_000,
  runBudgetMs: 10 * 60_000,
};

export const QUICK: Profile = {
  name: "quick",
  clientCounts: [1, 8, 32],
  standardClients: 8,
  caseMaxOps: 40,
  caseMaxMs: 400,
  warmupMaxOps: 8,
  warmupMaxMs: 200,
  openLoopFractions: [0.5],
  openLoopMs: 500,
  cancelAllReps: 3,
  cancelAllMaxMs: 3_000,
  cancelAllOrders: 50,
  statementOrders: 5,
  liveSubscribers: 50,
  liveTradesPerSec: 5,
  liveMs: 1_500,
  runBudgetMs: 3 * 60_000,
};
