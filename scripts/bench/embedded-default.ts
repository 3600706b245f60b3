import { BourseClient } from "./api-client";
import type { SetupResult } from "./control-protocol";
import { runFloors } from "./floor";
import { createAgent, HttpTarget } from "./http-client";
import { type PlacementTarget, runPlacement } from "./http-placement";
import { audit, PLACEMENT_MARKETS, type RunContext, seededMakers, started, tempDir } from "./run-steps";
import { startBenchServer } from "./servers";

/** The newcomer's setup: no DATABASE_URL, no Redis — PGlite in a folder, cache and bus in memory. */
export async function runEmbeddedDefault(c: RunContext): Promise<void> {
  const { profile, report } = c;
  const clientCounts = [1, profile.standardClients];
  const server = await started(
    c,
    "embedded server",
    startBenchServer({
      databaseUrl: null,
      redisUrl: null,
      pgliteDir: await tempDir(c, "embedded"),
      poolSize: 10,
      maxStreams: 100,
    }),
  );
  const http = new HttpTarget(server.url, createAgent(4));
  const control = new BourseClient(http);
  const setup = await control.control<SetupResult>("/setup", {
    markets: PLACEMENT_MARKETS,
    traders: profile.standardClients,
    rawMarkets: 0,
    rawUsers: 0,
  });
  await runFloors(report, http, profile, {
    prefix: "pglite-floor",
    group: "cheapest call (PGlite)",
    clientCounts,
    apiKey: setup.traders[0]?.apiKey ?? "",
    keyedClients: profile.standardClients,
  });
  const target: PlacementTarget = {
    prefix: "pglite",
    floorPrefix: "pglite-floor",
    database: "PGlite, embedded default",
    server: http,
    setup,
    makers: seededMakers(control, setup.markets, setup.makers),
    hasRawBaselines: false,
  };
  await runPlacement(report, target, profile, c.runId, { clientCounts, kinds: ["resting5"] });
  await audit(control, "on the embedded default");
  await c.cleanup.runOne("embedded server");
}
