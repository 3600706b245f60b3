/**
 * What a backtest hands back: the metrics, computed on every equity point and every round trip,
 * and the curve and trades bounded for the answer. The bound is applied where the run happens,
 * so what crosses from a worker thread to the server's main thread is small whatever the range
 * (200,000 equity points would cost the main thread a third of a second to receive).
 */
import { MAX_EQUITY_POINTS, MAX_TRADES } from "./limits";
import type { Metrics } from "./metrics";
import type { Evaluation } from "./run";
import type { EquityPoint, RoundTrip } from "./simulate";
import type { SimulatedFill } from "./fills";

export interface EvaluationSummary {
  metrics: Metrics;
  initialCash: bigint;
  /** Equity at the last close (the initial cash when there is no candle). */
  finalEquity: bigint;
  feesPaid: bigint;
  fillCount: number;
  skippedOrders: number;
  /** The last MAX_TRADES round trips, oldest first; metrics.tradeCount counts them all. */
  roundTrips: RoundTrip[];
  openEntry: SimulatedFill | null;
  /** At most MAX_EQUITY_POINTS, evenly spaced, the first and the last always kept. */
  equity: EquityPoint[];
}

/** At most `max` points, evenly spaced, always keeping the first and the last. */
export function sampleEvenly<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const stride = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * stride)]).filter((p) => p !== undefined);
}

export function summarize({ simulation, metrics }: Evaluation): EvaluationSummary {
  return {
    metrics,
    initialCash: simulation.initialCash,
    finalEquity: simulation.equity.at(-1)?.equity ?? simulation.initialCash,
    feesPaid: simulation.feesPaid,
    fillCount: simulation.fills.length,
    skippedOrders: simulation.skippedOrders,
    roundTrips: simulation.roundTrips.slice(-MAX_TRADES),
    openEntry: simulation.openEntry,
    equity: sampleEvenly(simulation.equity, MAX_EQUITY_POINTS),
  };
}
