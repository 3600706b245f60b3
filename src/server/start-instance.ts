import { getEnv } from "@/env";
import { getAuthSecret } from "./auth/secret";
import { logger } from "./logger";
import { getServices } from "./runtime";
import { startEventRetention } from "./services/live/event-retention";
import { startNewsPoller } from "./services/research/news/news-poller";
import { newsPollOptions } from "./services/research/news/poll-sources";

/**
 * Validates the environment and opens (and for the demo, migrates and seeds) the database.
 * The session secret is resolved first: with DATABASE_URL and no AUTH_SECRET the instance exits
 * rather than serve anything (Next.js would otherwise keep running, answering 500 to everything).
 */
export async function startNodeInstance(): Promise<void> {
  const env = getEnv();
  try {
    await getAuthSecret(env);
  } catch (error) {
    logger.fatal({ err: error }, "refusing to start: no usable session secret");
    process.exit(1);
  }
  const services = await getServices();
  // Live streams resume from the events table; what is older than the window is pruned in the background.
  startEventRetention(services.db, { retentionHours: env.EVENT_RETENTION_HOURS });
  // Registered news feeds are fetched in the background; each instance takes its share of the due ones.
  if (env.NEWS_POLL_ENABLED) startNewsPoller(services, { ...newsPollOptions(env), intervalMs: env.NEWS_POLL_INTERVAL_MS });
  if (env.DEMO_BOTS) {
    // Bots keep the demo markets moving; a failure to start them must not take the exchange down.
    const { startDemoBots } = await import("../bots/demo");
    await startDemoBots(services).catch((error: unknown) => logger.warn({ err: error }, "DEMO_BOTS: not started"));
  }
}
