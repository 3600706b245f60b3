import { logger } from "../../../logger";
import { processSlot } from "../../../process-slot";
import type { ServiceContext } from "../../context";
import { type NewsPollOptions, pollDueSources } from "./poll-sources";

const pollerTimer = processSlot<ReturnType<typeof setInterval>>("NewsPoller");

/**
 * Polls due news sources every intervalMs, once per process (dev reloads included). A round
 * still running when the next tick comes is left to finish: rounds never overlap on one
 * instance, and sources claimed by another instance are leased to it. The timer is unref'd and
 * every failure is logged and retried on the next tick.
 */
export function startNewsPoller(ctx: ServiceContext, options: NewsPollOptions & { intervalMs: number }): void {
  if (pollerTimer.get()) return;
  let isPolling = false;
  const run = () => {
    if (isPolling) return;
    isPolling = true;
    pollDueSources(ctx, options)
      .then(
        (outcomes) => {
          const failed = outcomes.filter((o) => o.status === "failed").length;
          if (outcomes.length > 0) logger.info({ polled: outcomes.length, failed }, "news sources polled");
        },
        (error: unknown) => logger.warn({ err: error }, "news poll failed; retrying next tick"),
      )
      .finally(() => {
        isPolling = false;
      });
  };
  pollerTimer.set(setInterval(run, options.intervalMs).unref());
  // Like event retention: the first round comes after start, not during it.
  setTimeout(run, 30_000).unref();
}

/** For tests and shutdown: stops polling in this process. */
export function stopNewsPoller(): void {
  const timer = pollerTimer.take();
  if (timer) clearInterval(timer);
}
