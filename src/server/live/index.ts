/**
 * Live data, from commit to client. One reading of this room shows the whole path:
 *
 * 1. Commit. A transaction appends its events to the outbox (`db/queries/events.ts`) as its last
 *    write; a per-topic advisory lock makes each topic's seq order its commit order.
 * 2. Signal. After the commit the writer publishes `{topics, seq}` on the bus (`server/bus/`:
 *    in-process, Redis pub/sub or Postgres NOTIFY). A signal carries no event: a lost one delays.
 * 3. Read by seq. Each followed topic has ONE feed per instance (`topic-feed.ts`; its states and
 *    transitions are `feed-machine.ts`) that reads the topic's new rows from the log
 *    (`topic-log.ts`) on a signal or its poll, and keeps the recent ones (`row-buffer.ts`).
 * 4. Fan out. The instance's hub (`live-hub.ts`) is the bus's one listener: it routes each signal
 *    to its topic's feed and counts streams against the instance's limit. Every stream of a topic
 *    takes rows from the same feed, and a stream kind builds one item per event for all of them
 *    (`shared-items.ts`), which the SSE edge encodes once.
 * 5. Stream. `topic-stream.ts` is the generator each subscriber runs: snapshot (or resume from
 *    the client's lastEventId), replay from the log in pages, then live from the feed; every seq
 *    once, in order, a fresh snapshot when pruning overtook the cursor. The stream services
 *    (`services/markets/market-streams.ts`, `services/accounts/account-streams.ts`) say what a
 *    snapshot and an item are; `api/tracked-stream.ts` turns it into tRPC `tracked()` events and
 *    `http/subscription-stream.ts` writes them as SSE.
 */
export { sharedItems, sharedSnapshots } from "./shared-items";
export type { LoggedEvent } from "./topic-log";
export { cursorOf, openTopicStream, type SnapshotReason, type Streamed, type TopicStreamOptions } from "./topic-stream";
