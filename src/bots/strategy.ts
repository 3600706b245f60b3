/**
 * Pure quoting maths for the bots, on bigint minor units: a price is quote minor units per one
 * whole base unit, a quantity is base minor units (as everywhere in Bourse). Rounding always
 * favours the quoter: bids round down to the tick, asks up, so a quote is never tighter than asked.
 */

export type Side = "BUY" | "SELL";

export interface QuoteRules {
  baseScale: number;
  priceTick: bigint;
  quantityStep: bigint;
  minQuantity: bigint;
  minNotional: bigint;
}

export interface Quote {
  side: Side;
  price: bigint;
  quantity: bigint;
}

export interface QuoteParams {
  /** Fair price: the book's mid, or the last trade. */
  reference: bigint;
  /** Distance between the best bid and the best ask, in basis points of the reference. */
  spreadBps: number;
  /** Levels per side. */
  levels: number;
  /** Extra distance per level beyond the first, in basis points. */
  levelSpacingBps: number;
  /** Base minor units per level (raised to the minimums when below them). */
  size: bigint;
  /** Base held now and the holding the quoter aims for. */
  inventory: bigint;
  targetInventory: bigint;
  /** How far from target the skew reaches its maximum, and stops quoting the side that adds to it. */
  inventoryLimit: bigint;
  /** The most the skew moves both sides' prices, in basis points. */
  maxSkewBps: number;
}

const BPS = 10_000n;

export const floorTo = (value: bigint, unit: bigint) => (value / unit) * unit;
export const ceilTo = (value: bigint, unit: bigint) => ((value + unit - 1n) / unit) * unit;
const clamp = (value: bigint, low: bigint, high: bigint) => (value < low ? low : value > high ? high : value);

/**
 * Inventory skew in basis points: positive when long (more base than the target), which lowers
 * both sides so that selling gets likelier and buying less likely; linear up to ±maxSkewBps.
 */
export function inventorySkewBps(inventory: bigint, target: bigint, limit: bigint, maxSkewBps: number): bigint {
  if (limit <= 0n) return 0n;
  const max = BigInt(maxSkewBps);
  return clamp(((inventory - target) * max) / limit, -max, max);
}

/** The quantity to quote at `price`: the size on the step, at least the minimum quantity and notional. */
export function quoteQuantity(size: bigint, price: bigint, rules: QuoteRules): bigint {
  const unitsPerBase = 10n ** BigInt(rules.baseScale);
  // notional = price × quantity / 10^baseScale must reach minNotional.
  const forNotional = price > 0n ? ceilTo((rules.minNotional * unitsPerBase + price - 1n) / price, rules.quantityStep) : 0n;
  const floor = ceilTo(rules.minQuantity, rules.quantityStep);
  const wanted = floorTo(size, rules.quantityStep);
  return [wanted, floor, forNotional].reduce((a, b) => (a > b ? a : b));
}

/**
 * Bids and asks around the skewed reference, best level first on each side. A side is dropped
 * when inventory is already at its limit in that direction, and no bid ever reaches an ask.
 */
export function planQuotes(params: QuoteParams, rules: QuoteRules): Quote[] {
  if (params.reference <= 0n || params.levels <= 0) return [];
  const skew = inventorySkewBps(params.inventory, params.targetInventory, params.inventoryLimit, params.maxSkewBps);
  const center = (params.reference * (BPS - skew)) / BPS;
  const excess = params.inventory - params.targetInventory;
  const quoteBids = params.inventoryLimit <= 0n || excess < params.inventoryLimit;
  const quoteAsks = params.inventoryLimit <= 0n || -excess < params.inventoryLimit;
  const quotes: Quote[] = [];
  for (let level = 0; level < params.levels; level++) {
    // Half-spread plus the level's spacing, in units of 1/20000 so an odd spread stays exact.
    const offset = BigInt(params.spreadBps) + 2n * BigInt(level * params.levelSpacingBps);
    const bid = floorTo((center * (2n * BPS - offset)) / (2n * BPS), rules.priceTick);
    let ask = ceilTo((center * (2n * BPS + offset) + 2n * BPS - 1n) / (2n * BPS), rules.priceTick);
    if (ask <= bid) ask = bid + rules.priceTick;
    if (quoteBids && bid > 0n) quotes.push({ side: "BUY", price: bid, quantity: quoteQuantity(params.size, bid, rules) });
    if (quoteAsks) quotes.push({ side: "SELL", price: ask, quantity: quoteQuantity(params.size, ask, rules) });
  }
  return dedupe(quotes);
}

/** Coarse ticks can round two levels onto one price: keep the first (innermost) of each. */
function dedupe(quotes: Quote[]): Quote[] {
  const seen = new Set<string>();
  return quotes.filter((q) => {
    const key = `${q.side}:${q.price}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Keeps the inner quotes that the available balances can pay for: bids cost notional plus the
 * worst-case fee (rounded up), asks cost base. Outer levels go first, so the book stays tight.
 */
export function fitToBalances(
  quotes: readonly Quote[],
  available: { base: bigint; quote: bigint },
  rules: QuoteRules & { feeBps: number },
): Quote[] {
  const unitsPerBase = 10n ** BigInt(rules.baseScale);
  let base = available.base;
  let quote = available.quote;
  const kept: Quote[] = [];
  for (const q of quotes) {
    if (q.side === "SELL") {
      if (q.quantity > base) continue;
      base -= q.quantity;
    } else {
      const notional = (q.price * q.quantity + unitsPerBase - 1n) / unitsPerBase;
      const cost = notional + (notional * BigInt(rules.feeBps) + BPS - 1n) / BPS;
      if (cost > quote) continue;
      quote -= cost;
    }
    kept.push(q);
  }
  return kept;
}

/** The mid of the best bid and ask, or whichever exists, rounded down to the tick; null on an empty book. */
export function referencePrice(bestBid: bigint | null, bestAsk: bigint | null, last: bigint | null, tick: bigint): bigint | null {
  if (bestBid !== null && bestAsk !== null) return floorTo((bestBid + bestAsk) / 2n, tick);
  return last ?? bestBid ?? bestAsk;
}
