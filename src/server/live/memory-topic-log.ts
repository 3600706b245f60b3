import type { LoggedEvent, SeqBounds, TopicLog } from "./topic-log";

/**
 * The event log in memory, for tests of feeds and streams: append and prune like the outbox
 * table, and count reads so tests can tell whether subscribers share them.
 */
export interface MemoryTopicLog extends TopicLog {
  append(topic: string, type: string, payload?: unknown): bigint;
  /** Skips seqs, as rolled-back transactions do. */
  skip(count: number): void;
  /** Deletes every event with seq <= throughSeq, as retention does. */
  prune(throughSeq: bigint): void;
  seqsOf(topic: string, type?: string): bigint[];
  reads(): number;
}

interface Row extends LoggedEvent {
  topic: string;
}

export function createMemoryTopicLog(): MemoryTopicLog {
  let rows: Row[] = [];
  let nextSeq = 1n;
  let readCount = 0;
  return {
    append(topic, type, payload = {}) {
      const seq = nextSeq++;
      rows.push({ topic, type, payload, seq });
      return seq;
    },
    skip(count) {
      nextSeq += BigInt(count);
    },
    prune(throughSeq) {
      rows = rows.filter((row) => row.seq > throughSeq);
    },
    seqsOf: (topic, type) => rows.filter((r) => r.topic === topic && (type === undefined || r.type === type)).map((r) => r.seq),
    reads: () => readCount,
    async headSeq(topic) {
      readCount++;
      // Rows are kept in seq order.
      return rows.filter((r) => r.topic === topic).at(-1)?.seq ?? 0n;
    },
    async readAfter(topic, afterSeq, limit) {
      readCount++;
      return rows
        .filter((r) => r.topic === topic && r.seq > afterSeq)
        .slice(0, limit)
        .map(({ seq, type, payload }) => ({ seq, type, payload }));
    },
    async bounds(): Promise<SeqBounds | null> {
      const first = rows[0];
      const last = rows[rows.length - 1];
      return first && last ? { oldest: first.seq, newest: last.seq } : null;
    },
  };
}
