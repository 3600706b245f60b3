/**
 * Average-cost accounting of the viewer's own trades, per market, on minor units. Buys add their
 * notional plus fee to the cost; a sell takes out the average cost of what it sold and books the
 * difference to its proceeds (after fee) as realised P&L. Holdings that came from deposits have no
 * recorded cost, so a sell beyond what was bought here realises nothing for that excess.
 * Divisions round down (floor), like every other division of money in Bourse.
 */
import { minBigint } from "@/domain/decimal";
import { quoteValue } from "@/domain/money";
import type { OwnTrade } from "@/trpc/types";
import { pow10, unitsOf } from "./decimal";

export interface Position {
  /** Base minor units bought here and not yet sold. */
  quantity: bigint;
  /** Quote minor units those units cost, fees included. */
  cost: bigint;
  /** Quote minor units realised by sells, fees included. */
  realized: bigint;
}

export interface Scales {
  baseScale: number;
  quoteScale: number;
}

const EMPTY: Position = { quantity: 0n, cost: 0n, realized: 0n };

function apply(position: Position, trade: OwnTrade, scales: Scales): Position {
  const quantity = unitsOf(trade.quantity, scales.baseScale);
  const notional = unitsOf(trade.quoteQuantity, scales.quoteScale);
  const fee = unitsOf(trade.fee, scales.quoteScale);
  if (trade.side === "BUY") return { ...position, quantity: position.quantity + quantity, cost: position.cost + notional + fee };
  if (position.quantity === 0n || quantity === 0n) return position;
  const sold = minBigint(quantity, position.quantity);
  const costOut = (position.cost * sold) / position.quantity;
  const proceeds = ((notional - fee) * sold) / quantity;
  return { quantity: position.quantity - sold, cost: position.cost - costOut, realized: position.realized + proceeds - costOut };
}

/** Positions by market symbol from trades in any order (they are replayed oldest first, by id). */
export function positionsOf(
  trades: readonly OwnTrade[],
  scalesOf: (market: string) => Scales | undefined,
): Map<string, Position> {
  const ordered = [...trades].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const positions = new Map<string, Position>();
  for (const trade of ordered) {
    const scales = scalesOf(trade.market);
    if (!scales) continue;
    positions.set(trade.market, apply(positions.get(trade.market) ?? EMPTY, trade, scales));
  }
  return positions;
}

/** Average cost of one whole base unit, in quote minor units; null with nothing held. */
export function averageCost(position: Position, baseScale: number): bigint | null {
  return position.quantity > 0n ? (position.cost * pow10(baseScale)) / position.quantity : null;
}

/** Value at `lastPrice` minus cost, for the units bought here. */
export function unrealized(position: Position, lastPrice: bigint, baseScale: number): bigint {
  return quoteValue(lastPrice, position.quantity, baseScale) - position.cost;
}
