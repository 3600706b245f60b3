import pg from "pg";
import { backoffDelayMs, describeError, ignoreError, withTimeout } from "@/server/cache/resilience";
import {
  type BusReceiver,
  type BusSettings,
  type BusTransport,
  busSettings,
  createNetworkedBus,
  type NetworkedBus,
} from "./networked-bus";

/** The bus's settings, each with a default; the channel must be a lower-case identifier. */
export type PostgresBusOptions = Partial<BusSettings>;

export type PostgresEventBus = NetworkedBus<"postgres">;

/** Postgres refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7_999;
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const RECONNECT_BASE_DELAY_MS = 100;

interface Listener {
  client: pg.Client;
  isDropped(): boolean;
  /** Ends the connection (once) and, unless the bus is closed, schedules the next one. */
  drop(error?: unknown): Promise<void>;
}

/**
 * LISTEN/NOTIFY: a dedicated client LISTENs (a pooled connection would be handed to someone else);
 * when it drops, a new one is dialled with capped backoff and LISTENs again. Publishing goes
 * through a tiny separate pool, so a slow listener never delays a writer.
 */
export function createPostgresBus(url: string, options: PostgresBusOptions = {}): PostgresEventBus {
  const settings = busSettings(
    {
      channel: "bourse_events",
      publishTimeoutMs: 1_000,
      connectTimeoutMs: 5_000,
      reconnectMaxDelayMs: 5_000,
      healthCheckIntervalMs: 15_000,
      maxListeners: 10_000,
      onError: ignoreError,
    },
    options,
  );
  if (!CHANNEL_NAME.test(settings.channel)) {
    throw new RangeError(`channel must be a lower-case identifier, got "${settings.channel}"`);
  }
  return createNetworkedBus("postgres", { ...settings, maxMessageBytes: MAX_NOTIFY_PAYLOAD_BYTES }, (receiver) =>
    startPostgresTransport(url, settings, receiver),
  );
}

function startPostgresTransport(url: string, settings: BusSettings, { deliver, listening }: BusReceiver): BusTransport {
  const { channel, publishTimeoutMs, connectTimeoutMs, reconnectMaxDelayMs, onError } = settings;
  const publisher = new pg.Pool({
    connectionString: url,
    max: 2,
    connectionTimeoutMillis: publishTimeoutMs,
    query_timeout: publishTimeoutMs,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    application_name: "bourse-bus-publisher",
  });
  // Without a listener an idle pooled connection's error (Postgres restarting) kills the process.
  publisher.on("error", (error) => onError(describeError("Postgres bus publisher connection failed", error)));

  let isClosed = false;
  let current: Listener | undefined;
  let connecting: Listener | undefined;
  let failedAttempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  function openListener(): Listener {
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: connectTimeoutMs,
      query_timeout: connectTimeoutMs,
      keepAlive: true,
      application_name: "bourse-bus-listener",
    });
    let ended: Promise<void> | undefined;
    const listener: Listener = {
      client,
      isDropped: () => ended !== undefined,
      drop(error) {
        if (ended) return ended;
        // A polite goodbye can wait forever on a black-holed socket: past the deadline, cut it.
        ended = withTimeout(client.end(), connectTimeoutMs, "listener end").catch(() => {
          client.connection.stream.destroy();
        });
        if (!isClosed) onError(describeError("Postgres bus listener lost, reconnecting", error ?? "ended"));
        if (current === listener) {
          current = undefined;
          listening.set(false);
        }
        scheduleReconnect();
        return ended;
      },
    };
    client.on("error", (error) => listener.drop(error));
    client.on("end", () => listener.drop());
    client.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) deliver(message.payload);
    });
    return listener;
  }

  async function listen(): Promise<void> {
    if (isClosed) return;
    const listener = openListener();
    connecting = listener;
    try {
      await listener.client.connect();
      // Quoted so the name is taken exactly as pg_notify receives it; CHANNEL_NAME rules out quotes.
      await listener.client.query(`LISTEN "${channel}"`);
    } catch (error) {
      void listener.drop(error);
      return;
    } finally {
      if (connecting === listener) connecting = undefined;
    }
    if (isClosed || listener.isDropped()) {
      void listener.drop();
      return;
    }
    current = listener;
    failedAttempts = 0;
    listening.set(true);
  }

  function scheduleReconnect(): void {
    if (isClosed || reconnectTimer) return;
    failedAttempts += 1;
    const delayMs = backoffDelayMs(failedAttempts, { baseMs: RECONNECT_BASE_DELAY_MS, maxMs: reconnectMaxDelayMs });
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void listen();
    }, delayMs);
    // Waiting to reconnect must not be what keeps a script or test process alive.
    reconnectTimer.unref();
  }

  void listen();

  return {
    send: (payload) => publisher.query("select pg_notify($1, $2)", [channel, payload]),
    async checkListener() {
      const listener = current;
      if (!listener) return;
      try {
        await withTimeout(listener.client.query("select 1"), connectTimeoutMs, "listener health check");
      } catch (error) {
        void listener.drop(error);
      }
    },
    async close() {
      isClosed = true;
      clearTimeout(reconnectTimer);
      const listeners = [current, connecting];
      current = undefined;
      const ended = Promise.all([
        ...listeners.map((listener) => listener?.drop()),
        publisher.end().catch((error: unknown) => onError(describeError("Postgres bus pool end failed", error))),
      ]);
      // Bounded: a connection that never answers must not hold up shutdown.
      await withTimeout(ended, connectTimeoutMs, "Postgres bus close").catch(() => {});
    },
  };
}
