import { describeError, type ErrorReporter, withTimeout } from "@/server/cache/resilience";
import { createFanOut } from "./fan-out";
import { createListeningState, type ListeningState } from "./listening-state";
import { assertSignal, encodeSignal, parseSignal } from "./signal";
import type { EventBus } from "./types";

/** A bus whose signals cross the network, so other instances hear them: Redis or Postgres. */
export interface NetworkedBus<K extends EventBus["kind"]> extends EventBus {
  readonly kind: K;
  isListening(): boolean;
  waitUntilListening(timeoutMs: number): Promise<boolean>;
}

/** What a networked bus needs from its service: send, notice a dead listener, hang up. */
export interface BusTransport {
  /** Sends one encoded signal to every instance; may reject or hang (publish bounds it). */
  send(text: string): Promise<unknown>;
  /** Called every health-check interval, never twice at once: drop a listener that no longer answers. */
  checkListener(): Promise<void>;
  /** Ends every connection; must settle even when the service does not answer. */
  close(): Promise<void>;
}

/** Given to the transport when it starts: where received messages go and whether it listens. */
export interface BusReceiver {
  /** A message from the wire; anything but a well-formed signal is reported and dropped. */
  deliver(text: string): void;
  listening: Pick<ListeningState, "set">;
}

/** How a networked bus behaves; each kind has its defaults (see createRedisBus, createPostgresBus). */
export interface BusSettings {
  /** Every instance of one deployment must use the same channel; tests use their own. */
  channel: string;
  /** publish() settles within this even when the service is down. */
  publishTimeoutMs: number;
  /** Bounds connecting, subscribing and the listener's health check. */
  connectTimeoutMs: number;
  reconnectMaxDelayMs: number;
  /** How often the idle listening connection is asked to answer, to notice a silently dead socket. */
  healthCheckIntervalMs: number;
  maxListeners: number;
  onError: ErrorReporter;
}

/** The defaults of a kind, overridden by what the caller set (an undefined option keeps its default). */
export function busSettings(defaults: BusSettings, options: Partial<BusSettings>): BusSettings {
  return {
    channel: options.channel ?? defaults.channel,
    publishTimeoutMs: options.publishTimeoutMs ?? defaults.publishTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs ?? defaults.connectTimeoutMs,
    reconnectMaxDelayMs: options.reconnectMaxDelayMs ?? defaults.reconnectMaxDelayMs,
    healthCheckIntervalMs: options.healthCheckIntervalMs ?? defaults.healthCheckIntervalMs,
    maxListeners: options.maxListeners ?? defaults.maxListeners,
    onError: options.onError ?? defaults.onError,
  };
}

export interface NetworkedBusOptions extends BusSettings {
  /** Largest message the service takes; larger topic lists become "*". */
  maxMessageBytes: number;
}

/**
 * The part every networked bus shares: validating and encoding what is published, bounding
 * the publish, parsing what arrives, fanning it out to this instance's subscribers, the
 * listening state health checks read, and the health-check clock. The transport owns its
 * connections and their reconnecting.
 */
export function createNetworkedBus<K extends EventBus["kind"]>(
  kind: K,
  options: NetworkedBusOptions,
  start: (receiver: BusReceiver) => BusTransport,
): NetworkedBus<K> {
  const { channel, onError } = options;
  const fanOut = createFanOut({ maxListeners: options.maxListeners, onError });
  const listening = createListeningState();
  let isChecking = false;

  const transport = start({
    deliver(text) {
      const signal = parseSignal(text);
      if (signal) fanOut.emit(signal);
      else onError(new Error(`ignored a malformed message on ${channel}: ${text.slice(0, 200)}`));
    },
    listening,
  });

  function check(): void {
    if (isChecking) return;
    isChecking = true;
    transport.checkListener().finally(() => {
      isChecking = false;
    });
  }
  const healthCheck = setInterval(check, options.healthCheckIntervalMs);
  // The check must not be what keeps a script or test process alive.
  healthCheck.unref();

  return {
    kind,
    isListening: listening.isListening,
    waitUntilListening: listening.waitUntilListening,
    async publish(signal) {
      assertSignal(signal);
      const text = encodeSignal(signal, options.maxMessageBytes);
      try {
        await withTimeout(transport.send(text), options.publishTimeoutMs, `${kind} bus publish`);
      } catch (error) {
        onError(describeError(`signal up to seq ${signal.seq} not published; pollers will catch up`, error));
      }
    },
    subscribe: (listener) => fanOut.add(listener),
    async close() {
      clearInterval(healthCheck);
      fanOut.clear();
      listening.set(false);
      await transport.close();
    },
  };
}
