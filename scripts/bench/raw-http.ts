/**
 * The machine's ceilings, started by the bench as its own process like the server under test:
 * plain node:http with nothing behind it.
 *   GET /json          a fixed small JSON answer (the HTTP ceiling)
 *   GET /stream        an SSE stream that receives every broadcast (the live baseline)
 *   POST /publish?bytes=N  one message of N bytes of data, sent to every open stream, stamped
 *                      with the time it was sent, as a trade carries the time it happened
 *   GET /stats         this process's RSS
 * Prints {"ready": url, "pid": n} when it listens on 127.0.0.1 and an ephemeral port.
 */
import http from "node:http";
import type { ServerStats } from "./control-protocol";

const FIXED_JSON = JSON.stringify({ result: { data: { serverTime: 1_700_000_000_000 } } });
const streams = new Set<http.ServerResponse>();
let seq = 0;

/** A trade-shaped message whose data is `bytes` long, so the wire cost matches Bourse's frames. */
function message(bytes: number): string {
  seq++;
  const head = `{"kind":"trade","seq":"${seq}","time":"${new Date().toISOString()}","pad":"`;
  const data = `${head}${"x".repeat(Math.max(0, bytes - head.length - 2))}"}`;
  return `id: ${seq}\ndata: ${data}\n\n`;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (req.method === "GET" && url.pathname === "/json") {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(FIXED_JSON) });
    res.end(FIXED_JSON);
    return;
  }
  if (req.method === "GET" && url.pathname === "/stream") {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    res.write('data: {"kind":"hello"}\n\n');
    streams.add(res);
    res.on("close", () => streams.delete(res));
    return;
  }
  if (req.method === "POST" && url.pathname === "/publish") {
    req.resume();
    const frame = message(Number(url.searchParams.get("bytes") ?? 200));
    for (const stream of streams) stream.write(frame);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(`{"delivered":${streams.size}}`);
    return;
  }
  if (req.method === "GET" && url.pathname === "/stats") {
    const usage = process.memoryUsage();
    const stats: ServerStats = { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(stats));
    return;
  }
  res.writeHead(404);
  res.end();
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("raw server has no address");
  console.log(JSON.stringify({ ready: `http://127.0.0.1:${address.port}`, pid: process.pid }));
});

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
