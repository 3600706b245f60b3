import { type ErrorReporter, ignoreError } from "@/server/cache/resilience";
import { createTopicFeed, type FeedLimits, type TopicFeed } from "./topic-feed";
import type { TopicLog } from "./topic-log";
import { ALL_TOPICS, type EventBus, type EventSignal } from "./types";

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
  acquire(topic: string): FeedLease;
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
    acquire(topic) {
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
      return {
        feed: held.feed,
        release() {
          if (isReleased) return;
          isReleased = true;
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
    streamCount: () => streams,
    close() {
      for (const entry of feeds.values()) entry.feed.close();
      feeds.clear();
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
