import { freePort } from "../../../tests/throwaway-redis";
import { keepAliveAgent, send } from "../chaos-http";
import { OrderLoad } from "../order-load";
import { check, type FaultResult, verdictColumns } from "../result";
import { isDocumentedUnavailable, leaksInLog, type ProbeAnswer, routeProbes, sendProbes } from "../route-probes";
import { settleAndVerify, timeToFirstAck } from "../settle";
import { sleep } from "../timing";
import type { World } from "../world";

/** The longest a request may take while the database is down: the pool's connect timeout (5 s) and a margin. */
const FAIL_FAST_MS = 6_000;
const BACK_WITHIN_MS = 10_000;
const PROBE_EVERY_MS = 300;

/**
 * Postgres stops at once (immediate shutdown) under order load and stays down for `downMs`, then
 * starts again; the app is never restarted. While it is down every route answers fast, with the
 * documented 503 or (public reads) from the cache; readiness says so; afterwards orders go
 * through again within 10 s, and nothing acknowledged is lost.
 */
export async function postgresFault(world: World, random: () => number, downMs: number): Promise<FaultResult> {
  const server = world.instance("postgres", await freePort());
  await server.start();
  const market = world.markets[0]?.symbol ?? "";
  const [prober, ...traders] = world.traders;
  if (!prober) throw new Error("the postgres fault needs a trader for its probes");
  const load = new OrderLoad({ traders, markets: world.markets.map((m) => m.symbol), random, target: () => server.url });
  const agent = keepAliveAgent();
  const answers: ProbeAnswer[] = [];
  const readiness: number[] = [];
  let recovery: number | null = null;
  let settled: Awaited<ReturnType<typeof settleAndVerify>>;
  let logLines: string[] = [];
  try {
    load.start();
    await sleep(1_500);
    server.takeLog();
    const stoppedAt = performance.now();
    await world.postgres.crash();
    while (performance.now() - stoppedAt < downMs) {
      answers.push(...(await sendProbes(server.url, agent, routeProbes(market, prober))));
      const ready = await send(server.url, agent, { method: "GET", path: "/api/health/ready" });
      readiness.push(ready.kind === "answered" ? ready.status : 0);
      await sleep(PROBE_EVERY_MS);
    }
    const startedAt = performance.now();
    await world.postgres.start();
    recovery = await timeToFirstAck(load, startedAt, 30_000);
    logLines = server.takeLog();
    settled = await settleAndVerify(world, load);
  } finally {
    await server.stop("SIGTERM");
  }

  const slow = answers.filter((a) => a.delivery.ms > FAIL_FAST_MS || a.delivery.kind !== "answered");
  const wrong = answers.filter(
    (a) => !isDocumentedUnavailable(a) && !(a.delivery.kind === "answered" && a.delivery.status < 300),
  );
  const fromCache = answers.filter((a) => a.delivery.kind === "answered" && a.delivery.status < 300).length;
  const leakyLines = logLines.filter(leaksInLog);
  const { verdict, audit } = settled;
  return {
    fault: `Postgres down ${downMs / 1000} s under order load`,
    ...verdictColumns(verdict, audit),
    sent: verdict.sent + answers.length,
    recoveryMs: recovery,
    checks: [
      check(
        "every route answers within 6 s",
        slow.length === 0,
        `${answers.length} probes of ${routeProbes(market, prober).length} routes, slowest ${Math.round(Math.max(0, ...answers.map((a) => a.delivery.ms)))} ms`,
      ),
      check(
        "503 + Retry-After in the documented shape (or served from cache)",
        wrong.length === 0,
        wrong.length === 0 ? `${answers.length - fromCache} × 503, ${fromCache} × from cache` : describeWrong(wrong),
      ),
      check(
        "readiness 503 while down",
        readiness.length > 0 && readiness.every((s) => s === 503),
        `statuses ${[...new Set(readiness)].join(", ")}`,
      ),
      check(
        "orders succeed within 10 s of the restart",
        recovery !== null && recovery < BACK_WITHIN_MS,
        `${recovery === null ? "never" : `${Math.round(recovery)} ms`}`,
      ),
      check("no SQL or connection settings in the server log", leakyLines.length === 0, leakyLines[0]?.slice(0, 200) ?? "none"),
      check("every request decided after retries", verdict.unresolved === 0, `${verdict.unresolved} without a decision`),
    ],
  };
}

function describeWrong(answers: readonly ProbeAnswer[]): string {
  const first = answers[0];
  if (!first) return "";
  const { delivery } = first;
  const what = delivery.kind === "answered" ? `${delivery.status} ${delivery.body.slice(0, 160)}` : delivery.kind;
  return `${answers.length} wrong, e.g. ${first.probe.name}: ${what}`;
}
