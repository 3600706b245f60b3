import { createRedisConnection } from "./redis-connection";
import { type ErrorReporter, ignoreError, withTimeout } from "./resilience";
import { type Cache, CACHE_KEY_PREFIX } from "./types";

export interface RedisCacheOptions {
  /** Every method settles within this, whether Redis is up, slow, stopped or unreachable. */
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
  reconnectMaxDelayMs?: number;
  /** Connection errors and reconnect attempts; the process never crashes on them. */
  onError?: ErrorReporter;
}

// DEL takes any number of keys, but one huge command would hold Redis for its whole length.
const MAX_KEYS_PER_DEL = 500;

export function createRedisCache(
  url: string,
  {
    commandTimeoutMs = 150,
    connectTimeoutMs = 2_000,
    reconnectMaxDelayMs = 2_000,
    onError = ignoreError,
  }: RedisCacheOptions = {},
): Cache {
  const connection = createRedisConnection(url, {
    commandTimeoutMs,
    connectTimeoutMs,
    reconnectMaxDelayMs,
    connectionName: "bourse-cache",
    onError,
  });
  const { client } = connection;

  /** Waits for the connection (first start only) and runs the command, all within one deadline. */
  function run<T>(what: string, command: () => Promise<T>): Promise<T> {
    const attempt = connection.whenReady(commandTimeoutMs).then(command);
    return withTimeout(attempt, commandTimeoutMs, `Redis ${what}`);
  }

  return {
    kind: "redis",
    reportError: onError,
    get(key) {
      return run("GET", () => client.get(CACHE_KEY_PREFIX + key));
    },
    async set(key, value, ttlMs) {
      // Same meaning as the memory cache: a TTL that is already over leaves nothing behind.
      if (!(ttlMs > 0)) {
        await run("DEL", () => client.del(CACHE_KEY_PREFIX + key));
        return;
      }
      // PX wants an integer; a fraction of a millisecond rounds up rather than down to zero.
      await run("SET", () => client.set(CACHE_KEY_PREFIX + key, value, "PX", Math.ceil(ttlMs)));
    },
    async del(keys) {
      for (let start = 0; start < keys.length; start += MAX_KEYS_PER_DEL) {
        const batch = keys.slice(start, start + MAX_KEYS_PER_DEL).map((key) => CACHE_KEY_PREFIX + key);
        await run("DEL", () => client.del(...batch));
      }
    },
    async ping() {
      // The reason is already reported by the connection's error listener; callers want a yes or no.
      return run("PING", () => client.ping()).then(
        (reply) => reply === "PONG",
        () => false,
      );
    },
    async close() {
      connection.close();
    },
  };
}
