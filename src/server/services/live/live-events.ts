import { getEnv } from "@/env";
import { eventSeqBounds, readTopicEvents, topicHeadSeq } from "../../db/queries/event-log";
import type { Db } from "../../db/types";
import { DomainError } from "@/domain/errors";
import { createLiveHub, type LiveHub, TooManyStreamsError } from "../../events/live-hub";
import type { TopicLog } from "../../events/topic-log";
import { type Streamed, streamTopic, type TopicStreamOptions } from "../../events/topic-stream";
import type { EventBus } from "../../events/types";
import { logger } from "../../logger";
import type { ServiceContext } from "../context";

export { sharedItems, sharedSnapshots } from "../../events/shared-items";
export type { SnapshotReason, Streamed, TopicStreamOptions } from "../../events/topic-stream";

export function databaseTopicLog(db: Db): TopicLog {
  return {
    headSeq: (topic) => topicHeadSeq(db, topic),
    readAfter: (topic, afterSeq, limit) => readTopicEvents(db, { topic, afterSeq, limit }),
    bounds: () => eventSeqBounds(db),
  };
}

// One hub per (bus, database) pair: in production that is one per process; tests that simulate
// several instances in one process give each its own bus and so its own hub.
const hubs = new WeakMap<EventBus, WeakMap<Db, LiveHub>>();

export function liveHubFor(ctx: ServiceContext): LiveHub {
  let byDb = hubs.get(ctx.bus);
  if (!byDb) {
    byDb = new WeakMap();
    hubs.set(ctx.bus, byDb);
  }
  let hub = byDb.get(ctx.db);
  if (!hub) {
    hub = createLiveHub({
      bus: ctx.bus,
      log: databaseTopicLog(ctx.db),
      limits: { maxStreams: getEnv().LIVE_MAX_STREAMS },
      onError: (error) => logger.warn({ err: error }, "live feed degraded"),
    });
    byDb.set(ctx.db, hub);
  }
  return hub;
}

/**
 * A live stream of one topic for a subscription procedure; see events/topic-stream.ts. Refusals
 * happen here, before the stream is returned, so that they reach the client as what they are
 * (429): an error thrown while a stream runs is reported as a retryable server error instead.
 */
export function openTopicStream<T>(ctx: ServiceContext, options: TopicStreamOptions<T>): AsyncGenerator<Streamed<T>> {
  const hub = liveHubFor(ctx);
  if (hub.streamCount() >= hub.limits.maxStreams) throw tooManyStreams();
  return streamWithinLimit(hub, options);
}

async function* streamWithinLimit<T>(hub: LiveHub, options: TopicStreamOptions<T>): AsyncGenerator<Streamed<T>> {
  try {
    yield* streamTopic(hub, options);
  } catch (error) {
    // Lost a race for the last slot after the check above.
    if (error instanceof TooManyStreamsError) throw tooManyStreams();
    throw error;
  }
}

const tooManyStreams = () => new DomainError("RATE_LIMITED", "This server has too many live streams open; retry later.");

/** lastEventId from the client: a seq, or null for "start with a snapshot". Input schemas vouch for digits. */
export function cursorOf(lastEventId: string | null | undefined): bigint | null {
  return lastEventId ? BigInt(lastEventId) : null;
}
