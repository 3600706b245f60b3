import { DomainError } from "@/domain/errors";
import { type LiveHub, type LiveSources, liveHubFor, TooManyStreamsError } from "./live-hub";
import { isResumable, type LoggedEvent } from "./topic-log";

/** "start": the client sent no cursor. "reset": its cursor could not be resumed (pruned, or unknown). */
export type SnapshotReason = "start" | "reset";

export interface Streamed<T> {
  /** Becomes the SSE event id: what the client sends back as lastEventId. */
  seq: bigint;
  item: T;
}

export interface TopicStreamOptions<T> {
  topic: string;
  /** The client's lastEventId; null starts with a snapshot. */
  cursor: bigint | null;
  /** The procedure's abort signal: the client went away. */
  signal?: AbortSignal;
  /** The topic's state and the seq it reflects, read in one consistent snapshot. */
  snapshot(reason: SnapshotReason): Promise<Streamed<T>>;
  /** The item for one event, given the seq of the item sent before it; null skips the event. */
  toItem(event: LoggedEvent, prevSeq: bigint): T | null;
}

/**
 * One subscriber of one topic: snapshot or resume, replay, then live, with every seq sent once
 * and in order. The bus is joined first (hub.acquire), then the log is read from the cursor in
 * bounded pages; once caught up, rows come from the topic's shared feed, woken by bus signals or
 * its poll timer. Per-connection memory is one page. If pruning overtakes a replaying stream it
 * sends a fresh snapshot (reason "reset") rather than skip anything.
 */
export async function* streamTopic<T>(
  hub: LiveHub,
  options: TopicStreamOptions<T>,
): AsyncGenerator<Streamed<T>, void, undefined> {
  const { topic, signal, snapshot, toItem } = options;
  const { log, limits } = hub;
  const lease = hub.acquire(topic, signal);
  try {
    await lease.feed.ready();
    let bounds = await hub.startingBounds();
    let knownOldest = bounds?.oldest ?? 0n;
    let last: bigint;
    if (options.cursor !== null && isResumable(options.cursor, bounds)) {
      last = options.cursor;
    } else {
      const first = await snapshot(options.cursor === null ? "start" : "reset");
      if (signal?.aborted) return;
      yield first;
      last = first.seq;
    }
    let prev = last;

    while (!signal?.aborted) {
      let batch = lease.feed.take(last, limits.pageSize);
      let caughtUpTo: bigint | null = null;
      if (batch === "behind") {
        // Read before the log: every row up to the floor was committed before this read starts.
        const floor = lease.feed.floorSeq();
        batch = await log.readAfter(topic, last, limits.pageSize);
        bounds = await log.bounds();
        if (bounds && bounds.oldest > knownOldest) {
          knownOldest = bounds.oldest;
          if (last < bounds.oldest - 1n) {
            const reset = await snapshot("reset");
            if (signal?.aborted) return;
            yield reset;
            last = reset.seq;
            prev = last;
            continue;
          }
        }
        // A short page holds every row after `last`, so the rows up to the floor are all seen.
        if (batch.length < limits.pageSize) caughtUpTo = floor;
      }
      if (batch.length === 0 && caughtUpTo === null) {
        if (lease.feed.isClosed()) return;
        await lease.waitForRows();
        continue;
      }
      for (const event of batch) {
        if (signal?.aborted) return;
        last = event.seq;
        const item = toItem(event, prev);
        if (item === null) continue;
        yield { seq: event.seq, item };
        prev = event.seq;
      }
      if (caughtUpTo !== null && caughtUpTo > last) last = caughtUpTo;
    }
  } finally {
    lease.release();
  }
}

/**
 * A live stream of one topic for a subscription procedure. Refusals happen here, before the
 * stream is returned, so that they reach the client as what they are (429): an error thrown
 * while a stream runs is reported as a retryable server error instead.
 */
export function openTopicStream<T>(sources: LiveSources, options: TopicStreamOptions<T>): AsyncGenerator<Streamed<T>> {
  const hub = liveHubFor(sources);
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
