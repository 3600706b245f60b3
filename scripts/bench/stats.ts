/**
 * Percentiles and the two ways of offering load. Closed loop: each client sends its next request
 * when the previous one answered, which finds the maximum rate. Open loop: requests leave at fixed
 * intended times whatever happens, and latency counts from that intended time, so a stall shows as
 * the queue it builds instead of hiding behind clients that stopped sending (coordinated omission).
 */

export interface Summary {
  /** Successful operations measured (warm-up excluded). */
  ops: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest rank on sorted values: an observed latency, never an interpolation. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function summarize(latenciesMs: number[], errors: number, firstError: string | null, seconds: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    ops: sorted.length,
    errors,
    firstError,
    seconds: round(seconds, 3),
    perSecond: seconds > 0 ? round(sorted.length / seconds, 1) : 0,
    p50Ms: round(percentile(sorted, 0.5), 2),
    p99Ms: round(percentile(sorted, 0.99), 2),
    maxMs: round(sorted.at(-1) ?? Number.NaN, 2),
  };
}

export const round = (value: number, digits: number) => (Number.isFinite(value) ? +value.toFixed(digits) : value);

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/** One operation: `index` is unique across warm-up and measurement (for ids and prices). */
export type Operation = (index: number, client: number) => Promise<void>;

export interface Bounds {
  maxOps: number;
  maxMs: number;
}

export interface ClosedLoopOptions {
  clients: number;
  measure: Bounds;
  warmup?: Bounds;
  op: Operation;
  /** Called between warm-up and measurement (e.g. to reset statement counters). */
  onMeasureStart?: () => void;
}

export async function runClosedLoop(options: ClosedLoopOptions): Promise<Summary> {
  let index = 0;
  const next = () => index++;
  if (options.warmup && options.warmup.maxOps > 0) await loop(options.clients, options.warmup, options.op, next);
  options.onMeasureStart?.();
  const started = performance.now();
  const { latencies, errors, firstError } = await loop(options.clients, options.measure, options.op, next);
  return summarize(latencies, errors, firstError, (performance.now() - started) / 1000);
}

async function loop(clients: number, bounds: Bounds, op: Operation, next: () => number) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let issued = 0;
  const deadline = performance.now() + bounds.maxMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (issued < bounds.maxOps && performance.now() < deadline) {
        issued++;
        const sent = performance.now();
        try {
          await op(next(), client);
          latencies.push(performance.now() - sent);
        } catch (error) {
          errors++;
          firstError ??= errorMessage(error);
        }
      }
    }),
  );
  return { latencies, errors, firstError };
}

export interface OpenLoopOptions {
  ratePerSec: number;
  maxMs: number;
  maxOps: number;
  /** Past this many unanswered requests, a due request is dropped (counted) rather than queued without end. */
  maxInFlight: number;
  op: (index: number) => Promise<void>;
  firstIndex?: number;
}

export interface OpenLoopSummary extends Summary {
  intendedPerSec: number;
  dropped: number;
}

const TICK_MS = 1;

export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopSummary> {
  const total = Math.max(1, Math.min(options.maxOps, Math.floor((options.ratePerSec * options.maxMs) / 1000)));
  const intervalMs = 1000 / options.ratePerSec;
  const latencies: number[] = [];
  const pending = new Set<Promise<void>>();
  let errors = 0;
  let dropped = 0;
  let firstError: string | null = null;
  const started = performance.now();
  for (let sent = 0; sent < total; ) {
    const due = Math.min(total, Math.floor((performance.now() - started) / intervalMs) + 1);
    for (; sent < due; sent++) {
      if (pending.size >= options.maxInFlight) {
        dropped++;
        continue;
      }
      const intended = started + sent * intervalMs;
      const request: Promise<void> = options
        .op((options.firstIndex ?? 0) + sent)
        .then(
          () => {
            latencies.push(performance.now() - intended);
          },
          (error: unknown) => {
            errors++;
            firstError ??= errorMessage(error);
          },
        )
        .finally(() => pending.delete(request));
      pending.add(request);
    }
    if (sent < total) await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(pending);
  const summary = summarize(latencies, errors, firstError, (performance.now() - started) / 1000);
  return { ...summary, intendedPerSec: round(options.ratePerSec, 1), dropped };
}
