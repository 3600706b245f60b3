import { getEnv } from "@/env";
import { logger } from "../../logger";
import type { ServiceContext } from "../context";
import type { CommandOf, OrderCommand, ResultOf } from "./commands";
import { MarketQueue, type QueueLimits } from "./market-queue";
import { runBatch } from "./run-batch";

/**
 * The per-market command queues of one instance. Keyed by the service context, which is what an
 * instance is: tests that run several instances in one process each get their own queues, and
 * batches of one market from different instances stay serial through the market lock.
 */
const queuesByContext = new WeakMap<ServiceContext, Map<string, MarketQueue>>();

function queueLimits(): QueueLimits {
  const env = getEnv();
  return { maxBatch: env.ORDER_BATCH_MAX, maxQueue: env.ORDER_QUEUE_MAX, maxWaitMs: env.ORDER_QUEUE_WAIT_MS };
}

function queueOf(ctx: ServiceContext, market: string): MarketQueue {
  let queues = queuesByContext.get(ctx);
  if (!queues) {
    queues = new Map();
    queuesByContext.set(ctx, queues);
  }
  let queue = queues.get(market);
  if (!queue) {
    const own: MarketQueue = new MarketQueue(queueLimits(), async (items) => {
      // Fired orders a bounded trigger step left waiting execute in the market's next batch, at once.
      if (await runBatch(ctx, market, items)) nudge(own, market);
    });
    queue = own;
    queues.set(market, own);
  }
  return queue;
}

function nudge(queue: MarketQueue, market: string): void {
  queue.submit({ kind: "trigger" }).catch((error: unknown) => {
    // Refused (the queue is full): the next command of the market runs them first anyway.
    logger.warn({ err: error, market }, "fired orders wait for the market's next command");
  });
}

/**
 * Sends one command to its market's queue and waits for its own answer, which comes only after
 * the batch that executed it has committed. `market` must name an existing market (callers look
 * it up first), so the number of queues is bounded by the number of markets.
 */
export async function submitCommand<K extends OrderCommand["kind"]>(
  ctx: ServiceContext,
  market: string,
  command: CommandOf<K>,
): Promise<ResultOf[K]> {
  const result = await queueOf(ctx, market).submit(command);
  // The queue answers each command with the result of its own kind.
  return result as ResultOf[K];
}

/** Batches and commands per market on this instance since start. */
export function orderEntryStats(ctx: ServiceContext): { market: string; batches: number; commands: number }[] {
  return [...(queuesByContext.get(ctx)?.entries() ?? [])].map(([market, q]) => ({ market, ...q.stats }));
}
