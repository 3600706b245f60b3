/**
 * npm run chaos — kills, cuts and floods a running Bourse and checks that nothing acknowledged
 * is lost and nothing retried is doubled. Loopback only: it starts its own Postgres cluster and
 * Redis server on free ports (never the machine's shared ones), its own `dist/serve.mjs`
 * instances (build first: npm run build), and stops every process it started, by PID.
 *
 *   npm run chaos                  the full profile (~5 minutes)
 *   npm run chaos -- --short       what CI runs (~1.5 minutes)
 *   npm run chaos -- --soak=600    adds a 10-minute soak: memory, connections, event table
 *   npm run chaos -- --only=crash,redis --seed=7 --out=chaos.json
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { floodFault } from "./chaos/faults/flood";
import { liveFault } from "./chaos/faults/live";
import { postgresFault } from "./chaos/faults/postgres";
import { crashFault, gracefulStopFault } from "./chaos/faults/process";
import { redisFault } from "./chaos/faults/redis";
import { soakFault } from "./chaos/faults/soak";
import { check, type FaultResult, formatTable, passed } from "./chaos/result";
import { seededRandom } from "./chaos/timing";
import { createWorld, type World } from "./chaos/world";

const { values } = parseArgs({
  options: {
    short: { type: "boolean", default: false },
    soak: { type: "string" },
    only: { type: "string" },
    seed: { type: "string" },
    out: { type: "string" },
  },
});

const PROFILES = {
  short: { kills: 3, stops: 1, postgresDownMs: 3_000, redisDownMs: 5_000, liveRounds: 2, floodMs: 10_000 },
  full: { kills: 20, stops: 3, postgresDownMs: 10_000, redisDownMs: 30_000, liveRounds: 6, floodMs: 20_000 },
};
const profile = values.short ? PROFILES.short : PROFILES.full;
const seed = values.seed ? Number(values.seed) : Date.now() % 1_000_000;
const random = seededRandom(seed);
const soakSeconds = values.soak ? Number(values.soak) : 0;
if (!Number.isInteger(soakSeconds) || soakSeconds < 0 || soakSeconds > 3_600) throw new Error("--soak takes 0–3600 seconds");

type Fault = (world: World) => Promise<FaultResult>;
const faults: Record<string, Fault> = {
  crash: (world) => crashFault(world, random, profile.kills),
  sigterm: (world) => gracefulStopFault(world, random, profile.stops),
  postgres: (world) => postgresFault(world, random, profile.postgresDownMs),
  redis: (world) => redisFault(world, random, profile.redisDownMs),
  live: (world) => liveFault(world, random, profile.liveRounds),
  flood: (world) => floodFault(world, random, profile.floodMs, !values.short),
  ...(soakSeconds > 0 ? { soak: (world: World) => soakFault(world, random, soakSeconds * 1_000) } : {}),
};
const chosen = values.only ? values.only.split(",") : Object.keys(faults);
for (const name of chosen) if (!faults[name]) throw new Error(`no fault named ${name}; known: ${Object.keys(faults).join(", ")}`);

if (!existsSync("dist/serve.mjs") || !existsSync(".next/BUILD_ID")) {
  console.error("chaos runs the production server: build it first with `npm run build`");
  process.exit(2);
}

/** A fault that could not run to its end fails, and the others still run. */
function brokenFault(name: string, error: unknown): FaultResult {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    fault: name,
    sent: 0,
    acked: 0,
    lost: 0,
    duplicated: 0,
    audit: "not run",
    recoveryMs: null,
    checks: [check("ran to its end", false, detail)],
    notes: [],
  };
}

console.log(`chaos: ${values.short ? "short" : "full"} profile, seed ${seed}, faults ${chosen.join(", ")}`);
const started = performance.now();
const results: FaultResult[] = [];
for (const name of chosen) {
  const fault = faults[name];
  if (!fault) continue;
  // Each fault gets a fresh world, so one fault's damage cannot hide or cause another's.
  const world = await createWorld({ markets: 2, traders: 6 });
  try {
    const result = await fault(world).catch((error: unknown) => brokenFault(name, error));
    results.push(result);
    console.log(`${passed(result) ? "pass" : "FAIL"}  ${result.fault}`);
  } finally {
    await world.close();
  }
}
console.log(
  `\n${formatTable(results)}\n\nchaos finished in ${Math.round((performance.now() - started) / 1000)} s (seed ${seed})`,
);
if (values.out) await writeFile(values.out, JSON.stringify({ seed, profile, results }, null, 2));
process.exit(results.every(passed) ? 0 : 1);
