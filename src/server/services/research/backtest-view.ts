/**
 * What a backtest returns: decimal strings for every amount, epoch milliseconds for times, JS
 * numbers only for ratios. The domain's summary already bounds it (domain/backtest/summary.ts):
 * an equity curve sampled down to MAX_EQUITY_POINTS (the metrics were computed on every point)
 * and the last MAX_TRADES round trips.
 */
import type { EquityPoint, RoundTrip, SimulatedFill } from "@/domain/backtest";
import type { WalkForwardOutcome } from "@/domain/backtest/job";
import type { EvaluationSummary } from "@/domain/backtest/summary";
import { formatDecimal } from "@/domain/decimal";

export interface Scales {
  baseScale: number;
  quoteScale: number;
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

export function evaluationView(summary: EvaluationSummary, scales: Scales) {
  const quote = (value: bigint) => formatDecimal(value, scales.quoteScale);
  return {
    metrics: summary.metrics,
    finalEquity: quote(summary.finalEquity),
    feesPaid: quote(summary.feesPaid),
    fillCount: summary.fillCount,
    skippedOrders: summary.skippedOrders,
    trades: summary.roundTrips.map((trip) => roundTripView(trip, scales)),
    openTrade: summary.openEntry === null ? null : fillView(summary.openEntry, scales),
    equity: summary.equity.map((point) => equityView(point, scales)),
  };
}
export type EvaluationView = ReturnType<typeof evaluationView>;

export function walkForwardView(outcome: WalkForwardOutcome, scales: Scales) {
  return {
    splitTime: outcome.splitTimeMs,
    inSample: outcome.inSample,
    outOfSample: {
      ...evaluationView(outcome.outOfSample.result, scales),
      buyAndHold: evaluationView(outcome.outOfSample.buyAndHold, scales),
    },
  };
}
