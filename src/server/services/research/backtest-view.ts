/**
 * What a backtest returns: decimal strings for every amount, epoch milliseconds for times, JS
 * numbers only for ratios. Bounded: the equity curve is sampled down to MAX_EQUITY_POINTS (the
 * metrics were computed on every point) and only the last MAX_TRADES round trips are listed.
 */
import type { EquityPoint, Evaluation, RoundTrip, SimulatedFill, WalkForwardResult } from "@/domain/backtest";
import { formatDecimal } from "@/domain/decimal";

export const MAX_EQUITY_POINTS = 1_000;
export const MAX_TRADES = 500;

export interface Scales {
  baseScale: number;
  quoteScale: number;
}

/** At most `max` points, evenly spaced, always keeping the first and the last. */
export function sampleEvenly<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const stride = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * stride)]).filter((p) => p !== undefined);
}

function fillView(fill: SimulatedFill, scales: Scales) {
  return {
    time: fill.timeMs,
    side: fill.side,
    price: formatDecimal(fill.price, scales.quoteScale),
    quantity: formatDecimal(fill.quantity, scales.baseScale),
    notional: formatDecimal(fill.notional, scales.quoteScale),
    fee: formatDecimal(fill.fee, scales.quoteScale),
  };
}

function roundTripView(trip: RoundTrip, scales: Scales) {
  return {
    entry: fillView(trip.entry, scales),
    exit: fillView(trip.exit, scales),
    pnl: formatDecimal(trip.pnl, scales.quoteScale),
  };
}

function equityView(point: EquityPoint, scales: Scales) {
  return {
    time: point.timeMs,
    equity: formatDecimal(point.equity, scales.quoteScale),
    cash: formatDecimal(point.cash, scales.quoteScale),
    position: formatDecimal(point.position, scales.baseScale),
  };
}

export function evaluationView({ simulation, metrics }: Evaluation, scales: Scales) {
  const quote = (value: bigint) => formatDecimal(value, scales.quoteScale);
  return {
    metrics,
    finalEquity: quote(simulation.equity.at(-1)?.equity ?? simulation.initialCash),
    feesPaid: quote(simulation.feesPaid),
    fillCount: simulation.fills.length,
    skippedOrders: simulation.skippedOrders,
    trades: simulation.roundTrips.slice(-MAX_TRADES).map((trip) => roundTripView(trip, scales)),
    openTrade: simulation.openEntry === null ? null : fillView(simulation.openEntry, scales),
    equity: sampleEvenly(simulation.equity, MAX_EQUITY_POINTS).map((point) => equityView(point, scales)),
  };
}
export type EvaluationView = ReturnType<typeof evaluationView>;

export function walkForwardView(result: WalkForwardResult, scales: Scales) {
  return {
    splitTime: result.splitTimeMs,
    inSample: {
      best: result.inSample.best,
      buyAndHold: result.inSample.buyAndHold.metrics,
      tried: result.inSample.tried,
      skipped: result.inSample.skipped,
    },
    outOfSample: {
      ...evaluationView(result.outOfSample, scales),
      buyAndHold: evaluationView(result.outOfSample.buyAndHold, scales),
    },
  };
}
