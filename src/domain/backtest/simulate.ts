/**
 * The fill engine: walks a candle series with the strategy's targets and books every fill in
 * exact integers. Decisions, in order, at each candle i:
 * - From i = 1 on, if candle i has trades, act on the target decided at the close of candle i - 1:
 *   LONG while flat → market buy with all cash at open_i; FLAT while long → market sell of the
 *   whole position at open_i (fills.ts: live rules, live matcher, slippage against the trader).
 *   A candle without trades fills nothing, so the order waits for the next candle with trades.
 * - At the close of every candle, mark equity = cash + floor(position × close / 10^baseScale).
 * Cash is quote minor units and never negative; the position is base minor units, on step and
 * at least minQuantity whenever it is not zero. No leverage, no shorting, no exit at the end: an
 * open position is marked at the last close.
 */
import type { Candle } from "../candles";
import { assert } from "../errors";
import { quoteValue } from "../money";
import type { Side } from "../types";
import { assertSimulationInputs, type FillAt, type SimulatedFill, simulateBuy, simulateSell } from "./fills";
import { CHECKPOINT_EVERY_CANDLES } from "./limits";
import { hasTrades } from "./series";
import type { Exposure, SimulationConfig } from "./types";

export interface EquityPoint {
  /** The open time of the candle; the amounts are as of its close. */
  timeMs: number;
  cash: bigint;
  /** Base minor units held. */
  position: bigint;
  /** cash + position marked at the close, quote minor units. */
  equity: bigint;
}

/** A closed position: bought once, sold once. */
export interface RoundTrip {
  entry: SimulatedFill;
  exit: SimulatedFill;
  /** (exit notional − exit fee) − (entry notional + entry fee), quote minor units. */
  pnl: bigint;
}

export interface Simulation {
  initialCash: bigint;
  fills: SimulatedFill[];
  roundTrips: RoundTrip[];
  /** The buy of a position still held at the end, if any. */
  openEntry: SimulatedFill | null;
  /** One point per candle. */
  equity: EquityPoint[];
  feesPaid: bigint;
  /** Orders the rules refused (cash below the minimums, a sell rounding to price zero); a refused
   * order is tried again at the next candle with trades and counts again. */
  skippedOrders: number;
}

interface Book {
  cash: bigint;
  position: bigint;
  openEntry: SimulatedFill | null;
}

function applyFill(book: Book, fill: SimulatedFill, sim: Simulation): void {
  sim.fills.push(fill);
  sim.feesPaid += fill.fee;
  if (fill.side === "BUY") {
    book.cash -= fill.notional + fill.fee;
    book.position += fill.quantity;
    book.openEntry = fill;
  } else {
    assert(book.openEntry !== null, "a sell closes a position that was bought");
    book.cash += fill.notional - fill.fee;
    book.position -= fill.quantity;
    const entry = book.openEntry;
    sim.roundTrips.push({ entry, exit: fill, pnl: fill.notional - fill.fee - (entry.notional + entry.fee) });
    book.openEntry = null;
  }
  assert(book.cash >= 0n && book.position >= 0n, "a long-only, unlevered book never goes below zero");
}

/** The order a target asks for from this book, if any. */
function orderFor(book: Book, target: Exposure): Side | null {
  if (target === "LONG" && book.position === 0n) return "BUY";
  if (target === "FLAT" && book.position > 0n) return "SELL";
  return null;
}

function fillOrder(side: Side, book: Book, at: FillAt): SimulatedFill | null {
  return side === "BUY" ? simulateBuy(book.cash, at) : simulateSell(book.position, at);
}

/** Runs `targets` (one per candle, decided at its close) over `candles` from `config.initialCash`. */
export function simulate(candles: readonly Candle[], targets: readonly Exposure[], config: SimulationConfig): Simulation {
  assert(candles.length === targets.length, "one target per candle");
  assertSimulationInputs(config.rules, config.initialCash, config.slippageBps);
  const sim: Simulation = {
    initialCash: config.initialCash,
    fills: [],
    roundTrips: [],
    openEntry: null,
    equity: [],
    feesPaid: 0n,
    skippedOrders: 0,
  };
  const book: Book = { cash: config.initialCash, position: 0n, openEntry: null };
  candles.forEach((candle, index) => {
    if (index % CHECKPOINT_EVERY_CANDLES === 0) config.checkpoint?.();
    const target = targets[index - 1];
    const side = target === undefined || !hasTrades(candle) ? null : orderFor(book, target);
    if (side !== null) {
      const fill = fillOrder(side, book, { candle, index, rules: config.rules, slippageBps: config.slippageBps });
      if (fill === null) sim.skippedOrders += 1;
      else applyFill(book, fill, sim);
    }
    const equity = book.cash + quoteValue(candle.close, book.position, config.rules.baseScale);
    sim.equity.push({ timeMs: candle.openTimeMs, cash: book.cash, position: book.position, equity });
  });
  sim.openEntry = book.openEntry;
  return sim;
}
