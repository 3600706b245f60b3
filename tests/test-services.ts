/**
 * Test support for the integration tests of the cache and the buses (imported by tests only):
 * finding the local Redis and Postgres, and a TCP proxy that can freeze or cut connections to
 * them, which is how a test makes a real service "hang" or "restart" without touching it.
 */
import net from "node:net";
import pg from "pg";

export interface TestService {
  url: string;
  isAvailable: boolean;
  /** Prefix for describe(): says SKIPPED, and why, when the service is not there. */
  label(title: string): string;
}

type ServiceKind = "redis" | "postgres";

const DEFAULT_URLS: Record<ServiceKind, string> = {
  redis: "redis://127.0.0.1:6379",
  postgres: "postgres://postgres@127.0.0.1:5432/test",
};
const PROBE_TIMEOUT_MS = 1_500;

/**
 * TEST_REDIS_URL / TEST_DATABASE_URL when set; otherwise the local default, used when CI is set
 * (where a missing service must fail the run) or when it answers. Otherwise the tests are
 * skipped, with SKIPPED in their names and a warning, so a green run cannot hide them.
 */
export async function findTestService(kind: ServiceKind): Promise<TestService> {
  const explicitUrl = kind === "redis" ? process.env.TEST_REDIS_URL : process.env.TEST_DATABASE_URL;
  const url = explicitUrl ?? DEFAULT_URLS[kind];
  const isAvailable = Boolean(explicitUrl || process.env.CI) || (await probe(kind, url));
  const name = kind === "redis" ? "Redis" : "Postgres";
  const envName = kind === "redis" ? "TEST_REDIS_URL" : "TEST_DATABASE_URL";
  if (!isAvailable) {
    console.warn(`\n*** SKIPPED ${name} integration tests: nothing answered at ${url} (start it or set ${envName}) ***\n`);
  }
  return {
    url,
    isAvailable,
    label: (title) => (isAvailable ? `${title} [${name} ${url}]` : `SKIPPED (no ${name} at ${url}): ${title}`),
  };
}

function probe(kind: ServiceKind, url: string): Promise<boolean> {
  return kind === "redis" ? probeRedis(url) : probePostgres(url);
}

function probeRedis(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish(false));
    socket.once("error", () => finish(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    // Any reply (+PONG, or -NOAUTH on a protected server) means a Redis is listening.
    socket.once("data", () => finish(true));
  });
}

async function probePostgres(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Unique per run, lower-case, safe for Redis keys and Postgres channel names alike. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

export interface TcpProxy {
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlThrough(url: string): string;
  /** Bytes stop flowing both ways but connections stay open: a hung server or a black hole. */
  freeze(): void;
  thaw(): void;
  /** Closes every connection and stops accepting: the service went down. */
  stop(): Promise<void>;
  /** Accepts again on the same port: the service is back. */
  start(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const targetPort = Number(target.port);
  const sockets = new Set<net.Socket>();
  let isFrozen = false;
  let server: net.Server | undefined;
  let port = 0;

  function track(socket: net.Socket): void {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  }

  function bridge(client: net.Socket): void {
    const upstream = net.connect({ host: target.hostname, port: targetPort });
    track(client);
    track(upstream);
    client.on("data", (chunk) => isFrozen || upstream.write(chunk));
    upstream.on("data", (chunk) => isFrozen || client.write(chunk));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  }

  async function start(): Promise<void> {
    const next = net.createServer(bridge);
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => resolve());
    });
    server = next;
    const address = next.address();
    if (address && typeof address === "object") port = address.port;
  }

  async function stop(): Promise<void> {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await start();
  return {
    get port() {
      return port;
    },
    urlThrough(url) {
      const through = new URL(url);
      through.hostname = "127.0.0.1";
      through.port = String(port);
      return through.toString();
    },
    freeze: () => {
      isFrozen = true;
    },
    thaw: () => {
      isFrozen = false;
    },
    stop,
    start,
  };
}
