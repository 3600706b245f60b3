/**
 * One stream, for as long as the instance runs: hold its lease, connect, and when the connection
 * ends, wait the backoff and connect again. While another instance holds the lease this one is
 * on standby and asks again every leaseRenewMs; a held lease is renewed on the same beat for as
 * long as it is held (connected or backing off), and losing it ends the connection at once. So
 * at most one instance reads a stream and fills its gaps (if a paused instance outlives its
 * lease, two may for a moment: every write is idempotent, so that costs requests, not data).
 */
import { claimKlineLease, releaseKlineLease } from "../../../db/queries/kline-leases";
import { backoffDelayMs, nextAttempt } from "@/domain/klines/backoff";
import type { KlineRules } from "@/domain/klines/parse-kline";
import type { KlineStreamTarget } from "@/domain/klines/stream-names";
import type { FetchKlinePage } from "@/server/outbound/kline-rest";
import type { OpenKlineSocket } from "@/server/outbound/kline-socket";
import { logger } from "../../../logger";
import type { ServiceContext } from "../../context";
import { requireMarket } from "../../markets/market-data";
import type { HistoryTarget } from "./history-events";
import { type LiveKlineOptions, streamSource } from "./options";
import { runStreamSession } from "./stream-session";
import { initialStatus, type KlineStreamStatus } from "./stream-status";

export interface ConnectorSetup {
  ctx: ServiceContext;
  stream: KlineStreamTarget;
  options: LiveKlineOptions;
  openSocket: OpenKlineSocket;
  fetchPage: FetchKlinePage;
  /** This process's id in the lease table. */
  holder: string;
}

export interface KlineStreamConnector {
  status(): KlineStreamStatus;
  /** Ends the connection, waits for its writes, gives the lease up. */
  stop(): Promise<void>;
}

export function startStreamConnector(setup: ConnectorSetup): KlineStreamConnector {
  const status = initialStatus(setup.stream);
  const stopping = new AbortController();
  const running = runConnector(setup, status, stopping.signal).catch((error: unknown) =>
    logger.error({ err: error, stream: setup.stream.name }, "kline stream connector crashed"),
  );
  return {
    status: () => structuredClone(status),
    async stop() {
      stopping.abort("stopped");
      await running;
      status.state = "stopped";
    },
  };
}

async function runConnector(setup: ConnectorSetup, status: KlineStreamStatus, stopping: AbortSignal): Promise<void> {
  const { ctx, stream, options } = setup;
  const lease = { stream: stream.name, holder: setup.holder, leaseMs: options.leaseMs };
  let attempt = 0;
  while (!stopping.aborted) {
    const isHeld = await claimKlineLease(ctx.db, lease).catch((error: unknown) => {
      status.lastError = `lease not claimed: ${messageOf(error)}`;
      return false;
    });
    status.holdsLease = isHeld;
    if (!isHeld) {
      status.state = "standby";
      await sleep(options.leaseRenewMs, stopping);
      continue;
    }
    // From here until it is lost or given up, the lease is renewed on its own beat.
    const held = new AbortController();
    const onStop = () => held.abort("stopped");
    stopping.addEventListener("abort", onStop, { once: true });
    let renewing: Promise<void> = Promise.resolve();
    const renewal = setInterval(() => {
      renewing = claimKlineLease(ctx.db, lease).then(
        (isStill) => {
          if (!isStill) held.abort("the lease went to another instance");
        },
        (error: unknown) => held.abort(`the lease could not be renewed: ${messageOf(error)}`),
      );
    }, options.leaseRenewMs);
    try {
      attempt = await connectWhileHeld(setup, status, held.signal, attempt);
    } finally {
      clearInterval(renewal);
      stopping.removeEventListener("abort", onStop);
      // A renewal still on its way would otherwise take the lease again after it was given up.
      await renewing;
      status.holdsLease = false;
    }
    if (!stopping.aborted) logger.warn({ stream: stream.name, reason: held.signal.reason }, "kline stream: lease lost");
  }
  await releaseKlineLease(ctx.db, lease).catch((error: unknown) =>
    logger.warn({ err: error, stream: stream.name }, "kline stream: lease not released; it expires by itself"),
  );
}

/** Connects, and again after each drop with the backoff, until `held` ends; returns the attempt count reached. */
async function connectWhileHeld(
  setup: ConnectorSetup,
  status: KlineStreamStatus,
  held: AbortSignal,
  startAttempt: number,
): Promise<number> {
  const { ctx, stream, options } = setup;
  let attempt = startAttempt;
  while (!held.aborted) {
    const prepared = await prepare(setup).catch((error: unknown) => {
      status.lastError = messageOf(error);
      return null;
    });
    let retryAfterMs: number | null = null;
    let connectedForMs: number | null = null;
    if (prepared) {
      const end = await runStreamSession({ ...setup, ...prepared, ctx, status, signal: held });
      if (held.aborted) break;
      status.reconnects += 1;
      logger.warn(
        { stream: stream.name, reason: end.reason, connectedForMs: end.connectedForMs },
        "kline stream: connection ended",
      );
      retryAfterMs = end.retryAfterMs;
      connectedForMs = end.connectedForMs;
    }
    attempt = nextAttempt(options.backoff, attempt, connectedForMs);
    const delayMs = backoffDelayMs(options.backoff, attempt, options.random, retryAfterMs ?? 0);
    status.state = "waiting";
    status.nextAttemptAt = new Date(Date.now() + delayMs).toISOString();
    await sleep(delayMs, held);
    status.nextAttemptAt = null;
  }
  return attempt;
}

/** The market's rules, read on every connect: a market created after the instance started is picked up. */
async function prepare(setup: ConnectorSetup): Promise<{ target: HistoryTarget; rules: KlineRules }> {
  const { stream, options } = setup;
  const market = await requireMarket(setup.ctx.db, stream.market).catch((error: unknown) => {
    throw new Error(`market ${stream.market}: ${messageOf(error)}`);
  });
  const target: HistoryTarget = {
    market: market.symbol,
    interval: stream.interval,
    baseScale: market.baseScale,
    quoteScale: market.quoteScale,
    source: streamSource(options, stream.name),
  };
  const rules: KlineRules = {
    interval: stream.interval,
    baseScale: market.baseScale,
    quoteScale: market.quoteScale,
    priceTick: market.priceTick,
    priceRounding: options.priceRounding,
  };
  return { target, rules };
}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no timer behind either way. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
