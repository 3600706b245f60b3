import { getEnv } from "@/env";
import { getAuthSecret } from "./auth/secret";
import { drainingSignal } from "./http/draining";
import { logger } from "./logger";
import { klinePageFetcher } from "./outbound/kline-rest";
import { klineSocketOpener } from "./outbound/kline-socket";
import { getServices } from "./runtime";
import { startEventRetention } from "./services/live/event-retention";
import { startNewsPoller } from "./services/research/news/news-poller";
import { newsPollOptions } from "./services/research/news/poll-sources";
import { startInstanceLiveKlines, stopInstanceLiveKlines } from "./services/research/live-klines/live-klines";
import { LIVE_KLINE_DEFAULTS, liveKlineOptions } from "./services/research/live-klines/options";

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
  // Live klines (KLINE_STREAMS): each stream read by one instance at a time; closed on shutdown.
  if (env.KLINE_STREAMS.length > 0) {
    const limits = LIVE_KLINE_DEFAULTS;
    startInstanceLiveKlines(services, liveKlineOptions(env), {
      openSocket: klineSocketOpener({ handshakeTimeoutMs: limits.handshakeTimeoutMs, maxMessageBytes: limits.maxMessageBytes }),
      fetchPage: klinePageFetcher(env.KLINE_REST_URL, { timeoutMs: limits.restTimeoutMs, maxBytes: limits.restMaxBytes }),
    });
    drainingSignal().addEventListener("abort", () => void stopInstanceLiveKlines(), { once: true });
  }
  if (env.DEMO_BOTS) {
    // Bots keep the demo markets moving; a failure to start them must not take the exchange down.
    const { startDemoBots } = await import("../bots/demo");
    await startDemoBots(services).catch((error: unknown) => logger.warn({ err: error }, "DEMO_BOTS: not started"));
  }
}
