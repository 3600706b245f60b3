/**
 * Order-book ladder maths on minor units: price grouping on multiples of the tick, cumulative
 * depth, and the bar widths, which are sized against the largest cumulative total of both sides.
 */
import { ceilTo, floorTo, unitsOf } from "./decimal";
import type { LevelUnits } from "./order-math";

export type RawLevel = readonly [price: string, quantity: string];

export interface LadderRow {
  price: bigint;
  size: bigint;
  /** Sum of sizes from the best price up to and including this row. */
  cumulative: bigint;
  /** 0..100, the depth bar's width: cumulative against the deeper side's total. */
  depthPercent: number;
}

export function toUnits(levels: readonly RawLevel[], quoteScale: number, baseScale: number): LevelUnits[] {
  return levels.map(([price, size]) => [unitsOf(price, quoteScale), unitsOf(size, baseScale)] as const);
}

/**
 * Merges levels into buckets `group` quote units wide. Bids round down and asks round up, so a
 * grouped level never shows a better price than any order inside it.
 */
export function groupLevels(levels: readonly LevelUnits[], group: bigint, side: "bids" | "asks"): LevelUnits[] {
  if (group <= 1n) return [...levels];
  const buckets = new Map<bigint, bigint>();
  for (const [price, size] of levels) {
    const key = side === "bids" ? floorTo(price, group) : ceilTo(price, group);
    buckets.set(key, (buckets.get(key) ?? 0n) + size);
  }
  const rows = [...buckets.entries()].map(([price, size]) => [price, size] as const);
  return rows.sort((a, b) => (side === "bids" ? cmp(b[0], a[0]) : cmp(a[0], b[0])));
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cumulate(levels: readonly LevelUnits[], count: number): Omit<LadderRow, "depthPercent">[] {
  let running = 0n;
  return levels.slice(0, count).map(([price, size]) => {
    running += size;
    return { price, size, cumulative: running };
  });
}

/** The visible rows of both sides, best first, with depth bars on one shared scale. */
export function buildLadder(bids: readonly LevelUnits[], asks: readonly LevelUnits[], rowsPerSide: number) {
  const bidRows = cumulate(bids, rowsPerSide);
  const askRows = cumulate(asks, rowsPerSide);
  const largest = [...bidRows, ...askRows].reduce((max, row) => (row.cumulative > max ? row.cumulative : max), 0n);
  // A width in hundredths of a percent is a small integer, so it may become a number for CSS.
  const withDepth = (row: Omit<LadderRow, "depthPercent">): LadderRow => ({
    ...row,
    depthPercent: largest === 0n ? 0 : Number((row.cumulative * 10_000n) / largest) / 100,
  });
  return { bids: bidRows.map(withDepth), asks: askRows.map(withDepth) };
}

/** Best ask minus best bid, and that spread in basis points of the mid. */
export function spreadOf(bestBid: bigint | undefined, bestAsk: bigint | undefined) {
  if (bestBid === undefined || bestAsk === undefined) return null;
  const spread = bestAsk - bestBid;
  const mid = (bestAsk + bestBid) / 2n;
  return { spread, bps: mid > 0n ? Number((spread * 10_000n) / mid) : 0 };
}

/** Grouping choices: 1, 10, 100, 1000 ticks, as a person would pick on any exchange. */
export function groupingChoices(tick: bigint): bigint[] {
  return [1n, 10n, 100n, 1000n].map((k) => tick * k);
}

/** Applies absolute level updates (size 0 removes) to one side of a local book. */
export function applyLevels(
  levels: readonly RawLevel[],
  updates: readonly RawLevel[],
  side: "bids" | "asks",
): [string, string][] {
  const map = new Map<string, [string, string]>(levels.map(([price, size]) => [price, [price, size]]));
  for (const [price, size] of updates) {
    if (/^0*\.?0*$/.test(size)) map.delete(price);
    else map.set(price, [price, size]);
  }
  const rows = [...map.values()];
  // Prices at one market share a scale, so comparing their units orders them exactly.
  const decimals = rows[0]?.[0].split(".")[1]?.length ?? 0;
  const units = (text: string) => unitsOf(text, decimals);
  return rows.sort((a, b) => (side === "bids" ? cmp(units(b[0]), units(a[0])) : cmp(units(a[0]), units(b[0]))));
}
