import { type Env, eventBusKind, getEnv } from "@/env";
import type { ErrorReporter } from "@/server/cache/resilience";
import { logger } from "../logger";
import { createMemoryBus } from "./memory-bus";
import { createPostgresBus } from "./postgres-bus";
import { createRedisBus } from "./redis-bus";
import type { EventBus } from "./types";
import { processSlot } from "../process-slot";

export { signalMatches } from "./signal";
export { ALL_TOPICS } from "./types";
export type { EventBus, EventSignal } from "./types";

export interface CreateEventBusOptions {
  onError?: ErrorReporter;
}

/** EVENT_BUS if set; else Redis when REDIS_URL is set, Postgres when DATABASE_URL is, else memory. */
export function createEventBus(env: Env, { onError = logBusError }: CreateEventBusOptions = {}): EventBus {
  const kind = eventBusKind(env);
  switch (kind) {
    case "redis":
      if (!env.REDIS_URL) throw new Error("EVENT_BUS=redis needs REDIS_URL");
      return createRedisBus(env.REDIS_URL, { onError });
    case "postgres":
      if (!env.DATABASE_URL) throw new Error("EVENT_BUS=postgres needs DATABASE_URL");
      return createPostgresBus(env.DATABASE_URL, { onError });
    case "memory":
      return createMemoryBus({ onError });
  }
}

// One per process, so that Next.js dev reloads and separately bundled routes share one bus: with
// the memory bus, a publisher and a subscriber on two copies would never hear each other.
const processBus = processSlot<EventBus>("EventBus");

export function getEventBus(): EventBus {
  return processBus.ensure(() => createEventBus(getEnv()));
}

/** For tests and shutdown: closes the process's bus; the next getEventBus() opens a new one. */
export async function closeEventBus(): Promise<void> {
  await processBus.take()?.close();
}

function logBusError(error: Error): void {
  logger.warn({ err: error }, "event bus degraded");
}
