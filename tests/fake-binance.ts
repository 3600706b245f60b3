/**
 * A Binance-protocol kline venue on 127.0.0.1, for the live kline connector's tests and for
 * running the app locally against it (scripts/fake-binance.ts). It speaks what the connector
 * reads from Binance:
 * - WebSocket, single stream `/ws/<name>` (bare kline events) and combined `/stream?streams=a/b`
 *   (`{stream, data}`), plus SUBSCRIBE requests answered `{"result":null,"id":…}`;
 * - kline events forming and closed; a closed one is also stored in the venue's history;
 * - ping frames (`pingAll`), answered pongs to the client's pings unless silenced;
 * - scripted faults: drop every connection, refuse the next connects (HTTP 503), go silent
 *   (no data, no pongs), send raw text;
 * - REST `GET /api/v3/klines?symbol&interval&startTime&endTime&limit`, served from the stored
 *   history as Binance does (open times in [startTime, endTime], oldest first, at most limit,
 *   which is capped at 1,000), with one scripted failure on demand.
 */
import http from "node:http";
import type net from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { type CandleInterval, intervalMs } from "../src/domain/candles";

export interface FakeKline {
  openTime: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quoteVolume: string;
  trades: number;
  takerBase: string;
  takerQuote: string;
}

export interface FakeBinance {
  /** `ws://127.0.0.1:<port>`, for KLINE_WS_URL. */
  readonly wsUrl: string;
  /** `http://127.0.0.1:<port>`, for KLINE_REST_URL. */
  readonly restUrl: string;
  /** Stores a closed kline in the history only (as if it happened while nobody listened). */
  store(symbol: string, interval: CandleInterval, kline: FakeKline): void;
  /** Sends a kline event to every connection following the stream; a closed one is also stored. */
  send(symbol: string, interval: CandleInterval, kline: FakeKline, isClosed: boolean): void;
  /** Sends text as it is to every connection (a malformed message, say). */
  sendRaw(text: string): void;
  /** Ping frames to every connection. */
  pingAll(): void;
  /** Pong frames received from clients (answers to pingAll). */
  pongs(): number;
  /** Cuts every connection (or those following `stream`), as a network drop would. */
  dropConnections(stream?: string): void;
  /** The next `count` connection attempts (for `stream`, or any) get HTTP 503 instead of a WebSocket. */
  refuseConnects(count: number, stream?: string): void;
  /** Silent: sends nothing and answers no ping, while keeping connections open. */
  setSilent(isSilent: boolean): void;
  /** The next klines request answers this status (with Retry-After, in seconds, if given). */
  failNextRest(status: number, retryAfterSeconds?: number): void;
  /** Open connections now (following `stream`, or all), and every connect attempt so far (accepted or refused), by path. */
  openConnections(stream?: string): number;
  connectAttempts(): string[];
  /** Every klines request so far, as its query parameters. */
  restRequests(): URLSearchParams[];
  close(): Promise<void>;
}

interface Follower {
  socket: WebSocket;
  streams: Set<string>;
  isCombined: boolean;
}

const streamName = (symbol: string, interval: CandleInterval) => `${symbol.toLowerCase()}@kline_${interval}`;
const MAX_LIMIT = 1_000;

export async function startFakeBinance(options: { port?: number } = {}): Promise<FakeBinance> {
  const history = new Map<string, Map<number, FakeKline>>();
  const followers = new Set<Follower>();
  const attempts: string[] = [];
  const requests: URLSearchParams[] = [];
  const sockets = new Set<net.Socket>();
  /** Connects still to refuse, by stream name ("*": any). */
  const refusals = new Map<string, number>();
  let isSilent = false;
  let pongCount = 0;
  let restFailure: { status: number; retryAfterSeconds?: number } | null = null;

  const storeKline = (symbol: string, interval: CandleInterval, kline: FakeKline) => {
    const key = `${symbol}:${interval}`;
    let rows = history.get(key);
    if (!rows) {
      rows = new Map();
      history.set(key, rows);
    }
    rows.set(kline.openTime, kline);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/api/v3/klines") {
      res.writeHead(404, { "content-type": "application/json" }).end('{"code":-1,"msg":"not found"}');
      return;
    }
    requests.push(url.searchParams);
    if (restFailure) {
      const { status, retryAfterSeconds } = restFailure;
      restFailure = null;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
      res.writeHead(status, headers).end('{"code":-1003,"msg":"Too many requests"}');
      return;
    }
    const symbol = url.searchParams.get("symbol") ?? "";
    const interval = (url.searchParams.get("interval") ?? "") as CandleInterval;
    const start = Number(url.searchParams.get("startTime") ?? 0);
    const end = Number(url.searchParams.get("endTime") ?? Number.MAX_SAFE_INTEGER);
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 500), MAX_LIMIT);
    const rows = [...(history.get(`${symbol}:${interval}`)?.values() ?? [])]
      .filter((k) => k.openTime >= start && k.openTime <= end)
      .sort((a, b) => a.openTime - b.openTime)
      .slice(0, limit)
      .map((k) => restRow(k, interval));
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(rows));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const wss = new WebSocketServer({ noServer: true, autoPong: false });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    attempts.push(`${url.pathname}${url.search}`);
    const streams = url.pathname.startsWith("/ws/")
      ? [url.pathname.slice(4)]
      : url.pathname === "/stream"
        ? (url.searchParams.get("streams") ?? "").split("/").filter((s) => s !== "")
        : null;
    const refusedBy = streams === null ? null : ["*", ...streams].find((key) => (refusals.get(key) ?? 0) > 0);
    if (streams === null || refusedBy !== undefined) {
      if (refusedBy) refusals.set(refusedBy, (refusals.get(refusedBy) ?? 1) - 1);
      socket.end(`HTTP/1.1 ${streams === null ? "404 Not Found" : "503 Service Unavailable"}\r\nconnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const follower: Follower = { socket: ws, streams: new Set(streams), isCombined: url.pathname === "/stream" };
      followers.add(follower);
      ws.on("close", () => followers.delete(follower));
      ws.on("error", () => ws.terminate());
      ws.on("ping", (data) => {
        if (!isSilent) ws.pong(data);
      });
      ws.on("pong", () => {
        pongCount += 1;
      });
      ws.on("message", (data) => answerRequest(follower, data.toString()));
    });
  });

  function answerRequest(follower: Follower, text: string): void {
    let request: { method?: unknown; params?: unknown; id?: unknown };
    try {
      request = JSON.parse(text);
    } catch {
      return;
    }
    const params = Array.isArray(request.params) ? request.params.map(String) : [];
    if (request.method === "SUBSCRIBE") for (const p of params) follower.streams.add(p);
    if (request.method === "UNSUBSCRIBE") for (const p of params) follower.streams.delete(p);
    if (!isSilent) follower.socket.send(JSON.stringify({ result: null, id: request.id ?? null }));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("fake binance has no address");
  const host = `127.0.0.1:${address.port}`;

  const openFollowers = (stream?: string) =>
    [...followers].filter((f) => f.socket.readyState === WebSocket.OPEN && (stream === undefined || f.streams.has(stream)));

  return {
    wsUrl: `ws://${host}`,
    restUrl: `http://${host}`,
    store: storeKline,
    send(symbol, interval, kline, isClosed) {
      if (isClosed) storeKline(symbol, interval, kline);
      if (isSilent) return;
      const name = streamName(symbol, interval);
      const event = klineEvent(symbol, interval, kline, isClosed);
      for (const follower of openFollowers()) {
        if (!follower.streams.has(name)) continue;
        follower.socket.send(JSON.stringify(follower.isCombined ? { stream: name, data: event } : event));
      }
    },
    sendRaw(text) {
      for (const follower of openFollowers()) follower.socket.send(text);
    },
    pingAll() {
      for (const follower of openFollowers()) follower.socket.ping();
    },
    pongs: () => pongCount,
    dropConnections(stream) {
      for (const follower of followers) if (stream === undefined || follower.streams.has(stream)) follower.socket.terminate();
    },
    refuseConnects(count, stream) {
      refusals.set(stream ?? "*", count);
    },
    setSilent(value) {
      isSilent = value;
    },
    failNextRest(status, retryAfterSeconds) {
      restFailure = { status, retryAfterSeconds };
    },
    openConnections: (stream) => openFollowers(stream).length,
    connectAttempts: () => [...attempts],
    restRequests: () => [...requests],
    async close() {
      for (const follower of followers) follower.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function klineEvent(symbol: string, interval: CandleInterval, k: FakeKline, isClosed: boolean) {
  return {
    e: "kline",
    E: Date.now(),
    s: symbol,
    k: {
      t: k.openTime,
      T: k.openTime + intervalMs(interval) - 1,
      s: symbol,
      i: interval,
      f: 1,
      L: k.trades,
      o: k.open,
      c: k.close,
      h: k.high,
      l: k.low,
      v: k.volume,
      n: k.trades,
      x: isClosed,
      q: k.quoteVolume,
      V: k.takerBase,
      Q: k.takerQuote,
      B: "0",
    },
  };
}

/** A row of the REST answer: times and the count as numbers, the rest as strings, as Binance sends it. */
function restRow(k: FakeKline, interval: CandleInterval) {
  const closeTime = k.openTime + intervalMs(interval) - 1;
  return [
    k.openTime,
    k.open,
    k.high,
    k.low,
    k.close,
    k.volume,
    closeTime,
    k.quoteVolume,
    k.trades,
    k.takerBase,
    k.takerQuote,
    "0",
  ];
}

/**
 * A plausible kline around `price` (whole units, so it is on any tick up to 1.00), varying with
 * its open time so that neighbours differ; `step` moves the close for a forming candle's updates.
 */
export function fakeKline(openTime: number, price: number, step = 0): FakeKline {
  const wobble = Math.floor(openTime / 60_000) % 7;
  const open = price + wobble;
  const close = open + step;
  const high = Math.max(open, close) + 3;
  const low = Math.min(open, close) - 3;
  const at8 = (n: number) => `${n}.00000000`;
  return {
    openTime,
    open: at8(open),
    high: at8(high),
    low: at8(low),
    close: at8(close),
    volume: `${1 + wobble}.50000000`,
    quoteVolume: at8((1 + wobble) * open + Math.floor(open / 2)),
    trades: 10 + wobble + Math.abs(step),
    takerBase: "1.00000000",
    takerQuote: at8(open),
  };
}
