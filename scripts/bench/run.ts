import { openPg, openPglite } from "../../src/server/db/drivers";
import { BourseClient } from "./api-client";
import { createBenchDatabase } from "./bench-database";
import type { SetupResult } from "./control-protocol";
import { runEmbeddedDefault } from "./embedded-default";
import { runCeiling, runFloors } from "./floor";
import { createAgent, HttpTarget } from "./http-client";
import { type PlacementTarget, runCancelAll, runOpenLoopPlacement, runPlacement } from "./http-placement";
import { runInProcess } from "./in-process";
import { runLiveCases } from "./live-cases";
import { runRawPostgres } from "./pg-baseline";
import { runReads } from "./reads";
import { audit, auditDatabase, PLACEMENT_MARKETS, type RunContext, seededMakers, started, tempDir } from "./run-steps";
import { benchRedisUrl, startBenchServer, startRawServer } from "./servers";

export type { RunContext } from "./run-steps";

/**
 * The order of a run: ceilings, then the server under test (Postgres when DATABASE_URL is set,
 * else the embedded PGlite) with its floors, the raw-Postgres baselines, HTTP placement, the
 * service in-process, the ledger audit, reads and live; then, next to a Postgres run, the
 * embedded default on its own. Each server is stopped before the next heavy part starts.
 */
export async function runBench(c: RunContext): Promise<void> {
  const { profile, report } = c;
  const maxClients = Math.max(...profile.clientCounts);
  const raw = await started(c, "raw server", startRawServer());
  const rawHttp = new HttpTarget(raw.url, createAgent(4));
  console.log("\n# HTTP ceiling");
  await runCeiling(report, rawHttp, profile);

  let pgUrl: string | null = null;
  if (c.adminDatabaseUrl) {
    const database = await createBenchDatabase(c.adminDatabaseUrl);
    c.cleanup.push("bench database", () => database.drop());
    Object.assign(c.meta, { benchDatabase: database.name, postgres: database.serverVersion });
    pgUrl = database.url;
  } else {
    report.skip(
      "raw-Postgres baselines, statement counts, embedded default beside Postgres",
      "DATABASE_URL is not set (PGlite only)",
    );
  }
  const redisUrl = c.redisUrl ? benchRedisUrl(c.redisUrl) : null;
  if (redisUrl) c.meta.redisDatabase = new URL(redisUrl).pathname.slice(1);
  const databaseLabel = pgUrl ? "Postgres" : "PGlite";
  c.meta.serverUnderTest = pgUrl ? `Postgres${redisUrl ? " + Redis" : ""}` : "PGlite (embedded default)";
  console.log(`\nserver under test: ${c.meta.serverUnderTest}${redisUrl ? ` (Redis database ${c.meta.redisDatabase})` : ""}`);

  const server = await started(
    c,
    "bench server",
    startBenchServer({
      databaseUrl: pgUrl,
      redisUrl,
      pgliteDir: await tempDir(c, "pglite"),
      poolSize: maxClients + 4,
      maxStreams: profile.liveSubscribers + 100,
    }),
  );
  const http = new HttpTarget(server.url, createAgent(8));
  const control = new BourseClient(http);
  const setup = await control.control<SetupResult>("/setup", {
    markets: PLACEMENT_MARKETS,
    traders: maxClients,
    rawMarkets: pgUrl ? PLACEMENT_MARKETS : 0,
    rawUsers: pgUrl ? maxClients : 0,
  });
  const firstKey = setup.traders[0]?.apiKey ?? "";

  console.log("\n# Cheapest calls");
  await runFloors(report, http, profile, {
    prefix: "floor",
    group: `cheapest call (${databaseLabel})`,
    clientCounts: profile.clientCounts,
    apiKey: firstKey,
    keyedClients: profile.standardClients,
  });
  if (pgUrl) {
    console.log("\n# Raw Postgres");
    await runRawPostgres(report, { url: pgUrl, markets: setup.rawMarkets, users: setup.rawUsers }, profile, c.runId);
  }

  console.log("\n# Placement over HTTP");
  const target: PlacementTarget = {
    prefix: "http",
    floorPrefix: "floor",
    database: databaseLabel,
    server: http,
    setup,
    makers: seededMakers(control, setup.markets, setup.makers),
    hasRawBaselines: pgUrl !== null,
  };
  await runPlacement(report, target, profile, c.runId, {
    clientCounts: profile.clientCounts,
    kinds: ["resting5", "restingHot", "taker"],
  });
  await runOpenLoopPlacement(report, target, profile, c.runId);
  await runCancelAll(report, target, profile, control);

  console.log("\n# In-process service");
  const database = pgUrl
    ? await openPg({ url: pgUrl, poolSize: profile.standardClients + 2, onError: () => {} })
    : await openPglite();
  try {
    // The server already migrated the bench database; an in-memory PGlite starts empty.
    if (!pgUrl) await database.migrate();
    await runInProcess(report, database, pgUrl, profile, c.runId);
    // On Postgres the server's audit below covers these writes too; an in-memory PGlite is its own.
    if (!pgUrl) await auditDatabase(database.db, "of the in-process database");
  } finally {
    await database.close();
  }
  await audit(control, "after the placement cases");

  console.log("\n# Reads");
  await runReads(report, http, profile, setup.markets[0] ?? "", "floor");

  console.log("\n# Live");
  await runLiveCases(c, { http, control, raw: rawHttp, setup, databaseLabel });
  await c.cleanup.runOne("bench server");

  if (pgUrl) {
    console.log("\n# Embedded default (PGlite) over HTTP");
    await runEmbeddedDefault(c);
  }
}
