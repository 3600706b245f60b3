import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { freePort } from "../../../tests/throwaway-redis";
import { type Delivery, keepAliveAgent, send } from "../chaos-http";
import type { ChaosTrader } from "../order-api";
import { OrderLoad } from "../order-load";
import { check, type FaultResult } from "../result";
import { leaks } from "../route-probes";
import { settleAndVerify } from "../settle";
import { quantile, sleep } from "../timing";
import type { World } from "../world";

/** The flood's limit on orders per user: 20 per second. */
const ORDER_LIMIT = { points: 200, seconds: 10 };
/** Twenty times the limit, open loop: the flooder does not wait for answers. */
const FLOOD_PER_SECOND = 400;
const FLOOD_IN_FLIGHT = 64;

/**
 * One client sends orders far beyond its rate limit while the others trade at a human pace:
 * the flooder gets 429s, the others' p99 stays within 2× of what it was without the flood, also
 * while Redis is down (limits fall back to per-instance memory, SECURITY.md). Oversized and
 * malformed bodies are refused before any handler (413 before the body is read, 400/415 with
 * the documented shape), never a 5xx.
 */
export async function floodFault(world: World, random: () => number, phaseMs: number): Promise<FaultResult> {
  const server = world.instance("flood", await freePort(), { RATE_LIMIT_ORDERS: `${ORDER_LIMIT.points}/${ORDER_LIMIT.seconds}` });
  await server.start();
  const [flooder, ...calm] = world.traders;
  if (!flooder) throw new Error("the flood fault needs a flooder");
  const load = new OrderLoad({
    traders: calm,
    markets: world.markets.map((m) => m.symbol),
    random,
    target: () => server.url,
    thinkMs: 100,
  });
  const market = world.markets[0]?.symbol ?? "";
  let quiet: number[] = [];
  let flooded: number[] = [];
  let floodedRedisDown: number[] = [];
  let flood: FloodCounts = { sent: 0, limited: 0, accepted: 0, other: 0 };
  let floodRedisDown: FloodCounts = { sent: 0, limited: 0, accepted: 0, other: 0 };
  let bodies: string[] = [];
  let settled: Awaited<ReturnType<typeof settleAndVerify>>;
  try {
    load.start();
    await sleep(1_000);
    quiet = await latenciesDuring(load, phaseMs, () => sleep(phaseMs));
    flooded = await latenciesDuring(load, phaseMs, async () => {
      flood = await floodFor(server.url, flooder, market, phaseMs);
    });
    await world.redis.stop();
    floodedRedisDown = await latenciesDuring(load, phaseMs, async () => {
      floodRedisDown = await floodFor(server.url, flooder, market, phaseMs);
    });
    await world.redis.start();
    bodies = await badBodies(server.url, flooder);
    settled = await settleAndVerify(world, load);
  } finally {
    await server.stop("SIGTERM");
  }

  const p99 = (values: number[]) => quantile(values, 0.99);
  const p50 = (values: number[]) => quantile(values, 0.5);
  const bound = 2 * p99(quiet);
  const { verdict, audit } = settled;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return {
    fault: `flood at ${FLOOD_PER_SECOND}/s against a limit of ${ORDER_LIMIT.points / ORDER_LIMIT.seconds}/s`,
    sent: verdict.sent + flood.sent + floodRedisDown.sent,
    acked: verdict.acked,
    lost: verdict.lost,
    duplicated: verdict.duplicated,
    audit: audit.length === 0 ? "clean" : audit.join(", "),
    recoveryMs: null,
    checks: [
      check("flooder gets 429s", flood.limited > 0 && flood.other === 0, describeFlood(flood)),
      check(
        "others' p99 within 2× of quiet",
        p99(flooded) <= bound,
        `p50/p99 quiet ${ms(p50(quiet))}/${ms(p99(quiet))}, flooded ${ms(p50(flooded))}/${ms(p99(flooded))} (${flooded.length} orders)`,
      ),
      check(
        "limits hold with Redis down (per-instance memory)",
        floodRedisDown.limited > 0 && floodRedisDown.other === 0,
        describeFlood(floodRedisDown),
      ),
      check(
        "… and others' p99 within 2× then too",
        p99(floodedRedisDown) <= bound,
        `flooded, Redis down ${ms(p99(floodedRedisDown))}`,
      ),
      check(
        "oversized and malformed bodies refused before any handler",
        bodies.length === 0,
        bodies[0] ?? "413, 400, 415 as documented",
      ),
    ],
    notes: [verdict.outcomes, ...verdict.problems],
  };
}

function describeFlood(flood: FloodCounts): string {
  return `${flood.sent} sent, ${flood.limited} × 429, ${flood.accepted} accepted, ${flood.other} other`;
}

/** Latencies of the calm traders' orders acknowledged while `during` runs. */
async function latenciesDuring(load: OrderLoad, phaseMs: number, during: () => Promise<void>): Promise<number[]> {
  const from = performance.now();
  await during();
  const to = from + phaseMs;
  return load.places.filter((p) => p.sentAt >= from && p.sentAt <= to && p.firstOutcome === "acked").map((p) => p.ms ?? 0);
}

interface FloodCounts {
  sent: number;
  limited: number;
  accepted: number;
  other: number;
}

/** Runs the flooder (flooder.ts) as its own process for `durationMs`; its counts when it ends. */
function floodFor(baseUrl: string, flooder: ChaosTrader, market: string, durationMs: number): Promise<FloodCounts> {
  const config = {
    url: baseUrl,
    apiKey: flooder.apiKey,
    market,
    perSecond: FLOOD_PER_SECOND,
    inFlight: FLOOD_IN_FLIGHT,
    durationMs,
  };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "../flooder.ts"), JSON.stringify(config)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      const line = output.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as FloodCounts);
      else reject(new Error(`the flooder exited with ${code}: ${output.slice(-500)}`));
    });
  });
}

/** Each malformed request and what was wrong with its answer; empty when all were refused properly. */
async function badBodies(baseUrl: string, trader: ChaosTrader): Promise<string[]> {
  const auth = { authorization: `Bearer ${trader.apiKey}` };
  const agent = keepAliveAgent();
  const cases: { name: string; expect: number; deliver: () => Promise<Delivery> }[] = [
    {
      name: "REST 1 MB body",
      expect: 413,
      deliver: () =>
        send(baseUrl, agent, { method: "POST", path: "/api/v1/orders", headers: auth, body: `{"x":"${"a".repeat(1 << 20)}"}` }),
    },
    {
      name: "tRPC 1 MB body",
      expect: 413,
      deliver: () =>
        send(baseUrl, agent, {
          method: "POST",
          path: "/api/trpc/order.place",
          headers: auth,
          body: `{"x":"${"a".repeat(1 << 20)}"}`,
        }),
    },
    {
      name: "REST malformed JSON",
      expect: 400,
      deliver: () => send(baseUrl, agent, { method: "POST", path: "/api/v1/orders", headers: auth, body: '{"market": "BTC' }),
    },
    {
      name: "tRPC malformed JSON",
      expect: 400,
      deliver: () =>
        send(baseUrl, agent, { method: "POST", path: "/api/trpc/order.place", headers: auth, body: '{"market": "BTC' }),
    },
    {
      name: "REST form body",
      expect: 415,
      deliver: () =>
        send(baseUrl, agent, {
          method: "POST",
          path: "/api/v1/orders",
          headers: { ...auth, "content-type": "application/x-www-form-urlencoded" },
          body: "market=X",
        }),
    },
    { name: "REST declares 100 MB, sends 1 KB", expect: 413, deliver: () => lyingLength(baseUrl, auth) },
  ];
  const problems: string[] = [];
  for (const item of cases) {
    const delivery = await item.deliver();
    if (delivery.kind !== "answered") problems.push(`${item.name}: ${delivery.kind}`);
    else if (delivery.status !== item.expect || leaks(delivery.body))
      problems.push(`${item.name}: ${delivery.status} ${delivery.body.slice(0, 120)}`);
  }
  agent.destroy();
  return problems;
}

/**
 * Announces a 100 MB body and sends a kilobyte, then waits: an edge that checks the declared
 * length answers 413 at once; one that reads first would wait for the rest (up to HANG_MS).
 */
function lyingLength(baseUrl: string, headers: Record<string, string>): Promise<Delivery> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let answer = "";
    const finish = () => {
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      const body = answer.split("\r\n\r\n").slice(1).join("\r\n\r\n");
      resolve(
        status
          ? { kind: "answered", status, headers: {}, body, ms: performance.now() - started }
          : { kind: "no-answer", reason: "no status line", ms: performance.now() - started },
      );
    };
    const timer = setTimeout(finish, 5_000);
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.includes("\r\n\r\n")) {
        clearTimeout(timer);
        // Give the body a moment to arrive after the head.
        setTimeout(finish, 50);
      }
    });
    socket.on("error", () => finish());
    socket.write(
      [
        "POST /api/v1/orders HTTP/1.1",
        `Host: ${url.host}`,
        "Content-Type: application/json",
        `Authorization: ${headers.authorization}`,
        `Content-Length: ${100 * 1024 * 1024}`,
        "",
        "",
      ].join("\r\n"),
    );
    socket.write(`{"x":"${"a".repeat(1024)}`);
  });
}
