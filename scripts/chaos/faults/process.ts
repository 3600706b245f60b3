import { freePort } from "../../../tests/throwaway-redis";
import { OrderLoad } from "../order-load";
import { check, type FaultResult, verdictColumns } from "../result";
import type { OrderVerdict } from "../verify";
import { settleAndVerify, timeToFirstAck } from "../settle";
import { between, sleep } from "../timing";
import type { World } from "../world";

const RECOVERY_TIMEOUT_MS = 60_000;

/** One instance and the bots that trade on it. */
async function serverUnderLoad(world: World, random: () => number, name: string) {
  const server = world.instance(name, await freePort());
  await server.start();
  const markets = world.markets.map((m) => m.symbol);
  const load = new OrderLoad({ traders: world.traders, markets, random, target: () => server.url });
  return { server, load };
}

/**
 * SIGKILL under order load, `kills` times at random moments; after each restart the unanswered
 * requests are sent again with their clientOrderId, and the database and the audit are checked.
 */
export async function crashFault(world: World, random: () => number, kills: number): Promise<FaultResult> {
  const { server, load } = await serverUnderLoad(world, random, "crash");
  const recoveries: number[] = [];
  const audits = new Set<string>();
  let unresolvedAfterRestarts = 0;
  let verdict: OrderVerdict | null = null;
  try {
    for (let kill = 0; kill < kills; kill++) {
      load.start();
      await sleep(between(random, 300, 2_500));
      const killedAt = performance.now();
      await server.stop("SIGKILL");
      await server.start();
      const recovery = await timeToFirstAck(load, killedAt, RECOVERY_TIMEOUT_MS);
      recoveries.push(recovery ?? RECOVERY_TIMEOUT_MS);
      const settled = await settleAndVerify(world, load);
      for (const failed of settled.audit) audits.add(failed);
      unresolvedAfterRestarts += settled.verdict.unresolved;
      verdict = settled.verdict;
    }
  } finally {
    await server.stop("SIGTERM");
  }
  if (!verdict) throw new Error("the fault ran no round");
  const retried = load.places.filter((p) => p.attempts > 1).length;
  return {
    fault: `SIGKILL ×${kills} under order load`,
    ...verdictColumns(verdict, [...audits]),
    recoveryMs: Math.max(0, ...recoveries),
    checks: [
      check(
        "every request decided after retries",
        unresolvedAfterRestarts === 0,
        `${unresolvedAfterRestarts} without a decision`,
      ),
      check(
        "restarted and trading again",
        recoveries.every((r) => r < RECOVERY_TIMEOUT_MS),
        `${recoveries.length} restarts`,
      ),
    ],
    notes: [`${retried} requests sent again with their clientOrderId`, verdict.outcomes, ...verdict.problems],
  };
}

/**
 * SIGTERM under order load: every request the instance had received when told to stop gets its
 * answer (batches in flight commit and answer), then the process exits 0 on its own.
 */
export async function gracefulStopFault(world: World, random: () => number, stops: number): Promise<FaultResult> {
  const { server, load } = await serverUnderLoad(world, random, "graceful");
  let cutOff = 0;
  let badExits = 0;
  const drains: number[] = [];
  let verdict: OrderVerdict | null = null;
  const audits = new Set<string>();
  try {
    for (let stop = 0; stop < stops; stop++) {
      load.start();
      await sleep(between(random, 500, 2_000));
      const stoppedAt = performance.now();
      const inFlight = [...load.places, ...load.cancels].filter((r) => r.firstOutcome === undefined);
      const exit = await server.stop("SIGTERM");
      drains.push(performance.now() - stoppedAt);
      if (exit.code !== 0) badExits++;
      // Requests sent before the signal must all have been answered, whatever they were.
      cutOff += inFlight.filter((r) => r.firstOutcome === "no-answer").length;
      await server.start();
      const settled = await settleAndVerify(world, load);
      for (const failed of settled.audit) audits.add(failed);
      verdict = settled.verdict;
    }
  } finally {
    await server.stop("SIGTERM");
  }
  if (!verdict) throw new Error("the fault ran no round");
  return {
    fault: `SIGTERM ×${stops} under order load`,
    ...verdictColumns(verdict, [...audits]),
    recoveryMs: null,
    checks: [
      check("requests in flight at SIGTERM all answered", cutOff === 0, `${cutOff} cut off`),
      check("exit code 0", badExits === 0, `${badExits} other exits`),
      check(
        "drained within 10 s",
        drains.every((d) => d < 10_000),
        `slowest ${Math.round(Math.max(0, ...drains))} ms`,
      ),
    ],
  };
}
