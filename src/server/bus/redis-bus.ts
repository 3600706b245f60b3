import { createRedisConnection } from "@/server/cache/redis-connection";
import { describeError, ignoreError } from "@/server/cache/resilience";
import {
  type BusReceiver,
  type BusSettings,
  type BusTransport,
  busSettings,
  createNetworkedBus,
  type NetworkedBus,
} from "./networked-bus";

export type RedisBusOptions = Partial<BusSettings>;

export type RedisEventBus = NetworkedBus<"redis">;

// Signals are tiny; this only stops a runaway topic list from becoming a huge Redis message.
const MAX_MESSAGE_BYTES = 64 * 1024;
const SUBSCRIBER_COMMAND_TIMEOUT_MS = 2_000;

/**
 * Redis pub/sub: one connection publishes, a dedicated one subscribes (a subscribed connection
 * cannot be shared). The subscriber subscribes again on every 'ready', so a restarted Redis is
 * heard again without help; signals sent while it was away are recovered by the pollers.
 */
export function createRedisBus(url: string, options: RedisBusOptions = {}): RedisEventBus {
  const settings = busSettings(
    {
      channel: "bourse:events",
      publishTimeoutMs: 250,
      connectTimeoutMs: 2_000,
      reconnectMaxDelayMs: 2_000,
      healthCheckIntervalMs: 15_000,
      maxListeners: 10_000,
      onError: ignoreError,
    },
    options,
  );
  return createNetworkedBus("redis", { ...settings, maxMessageBytes: MAX_MESSAGE_BYTES }, (receiver) =>
    startRedisTransport(url, settings, receiver),
  );
}

function startRedisTransport(url: string, settings: BusSettings, { deliver, listening }: BusReceiver): BusTransport {
  const { channel, publishTimeoutMs, onError } = settings;
  const connectionOptions = {
    connectTimeoutMs: settings.connectTimeoutMs,
    reconnectMaxDelayMs: settings.reconnectMaxDelayMs,
    onError,
  };
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

  subscriber.client.on("ready", subscribe);
  subscriber.client.on("close", () => {
    connectionEpoch += 1;
    listening.set(false);
  });
  subscriber.client.on("message", (messageChannel: string, text: string) => {
    if (messageChannel === channel) deliver(text);
  });

  return {
    send: (text) => publisher.whenReady(publishTimeoutMs).then(() => publisher.client.publish(channel, text)),
    async checkListener() {
      if (subscriber.client.status !== "ready") return;
      const epoch = connectionEpoch;
      await subscriber.client.ping().catch((error: unknown) => redial(epoch, "Redis subscriber did not answer PING", error));
    },
    async close() {
      isClosed = true;
      publisher.close();
      subscriber.close();
    },
  };
}
