/**
 * npm run bench [-- --quick] [-- --out=path] — everything a user of Bourse feels, each figure
 * beside a baseline measured in the same run, because our machines are noisy and only ratios
 * travel: placement over real HTTP (tRPC and REST) against the cheapest API call, a raw node:http
 * server and raw Postgres doing the same writes; the service in-process; reads cached and not;
 * live fan-out against a raw SSE server; the embedded default. Prints Markdown tables and writes
 * the same as JSON (default bench-results.json).
 *
 * Loopback only. Bounded: every case stops at a count or a time, the whole run at 10 minutes
 * (--quick: tiny counts, seconds, for CI; its figures mean nothing). With DATABASE_URL it creates
 * its own database bourse_bench_<hex> and drops it afterwards, also on failure; REDIS_URL is used
 * when set. Without DATABASE_URL it runs on PGlite and skips the Postgres-only rows, saying why.
 * Exits 1 when a case had errors or the ledger audit is not clean; targets are reported, not asserted.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { getEnv } from "../src/env";
import { Cleanup } from "./bench/cleanup";
import { machine, uptime } from "./bench/machine";
import { FULL, QUICK } from "./bench/profile";
import { Report } from "./bench/report";
import { type RunContext, runBench } from "./bench/run";
import { errorMessage } from "./bench/stats";
import { issueTargets } from "./bench/targets";

const { values: args } = parseArgs({
  options: { quick: { type: "boolean", default: false }, out: { type: "string", default: "bench-results.json" } },
});
const profile = args.quick ? QUICK : FULL;
const env = getEnv();
const startedAt = new Date();
const context: RunContext = {
  profile,
  report: new Report(),
  cleanup: new Cleanup(),
  runId: `b${randomBytes(3).toString("hex")}`,
  adminDatabaseUrl: env.DATABASE_URL ?? null,
  redisUrl: env.REDIS_URL ?? null,
  meta: {},
  pids: {},
};
const loadAtStart = uptime();
const command = `npm run bench${args.quick ? " -- --quick" : ""}`;
console.log(`# Bourse bench, ${profile.name} profile — ${startedAt.toISOString()}`);
console.log(
  `command: ${command} (DATABASE_URL ${env.DATABASE_URL ? "set" : "unset"}, REDIS_URL ${env.REDIS_URL ? "set" : "unset"})`,
);
console.log(`machine: ${JSON.stringify(machine())}`);
console.log(`uptime at start: ${loadAtStart}`);

let finishing: Promise<never> | null = null;

/** Stops everything, prints and writes what was measured, exits: once, however the run ends. */
function finish(failure: string | null): Promise<never> {
  finishing ??= (async () => {
    clearTimeout(budget);
    await context.cleanup.run();
    const targets = issueTargets(profile.standardClients);
    const loadAtEnd = uptime();
    context.report.print(targets);
    const finishedAt = new Date();
    const durationS = Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000);
    const meta = { command, profile: profile.name, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString() };
    await context.report.write(
      args.out,
      {
        ...meta,
        durationS,
        machine: machine(),
        uptime: { start: loadAtStart, end: loadAtEnd },
        ...context.meta,
        pids: context.pids,
        settings: profile,
        failure,
      },
      targets,
    );
    console.log(`\nuptime at end: ${loadAtEnd}`);
    console.log(`${durationS} s; results written to ${args.out}`);
    const failedRows = context.report.failedRows();
    for (const row of failedRows) console.error(`case with errors: ${row.id}: ${row.errors} (${row.firstError})`);
    if (failure !== null) console.error(`bench failed: ${failure}`);
    process.exit(failure !== null || failedRows.length > 0 ? 1 : 0);
  })();
  return finishing;
}

const budget = setTimeout(() => void finish(`over its ${profile.runBudgetMs / 60_000}-minute budget`), profile.runBudgetMs);
process.once("SIGINT", () => void finish("interrupted"));
process.once("SIGTERM", () => void finish("terminated"));

try {
  await runBench(context);
  await finish(null);
} catch (error) {
  console.error("\nbench failed:", error);
  await finish(errorMessage(error));
}
