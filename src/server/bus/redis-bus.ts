import { createRedisConnection } from "@/server/cache/redis-connection";
import { describeError, type ErrorReporter, ignoreError, withTimeout } from "@/server/cache/resilience";
import { createFanOut } from "./fan-out";
import { createListeningState } from "./listening-state";
import { assertSignal, encodeSignal, parseSignal } from "./signal";
import type { EventBus } from "./types";

export interface RedisBusOptions {
  /** Every instance of one deployment must use the same channel; tests use their own. */
  channel?: string;
  /** publish() settles within this even when Redis is down. */
  publishTimeoutMs?: number;
  connectTimeoutMs?: number;
  reconnectMaxDelayMs?: number;
  /** How often the idle subscriber connection is pinged, to notice a silently dead socket. */
  healthCheckIntervalMs?: number;
  maxListeners?: number;
  onError?: ErrorReporter;
}

export interface RedisEventBus extends EventBus {
  readonly kind: "redis";
  isListening(): boolean;
  waitUntilListening(timeoutMs: number): Promise<boolean>;
}

// Signals are tiny; this only stops a runaway topic list from becoming a huge Redis message.
const MAX_MESSAGE_BYTES = 64 * 1024;
const SUBSCRIBER_COMMAND_TIMEOUT_MS = 2_000;

/**
 * Redis pub/sub: one connection publishes, a dedicated one subscribes (a subscribed connection
 * cannot be shared). The subscriber subscribes again on every 'ready', so a restarted Redis is
 * heard again without help; signals sent while it was away are recovered by the pollers.
 */
export function createRedisBus(url: string, options: RedisBusOptions = {}): RedisEventBus {
  const {
    channel = "bourse:events",
    publishTimeoutMs = 250,
    connectTimeoutMs = 2_000,
    reconnectMaxDelayMs = 2_000,
    healthCheckIntervalMs = 15_000,
    maxListeners = 10_000,
    onError = ignoreError,
  } = options;
  const fanOut = createFanOut({ maxListeners, onError });
  const listening = createListeningState();
  const connectionOptions = { connectTimeoutMs, reconnectMaxDelayMs, onError };
  const publisher = createRedisConnection(url, {
    ...connectionOptions,
    commandTimeoutMs: publishTimeoutMs,
    connectionName: "bourse-bus-publisher",
  });
  const subscriber = createRedisConnection(url, {
    ...connectionOptions,
    commandTimeoutMs: SUBSCRIBER_COMMAND_TIMEOUT_MS,
    connectionName: "bourse-bus-subscriber",
    autoResubscribe: false,
  });

  let isClosed = false;
  let isChecking = false;
  // Bumped whenever the subscriber connection closes: a failure that belongs to an earlier
  // connection must not tear down the one that replaced it.
  let connectionEpoch = 0;

  function redial(epoch: number, what: string, error: unknown): void {
    if (isClosed || epoch !== connectionEpoch) return;
    onError(describeError(`${what}, reconnecting`, error));
    subscriber.client.disconnect(true);
  }

  function subscribe(): void {
    const epoch = connectionEpoch;
    subscriber.client.subscribe(channel).then(
      () => {
        if (epoch === connectionEpoch) listening.set(true);
      },
      (error: unknown) => redial(epoch, `Redis SUBSCRIBE ${channel} failed`, error),
    );
  }

  function deliver(messageChannel: string, text: string): void {
    if (messageChannel !== channel) return;
    const signal = parseSignal(text);
    if (!signal) {
      onError(new Error(`ignored a malformed message on ${channel}: ${text.slice(0, 200)}`));
      return;
    }
    fanOut.emit(signal);
  }

  function checkSubscriber(): void {
    if (isChecking || subscriber.client.status !== "ready") return;
    isChecking = true;
    const epoch = connectionEpoch;
    subscriber.client
      .ping()
      .catch((error: unknown) => redial(epoch, "Redis subscriber did not answer PING", error))
      .finally(() => {
        isChecking = false;
      });
  }

  subscriber.client.on("ready", subscribe);
  subscriber.client.on("close", () => {
    connectionEpoch += 1;
    listening.set(false);
  });
  subscriber.client.on("message", deliver);
  const healthCheck = setInterval(checkSubscriber, healthCheckIntervalMs);
  // The check must not be what keeps a script or test process alive.
  healthCheck.unref();

  return {
    kind: "redis",
    isListening: listening.isListening,
    waitUntilListening: listening.waitUntilListening,
    async publish(signal) {
      assertSignal(signal);
      const text = encodeSignal(signal, MAX_MESSAGE_BYTES);
      const sent = publisher.whenReady(publishTimeoutMs).then(() => publisher.client.publish(channel, text));
      try {
        await withTimeout(sent, publishTimeoutMs, "Redis PUBLISH");
      } catch (error) {
        onError(describeError(`signal up to seq ${signal.seq} not published; pollers will catch up`, error));
      }
    },
    subscribe(listener) {
      return fanOut.add(listener);
    },
    async close() {
      isClosed = true;
      clearInterval(healthCheck);
      fanOut.clear();
      listening.set(false);
      publisher.close();
      subscriber.close();
    },
  };
}
