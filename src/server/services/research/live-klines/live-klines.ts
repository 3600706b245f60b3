/**
 * Live kline ingestion for the instance: one connector per configured stream (KLINE_STREAMS),
 * started with the instance and stopped on shutdown, and their statuses for /api/health. One
 * set per process (a process slot), whichever bundle of the server starts or reads it.
 */
import { processSlot } from "../../../process-slot";
import type { FetchKlinePage } from "@/server/outbound/kline-rest";
import type { OpenKlineSocket } from "@/server/outbound/kline-socket";
import { logger } from "../../../logger";
import type { ServiceContext } from "../../context";
import type { LiveKlineOptions } from "./options";
import { type KlineStreamConnector, startStreamConnector } from "./stream-connector";
import type { KlineStreamStatus } from "./stream-status";

export interface LiveKlineAdapters {
  openSocket: OpenKlineSocket;
  fetchPage: FetchKlinePage;
}

export interface LiveKlines {
  statuses(): KlineStreamStatus[];
  stop(): Promise<void>;
}

/** Starts a connector per stream; none when the options list no streams. */
export function startLiveKlines(ctx: ServiceContext, options: LiveKlineOptions, adapters: LiveKlineAdapters): LiveKlines {
  const holder = crypto.randomUUID();
  const connectors: KlineStreamConnector[] = options.targets.map((stream) =>
    startStreamConnector({ ctx, stream, options, holder, ...adapters }),
  );
  if (connectors.length > 0) {
    logger.info({ streams: options.targets.map((t) => `${t.market}:${t.name}`), wsUrl: options.wsUrl }, "live klines: started");
  }
  let stopped: Promise<void> | null = null;
  return {
    statuses: () => connectors.map((c) => c.status()),
    stop() {
      stopped ??= Promise.all(connectors.map((c) => c.stop())).then(() => undefined);
      return stopped;
    },
  };
}

const instanceKlines = processSlot<LiveKlines>("LiveKlines");

/** For the instance: starts once per process (dev reloads included). */
export function startInstanceLiveKlines(ctx: ServiceContext, options: LiveKlineOptions, adapters: LiveKlineAdapters): void {
  if (instanceKlines.get() || options.targets.length === 0) return;
  instanceKlines.set(startLiveKlines(ctx, options, adapters));
}

/** On shutdown: closes every connection and gives the leases up. */
export async function stopInstanceLiveKlines(): Promise<void> {
  const klines = instanceKlines.get();
  if (!klines) return;
  // Every caller waits for the same stop (the drain signal and the server's exit both ask).
  await klines.stop();
  if (instanceKlines.get() === klines) instanceKlines.take();
}

/** This instance's streams; empty when live ingestion is off. */
export function instanceKlineStatuses(): KlineStreamStatus[] {
  return instanceKlines.get()?.statuses() ?? [];
}
