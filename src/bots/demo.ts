import { randomBytes } from "node:crypto";
import { findUserByEmail } from "../server/db/queries/users";
import { isDomainError } from "../domain/errors";
import { logger } from "../server/logger";
import type { ServiceContext } from "../server/services/context";
import { registerUser } from "../server/services/accounts/register-user";
import { type Fleet, startFleet } from "./fleet";
import { inProcessExchange } from "./in-process";
import { processSlot } from "../server/process-slot";

/** The seeded market maker (services/demo/seed-data.ts) quotes; a bot-only account takes. */
const MAKER_EMAIL = "maker@bourse.local";
const NOISE_EMAIL = "noise-bot@bourse.local";
/** Enough for days of small random orders; assets this deployment lacks are skipped by registerUser. */
const NOISE_FUNDS = { USD: "1000000.00", ACME: "5000", BTC: "20", ETH: "300", GOLD: "500", SOLR: "30000" };

/**
 * The noise trader's account, created once with a random password nobody knows (no one signs in
 * as it), so the bots never trade from an account a newcomer might use.
 */
async function noiseAccount(services: ServiceContext): Promise<string> {
  const existing = await findUserByEmail(services.db, NOISE_EMAIL);
  if (existing) return existing.id;
  const password = randomBytes(24).toString("base64url");
  try {
    return (await registerUser(services, { email: NOISE_EMAIL, password, name: "Demo noise trader", startingFunds: NOISE_FUNDS }))
      .id;
  } catch (error) {
    // Another instance created it first.
    const raced = isDomainError(error) && error.code === "EMAIL_TAKEN" ? await findUserByEmail(services.db, NOISE_EMAIL) : null;
    if (raced) return raced.id;
    throw error;
  }
}

const demoBots = processSlot<Fleet>("DemoBots");

/**
 * DEMO_BOTS=true: the instance runs the demo market maker on every open market and one noise
 * taker, in-process, so a newcomer's first visit shows a moving book, tape and chart. Started
 * once per process; they stop (and the maker cancels its quotes) when stopDemoBots() is called.
 */
export async function startDemoBots(
  services: ServiceContext,
  pace: { makerIntervalMs: number; takerIntervalMs: number } = { makerIntervalMs: 3_000, takerIntervalMs: 2_500 },
): Promise<Fleet | null> {
  const running = demoBots.get();
  if (running) return running;
  const maker = await findUserByEmail(services.db, MAKER_EMAIL);
  if (!maker) {
    logger.warn({ email: MAKER_EMAIL }, "DEMO_BOTS: no demo market maker (seed the demo first); bots not started");
    return null;
  }
  const fleet = startFleet({
    maker: inProcessExchange(services, maker.id, "demo-bots:maker"),
    takers: [inProcessExchange(services, await noiseAccount(services), "demo-bots:noise")],
    markets: [],
    makerConfig: { levels: 8, intervalMs: pace.makerIntervalMs },
    takerConfig: { intervalMs: pace.takerIntervalMs },
    log: (message) => logger.debug({ bots: "demo" }, message),
  });
  demoBots.set(fleet);
  void fleet.done.then((result) => {
    for (const failure of result.failures) logger.warn({ err: failure }, "DEMO_BOTS: a bot stopped on an error");
  });
  logger.info("DEMO_BOTS: market maker and noise trader started");
  return fleet;
}

export async function stopDemoBots(): Promise<void> {
  const fleet = demoBots.take();
  fleet?.stop();
  await fleet?.done;
}
