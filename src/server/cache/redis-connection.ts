import { Redis } from "ioredis";
import { backoffDelayMs, type ErrorReporter, withTimeout } from "./resilience";

export interface RedisConnectionOptions {
  /** ioredis rejects a command with no reply after this long. */
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  /** Ceiling of the reconnect backoff. */
  reconnectMaxDelayMs: number;
  /** Shown by CLIENT LIST, to tell Bourse's connections apart. */
  connectionName: string;
  onError: ErrorReporter;
  /** Off for a subscriber that resubscribes itself on every 'ready'. Default true (ioredis). */
  autoResubscribe?: boolean;
}

export interface RedisConnection {
  readonly client: Redis;
  /**
   * Resolves when commands can be sent now. Waits (at most timeoutMs) only while the very first
   * connection attempt is under way, so a request right after start-up still reaches Redis; once
   * Redis has been lost it rejects at once instead of making every request wait for the timeout.
   */
  whenReady(timeoutMs: number): Promise<void>;
  /** Drops the socket and stops reconnecting; pending commands are rejected. */
  close(): void;
}

const RECONNECT_BASE_DELAY_MS = 50;

export function createRedisConnection(url: string, options: RedisConnectionOptions): RedisConnection {
  const client = new Redis(url, {
    connectionName: options.connectionName,
    autoResubscribe: options.autoResubscribe ?? true,
    // A command we already gave up on (timed out) must not run later on the next connection: a
    // replayed SET could put back a value invalidated in between.
    autoResendUnfulfilledCommands: false,
    // Offline, a command fails at once instead of queueing until Redis comes back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: options.connectTimeoutMs,
    // A connection that stops answering (Redis frozen, packets dropped) is torn down and
    // redialled instead of timing out every command forever.
    socketTimeout: Math.max(1_000, options.commandTimeoutMs * 10),
    retryStrategy: (attempt) => backoffDelayMs(attempt, { baseMs: RECONNECT_BASE_DELAY_MS, maxMs: options.reconnectMaxDelayMs }),
  });
  // Without a listener an unreachable Redis emits an unhandled 'error' and kills the process.
  client.on("error", options.onError);

  let firstAttempt: "pending" | "settled" = "pending";
  const firstReady = new Promise<void>((resolve, reject) => {
    client.once("ready", resolve);
    client.once("close", () => reject(new Error("Redis connection closed before it was ready")));
  });
  // Nobody may be waiting when the first attempt settles; the outcome is read through firstAttempt.
  firstReady.then(
    () => {
      firstAttempt = "settled";
    },
    () => {
      firstAttempt = "settled";
    },
  );

  return {
    client,
    async whenReady(timeoutMs) {
      if (client.status === "ready") return;
      if (firstAttempt === "settled") throw new Error(`Redis is not connected (${client.status})`);
      await withTimeout(firstReady, timeoutMs, "Redis connect");
    },
    close() {
      client.disconnect();
    },
  };
}
