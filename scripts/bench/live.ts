import type { ServerStats } from "./control-protocol";
import type { Profile } from "./profile";
import type { Report } from "./report";
import { openSse, type SseSubscriber } from "./sse-client";
import { percentile, round, runOpenLoop } from "./stats";

/**
 * Live fan-out: many SSE subscribers on one stream, messages caused at a fixed rate, and for
 * each delivered message the time from the moment stamped in it to its arrival here. For Bourse
 * the stamp is the trade's own time (Postgres now() of the placing transaction, so it includes
 * that transaction's work and commit), the trigger a taker order over HTTP; for the raw SSE
 * baseline the stamp is when it broadcast, the trigger a POST. Both run on one machine clock,
 * at millisecond resolution.
 */

export interface LiveCase {
  id: string;
  group: string;
  name: string;
  streamUrl: string;
  subscribers: number;
  /** Causes one message on the stream. */
  trigger: (index: number) => Promise<void>;
  serverStats: () => Promise<ServerStats>;
  vs?: { against: string; metric: "perSecond" }[];
}

export interface LiveOutcome {
  /** Length of one message's data, to give the baseline the same payload size. */
  dataBytes: number;
}

const CONNECT_BATCH = 50;
const CONNECT_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 5_000;
const megabytes = (bytes: number) => Math.round(bytes / 1_048_576);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** The stamped time of a trade message (Bourse: trade.time; raw: time), or null for anything else. */
function stampOf(data: string): number | null {
  const parsed: unknown = JSON.parse(data);
  if (!isRecord(parsed) || parsed.kind !== "trade") return null;
  const time = isRecord(parsed.trade) ? parsed.trade.time : parsed.time;
  return typeof time === "string" ? Date.parse(time) : null;
}

export async function runLive(report: Report, profile: Profile, spec: LiveCase): Promise<LiveOutcome> {
  const before = await spec.serverStats();
  const latencies: number[] = [];
  let dataBytes = 0;
  let lastDeliveryMs = 0;
  const onMessage = (data: string, receivedAtMs: number) => {
    const stamp = stampOf(data);
    if (stamp === null) return;
    latencies.push(receivedAtMs - stamp);
    lastDeliveryMs = receivedAtMs;
    dataBytes ||= Buffer.byteLength(data);
  };

  const subscribers: SseSubscriber[] = [];
  const connectStarted = performance.now();
  try {
    for (let i = 0; i < spec.subscribers; i += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, spec.subscribers - i) }, () =>
        openSse(spec.streamUrl, onMessage),
      );
      subscribers.push(...batch);
      await within(
        Promise.all(batch.map((s) => s.ready)),
        CONNECT_TIMEOUT_MS,
        `${spec.subscribers} subscribers did not connect in time`,
      );
    }
    const connectMs = Math.round(performance.now() - connectStarted);

    const startedMs = Date.now();
    const sent = await runOpenLoop({
      ratePerSec: profile.liveTradesPerSec,
      maxMs: profile.liveMs,
      maxOps: Math.ceil((profile.liveTradesPerSec * profile.liveMs) / 1000),
      maxInFlight: 100,
      op: spec.trigger,
    });
    const expected = sent.ops * spec.subscribers;
    const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (latencies.length < expected && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
    const after = await spec.serverStats();

    const sorted = latencies.sort((a, b) => a - b);
    const seconds = Math.max(0.001, (lastDeliveryMs - startedMs) / 1000);
    const missing = expected - latencies.length;
    report.add({
      id: spec.id,
      group: spec.group,
      name: spec.name,
      clients: spec.subscribers,
      ops: latencies.length,
      perSecond: round(latencies.length / seconds, 1),
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      errors: sent.errors + Math.max(0, missing),
      firstError: sent.firstError ?? (missing > 0 ? `${missing} of ${expected} messages not delivered` : null),
      also: {
        "msgs/s caused": round(sent.perSecond, 1),
        delivered: `${latencies.length}/${expected}`,
        "server RSS MB before": megabytes(before.rssBytes),
        after: megabytes(after.rssBytes),
        "connect ms": connectMs,
        "data bytes": dataBytes,
      },
      vs: spec.vs ?? [],
    });
    return { dataBytes };
  } finally {
    for (const subscriber of subscribers) subscriber.close();
  }
}

async function within<T>(work: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
