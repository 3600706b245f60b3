/**
 * npx tsx scripts/measure-fanout.ts [--subscribers=10,1000] [--trades=40] [--rate=4] [--postgres=URL]
 *
 * What live fan-out costs: for each subscriber count, starts a fresh server process
 * (measure-fanout-server.ts: the real tRPC edge on node:http, loopback only), opens that many SSE
 * subscribers to one market's trade stream over real HTTP, places `trades` trades at `rate` per
 * second, and reports trade → subscriber latency (from the start of the taker's order call to the
 * SSE message arriving, across every subscriber and trade; and from the call's return, which is
 * the fan-out alone) and the server's memory per open stream (after GC).
 * --profile=DIR writes the server's CPU profile, --heap-snapshots=DIR its heap before and after
 * the streams open. Bounded: every phase has a deadline and the whole run stops by itself within MAX_RUN_MS.
 */
import { type ChildProcess, fork } from "node:child_process";
import http from "node:http";
import path from "node:path";

const argument = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const SUBSCRIBER_COUNTS = (argument("subscribers") ?? "10,1000").split(",").map(Number);
const TRADES = Number(argument("trades") ?? 40);
const TRADES_PER_SECOND = Number(argument("rate") ?? 4);
const POSTGRES_URL = argument("postgres");
/** --profile=DIR: the server process writes a V8 CPU profile there (open it in Chrome DevTools). */
const PROFILE_DIR = argument("profile");
/** --heap-snapshots=DIR: the server writes a heap snapshot at each memory reading (before and after opening the streams). */
const SNAPSHOT_DIR = argument("heap-snapshots");
const CONNECT_BATCH = 50;
const PHASE_TIMEOUT_MS = 180_000;
const MAX_RUN_MS = 600_000;
// Limits are part of the measurement: nobody should point this at a big number by accident.
if (SUBSCRIBER_COUNTS.some((n) => !(n >= 1 && n <= 5_000)) || !(TRADES >= 1 && TRADES <= 1_000)) {
  throw new Error("--subscribers must be 1..5000 each and --trades 1..1000");
}
setTimeout(() => {
  console.error(`measure-fanout: still running after ${MAX_RUN_MS} ms, giving up`);
  process.exit(2);
}, MAX_RUN_MS).unref();

const wallNowMs = () => performance.timeOrigin + performance.now();

interface Memory {
  rssBytes: number;
  heapBytes: number;
  externalBytes: number;
}
type Reply =
  | { ready: { url: string; market: string } }
  | { memory: Memory }
  | { streams: number }
  | { trade: { id: string; sentAtMs: number; placeMs: number } }
  | { traded: true };

/** The server process, and a way to wait for its next reply of one kind. */
function startServer(): { child: ChildProcess; next: <K extends string>(key: K) => Promise<Extract<Reply, Record<K, unknown>>> } {
  const script = path.join(import.meta.dirname, "measure-fanout-server.ts");
  const args = [POSTGRES_URL && `--postgres=${POSTGRES_URL}`, SNAPSHOT_DIR && `--heap-snapshots=${SNAPSHOT_DIR}`];
  const child = fork(
    script,
    args.filter((arg) => typeof arg === "string"),
    {
      execArgv: [...process.execArgv, "--expose-gc", ...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
      env: { ...process.env, LOG_LEVEL: "warn", LIVE_MAX_STREAMS: "10000" },
    },
  );
  const replies: Reply[] = [];
  const waiters: (() => void)[] = [];
  child.on("message", (message: Reply) => {
    replies.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  async function next<K extends string>(key: K): Promise<Extract<Reply, Record<K, unknown>>> {
    const deadline = Date.now() + PHASE_TIMEOUT_MS;
    for (;;) {
      const index = replies.findIndex((reply) => key in reply);
      if (index >= 0) return replies.splice(index, 1)[0] as Extract<Reply, Record<K, unknown>>;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server gave no "${key}" reply`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 1_000);
      });
    }
  }
  return { child, next };
}

/** A bare SSE reader (cheaper than EventSource, so the client side distorts latency less). */
interface Subscriber {
  /** Wall-clock ms at which each trade id arrived. */
  arrivals: Map<string, number>;
  snapshots: number;
  close(): void;
}

function subscribe(url: string, market: string, agent: http.Agent): Subscriber {
  const input = encodeURIComponent(JSON.stringify({ market }));
  const subscriber: Subscriber = { arrivals: new Map(), snapshots: 0, close: () => request.destroy() };
  let buffered = "";
  const request = http.get(
    `${url}/api/trpc/market.onTrades?input=${input}`,
    { agent, headers: { accept: "text/event-stream" } },
    (res) => {
      res.setEncoding("utf8");
      res.on("data", (text: string) => {
        const now = wallNowMs();
        buffered += text;
        let end = buffered.indexOf("\n\n");
        while (end >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf("\n\n");
          const data = block.split("\n").find((line) => line.startsWith("data: "));
          if (!data || block.includes("event: ")) continue;
          const item = JSON.parse(data.slice(6)) as { kind: string; trade?: { id: string } };
          if (item.kind === "snapshot") subscriber.snapshots++;
          else if (item.trade) subscriber.arrivals.set(item.trade.id, now);
        }
      });
    },
  );
  request.on("error", () => {});
  return subscriber;
}

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

async function measure(subscriberCount: number) {
  const { child, next } = startServer();
  try {
    const { ready } = await next("ready");
    const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
    const readMemory = async () => {
      child.send({ do: "memory" });
      return (await next("memory")).memory;
    };
    // One stream opened and closed first, so that first-use allocations (modules, JIT, pools)
    // are not counted as per-stream memory.
    const warmUp = subscribe(ready.url, ready.market, agent);
    await waitUntil(() => warmUp.snapshots === 1, "the warm-up snapshot");
    warmUp.close();
    const streamCount = async () => {
      child.send({ do: "streams" });
      return (await next("streams")).streams;
    };
    for (let i = 0; i < 100 && (await streamCount()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const before = await readMemory();
    const subscribers: Subscriber[] = [];
    const openStarted = performance.now();
    for (let i = 0; i < subscriberCount; i += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, subscriberCount - i) }, () =>
        subscribe(ready.url, ready.market, agent),
      );
      subscribers.push(...batch);
      await waitUntil(() => batch.every((s) => s.snapshots === 1), "snapshots");
    }
    const openMs = performance.now() - openStarted;
    const streams = await streamCount();
    const after = await readMemory();

    child.send({ do: "trade", count: TRADES, intervalMs: 1_000 / TRADES_PER_SECOND });
    const sent: { id: string; sentAtMs: number; placeMs: number }[] = [];
    while (sent.length < TRADES) sent.push((await next("trade")).trade);
    await next("traded");
    await waitUntil(() => subscribers.every((s) => sent.every((t) => s.arrivals.has(t.id))), "every trade at every subscriber");
    const arrivalsAfter = (start: (t: (typeof sent)[number]) => number) =>
      subscribers.flatMap((s) => sent.map((t) => (s.arrivals.get(t.id) ?? Number.NaN) - start(t))).sort((a, b) => a - b);
    const latencies = arrivalsAfter((t) => t.sentAtMs);
    // The fan-out alone: from the moment the order call returned (it may come after some deliveries).
    const afterReturn = arrivalsAfter((t) => t.sentAtMs + t.placeMs);
    const places = sent.map((t) => t.placeMs).sort((a, b) => a - b);
    for (const s of subscribers) s.close();
    agent.destroy();
    const perStream = (key: keyof Memory) => Math.round((after[key] - before[key]) / subscriberCount / 1024);
    return {
      subscribers: subscriberCount,
      streams,
      trades: TRADES,
      "open all s": +(openMs / 1_000).toFixed(2),
      "p50 ms": +percentile(latencies, 0.5).toFixed(1),
      "p99 ms": +percentile(latencies, 0.99).toFixed(1),
      "max ms": +(latencies.at(-1) ?? Number.NaN).toFixed(1),
      "order call p50 ms": +percentile(places, 0.5).toFixed(1),
      "after return p50 ms": +percentile(afterReturn, 0.5).toFixed(1),
      "after return p99 ms": +percentile(afterReturn, 0.99).toFixed(1),
      "RSS KB/stream": perStream("rssBytes"),
      "heap KB/stream": perStream("heapBytes"),
    };
  } finally {
    if (child.connected) child.send({ do: "stop" });
    await new Promise((resolve) => {
      if (child.exitCode !== null) resolve(null);
      child.once("exit", resolve);
      setTimeout(resolve, 10_000).unref();
    });
    if (child.exitCode === null && child.pid) process.kill(child.pid);
  }
}

const rows = [];
for (const count of SUBSCRIBER_COUNTS) {
  rows.push(await measure(count));
  console.log(JSON.stringify(rows.at(-1)));
}
console.table(rows);
process.exit(0);
