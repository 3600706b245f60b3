import { ALL_TOPICS, type EventSignal } from "./types";

const SEQ_TEXT = /^\d{1,20}$/;
// A signal names the topics of one transaction; far more than this is a bug upstream.
const MAX_TOPICS = 10_000;
const MAX_TOPIC_LENGTH = 200;

/** True when a subscriber of `topic` should read the events table after this signal. */
export function signalMatches(signal: EventSignal, topic: string): boolean {
  return signal.topics.includes(topic) || signal.topics.includes(ALL_TOPICS);
}

/** Throws on a signal no correct writer sends; publish() calls it before touching the network. */
export function assertSignal(signal: EventSignal): void {
  if (!isSignal(signal)) throw new TypeError(`malformed event signal: ${JSON.stringify(signal).slice(0, 200)}`);
}

/**
 * JSON for the wire, at most maxBytes long. When the topics do not fit they become ["*"]:
 * every subscriber then re-reads the events table, which costs a query, never an event.
 */
export function encodeSignal(signal: EventSignal, maxBytes: number): string {
  const text = JSON.stringify({ topics: signal.topics, seq: signal.seq });
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  return JSON.stringify({ topics: [ALL_TOPICS], seq: signal.seq });
}

/** A signal from the wire, or null when another program (or version) wrote something else. */
export function parseSignal(text: string): EventSignal | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return isSignal(value) ? { topics: [...value.topics], seq: value.seq } : null;
}

function isSignal(value: unknown): value is EventSignal {
  if (typeof value !== "object" || value === null) return false;
  const { topics, seq } = value as Record<string, unknown>;
  return (
    typeof seq === "string" &&
    SEQ_TEXT.test(seq) &&
    Array.isArray(topics) &&
    topics.length > 0 &&
    topics.length <= MAX_TOPICS &&
    topics.every((topic) => typeof topic === "string" && topic.length > 0 && topic.length <= MAX_TOPIC_LENGTH)
  );
}
