import { getEnv } from "@/env";
import { type ErrorReporter, ignoreError } from "@/server/cache/resilience";
import { ALL_TOPICS, type EventBus, type EventSignal } from "../bus/types";
import type { Db } from "../db/types";
import { logger } from "../logger";
import { createTopicFeed, type FeedLimits, type TopicFeed } from "./topic-feed";
import { databaseTopicLog, type SeqBounds, type TopicLog } from "./topic-log";

export interface LiveHubLimits extends FeedLimits {
  /** Open streams this process serves at once; one more is refused, not queued. */
  maxStreams: number;
}

export const DEFAULT_LIVE_LIMITS: LiveHubLimits = {
  pageSize: 200,
  bufferSize: 1_000,
  pollIntervalMs: 1_000,
  maxStreams: 2_000,
};

export class TooManyStreamsError extends Error {
  override readonly name = "TooManyStreamsError";
}

export interface FeedLease {
  readonly feed: TopicFeed;
  /** Resolves when the feed has new rows, closes or idles (see TopicFeed.onceRows), or the lease's signal aborts. */
  waitForRows(): Promise<void>;
  /** Idempotent; the last lease of a topic closes its feed. */
  release(): void;
}

/**
 * The live side of one process: a single bus listener that routes each signal to the feed of
 * its topics, and one feed per topic somebody follows. Subscribing happens in acquire(), before
 * the feed reads the topic's head, so no commit can fall between reading and listening.
 */
export interface LiveHub {
  readonly log: TopicLog;
  readonly limits: LiveHubLimits;
  /** `signal` (the client went away) ends the lease's waits; it is listened to once per lease, not per wait. */
  acquire(topic: string, signal?: AbortSignal): FeedLease;
  /**
   * The log's bounds for a stream that is starting, shared by streams that start together: a
   * read already in flight when a stream asks began before its snapshot, and older bounds are
   * only more cautious (a later read that sees pruning still resets the stream).
   */
  startingBounds(): Promise<SeqBounds | null>;
  streamCount(): number;
  close(): void;
}

export function createLiveHub(options: {
  bus: EventBus;
  log: TopicLog;
  limits?: Partial<LiveHubLimits>;
  onError?: ErrorReporter;
}): LiveHub {
  const { bus, log, onError = ignoreError } = options;
  const limits: LiveHubLimits = { ...DEFAULT_LIVE_LIMITS, ...options.limits };
  const feeds = new Map<string, { feed: TopicFeed; leases: number }>();
  let streams = 0;
  let unsubscribe: (() => void) | null = null;
  let boundsInFlight: Promise<SeqBounds | null> | null = null;

  function route(signal: EventSignal): void {
    let seq: bigint;
    try {
      seq = BigInt(signal.seq);
    } catch {
      return;
    }
    if (signal.topics.includes(ALL_TOPICS)) {
      for (const entry of feeds.values()) entry.feed.notify(seq);
      return;
    }
    for (const topic of signal.topics) feeds.get(topic)?.feed.notify(seq);
  }

  return {
    log,
    limits,
    acquire(topic, signal) {
      if (streams >= limits.maxStreams) throw new TooManyStreamsError(`this instance already serves ${streams} live streams`);
      unsubscribe ??= bus.subscribe(route);
      let entry = feeds.get(topic);
      if (!entry) {
        entry = { feed: createTopicFeed(topic, log, limits, onError), leases: 0 };
        feeds.set(topic, entry);
      }
      const held = entry;
      held.leases += 1;
      streams += 1;
      let isReleased = false;
      let endWait: (() => void) | null = null;
      const onAbort = () => endWait?.();
      signal?.addEventListener("abort", onAbort, { once: true });
      return {
        feed: held.feed,
        waitForRows() {
          if (signal?.aborted || held.feed.isClosed()) return Promise.resolve();
          return new Promise<void>((resolve) => {
            let cancel = () => {};
            const done = () => {
              endWait = null;
              cancel();
              resolve();
            };
            endWait = done;
            cancel = held.feed.onceRows(done);
          });
        },
        release() {
          if (isReleased) return;
          isReleased = true;
          signal?.removeEventListener("abort", onAbort);
          endWait?.();
          streams -= 1;
          held.leases -= 1;
          if (held.leases > 0) return;
          held.feed.close();
          if (feeds.get(topic) === held) feeds.delete(topic);
          if (feeds.size === 0) {
            unsubscribe?.();
            unsubscribe = null;
          }
        },
      };
    },
    startingBounds() {
      boundsInFlight ??= log.bounds().finally(() => {
        boundsInFlight = null;
      });
      return boundsInFlight;
    },
    streamCount: () => streams,
    close() {
      for (const entry of feeds.values()) entry.feed.close();
      feeds.clear();
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}

/** What an instance's hub is made of: its bus and the database its events are read from. */
export interface LiveSources {
  bus: EventBus;
  db: Db;
}

const hubByBus = new WeakMap<EventBus, { db: Db; hub: LiveHub }>();

/**
 * The instance's hub: one per bus, which in production is one per process. Tests that simulate
 * several instances in one process give each its own bus, and so its own hub.
 */
export function liveHubFor({ bus, db }: LiveSources): LiveHub {
  const known = hubByBus.get(bus);
  if (known) {
    if (known.db !== db) throw new Error("one event bus serves one database: give each instance its own bus");
    return known.hub;
  }
  const hub = createLiveHub({
    bus,
    log: databaseTopicLog(db),
    limits: { maxStreams: getEnv().LIVE_MAX_STREAMS },
    onError: (error) => logger.warn({ err: error }, "live feed degraded"),
  });
  hubByBus.set(bus, { db, hub });
  return hub;
}
