import { DomainError } from "@/domain/errors";
import type { ServiceContext } from "../context";

/**
 * At most one backtest per user at a time on an instance, so one caller cannot hold every worker
 * and the whole queue; across instances the per-user rate limit (RATE_LIMIT_BACKTESTS) applies.
 * Keyed by the instance's ServiceContext, like the order queues.
 */
const runningByContext = new WeakMap<ServiceContext, Set<string>>();

/** Claims the user's slot or throws BACKTEST_ALREADY_RUNNING; call the returned function once done. */
export function claimBacktestSlot(ctx: ServiceContext, userId: string): () => void {
  let running = runningByContext.get(ctx);
  if (!running) {
    running = new Set();
    runningByContext.set(ctx, running);
  }
  if (running.has(userId)) throw new DomainError("BACKTEST_ALREADY_RUNNING", undefined, { retryAfterSeconds: "5" });
  running.add(userId);
  const held = running;
  return () => held.delete(userId);
}
